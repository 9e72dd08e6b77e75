// Runs every notebooks/*.ipynb headlessly through scripts/run_notebook.py (tslab kernel)
// and fails with the runner's output (failing cell + its stderr) when a notebook errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const root = process.cwd();
const notebooks = readdirSync(join(root, "notebooks"))
  .filter((f) => f.endsWith(".ipynb"))
  .sort();

for (const nb of notebooks) {
  test(`notebook ${nb} runs without errors`, { timeout: 10 * 60_000 }, () => {
    const r = spawnSync("/usr/bin/python3", ["scripts/run_notebook.py", join("notebooks", nb)], {
      cwd: root,
      encoding: "utf8",
      timeout: 10 * 60_000,
    });
    assert.equal(r.status, 0, `run_notebook.py ${nb} exited ${r.status ?? r.signal}\n${r.stderr}\n${r.stdout}`);
  });
}
