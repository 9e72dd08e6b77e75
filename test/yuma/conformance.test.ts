/**
 * Conformance: every yuma-case/1 file in ../shared/conformance/yuma passes `taosim yuma --check`
 * (the same code path a user runs). The set is read from the folder, so new cases are picked up.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../helpers.js";

const dir = [join(process.cwd(), "..", "shared", "conformance", "yuma"), "/work/shared/conformance/yuma"].find(existsSync)!;
const cases = readdirSync(dir).filter((f) => f.endsWith(".json") && f !== "index.json" && !f.endsWith(".schema.json")).sort();

test("the conformance folder has cases", () => {
  assert.ok(cases.length >= 38, `${cases.length} cases in ${dir}`);
});

for (const f of cases) {
  test(`conformance: ${f}`, async () => {
    const r = await cli(["yuma", join(dir, f), "--check"]);
    assert.equal(r.code, 0, `${r.out}\n${r.err}`);
    assert.match(r.out, /: PASS\n/);
  });
}
