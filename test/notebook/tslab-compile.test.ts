/**
 * Notebooks compile the library with tslab's own TypeScript 5.0 (non-strict, CommonJS, Node10
 * resolution). This checks every file a notebook can reach compiles there, with file names in the
 * errors (the kernel prints none).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";

test("src compiles under tslab's TypeScript 5.0", () => {
  const tsc = "node_modules/@tslab/typescript-for-tslab/bin/tsc";
  const r = spawnSync(process.execPath, [tsc, "--noEmit", "--target", "es2022", "--lib", "es2022", "--module", "esnext", "--moduleResolution", "node10", "--esModuleInterop", "--skipLibCheck", "--resolveJsonModule", "--types", "node", "src/index.ts", "src/notebook/display.ts"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
