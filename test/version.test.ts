/** src/version.ts matches package.json. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { VERSION } from "../src/version.js";

test("VERSION equals package.json's version", () => {
  assert.equal(VERSION, JSON.parse(readFileSync("package.json", "utf8")).version);
});
