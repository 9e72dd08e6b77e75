/**
 * Refactors must not change results: every committed scenario, run for 8 days, writes a run folder
 * whose tables, report and manifest (less timings, creation time and runtime) hash to the values in
 * test/fixtures/run-hashes.json. A change of results on purpose regenerates the fixture
 * (`node --import tsx scripts/hash-runs.ts --out test/fixtures/run-hashes.json`) in its own commit,
 * saying why.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";

test("scripts/hash-runs.ts --check: every scenario's 8-day run folder is byte-identical to the fixture", () => {
  const root = packageRoot();
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "scripts", "hash-runs.ts"), "--check", join(root, "test", "fixtures", "run-hashes.json")], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, TAOSIM_THREADS: "1" },
  });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /all \d+ scenarios identical/);
});
