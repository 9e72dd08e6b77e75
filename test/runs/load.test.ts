/** Reading run folders back: a written folder loads to the same manifest and tables, value for value. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadRun, runScenario, writeRunFolder } from "../../src/index.js";
import { tableToCsv } from "../../src/io/csv.js";
import { tempDir, writeFiles, MINIMAL } from "../helpers.js";

test("loadRun: a written run folder loads back with the same manifest, columns (name, unit, kind, meaning) and values", async () => {
  const dir = writeFiles({ "s.yaml": MINIMAL.replace("horizon:\n  days: 30", "horizon:\n  days: 5") });
  const r = runScenario(join(dir, "s.yaml"), { threads: 1 });
  const folder = writeRunFolder(r, tempDir());
  const run = await loadRun(folder);
  assert.equal(run.dir, folder);
  assert.deepEqual(run.manifest, JSON.parse(readFileSync(join(folder, "manifest.json"), "utf8")));
  for (const name of ["network", "validators", "subnets"] as const) {
    const want = r.tables[name];
    const got = run.tables[name];
    assert.equal(got.name, name);
    assert.equal(got.rows, want.rows);
    assert.ok(want.rows > 0);
    assert.deepEqual(
      got.columns.map((c) => c.def),
      want.columns.map(({ def }) => ({ name: def.name, unit: def.unit, kind: def.kind, doc: def.doc })),
    );
    for (let k = 0; k < want.columns.length; k++) assert.deepEqual(got.columns[k]!.data, want.columns[k]!.data, `${name}.${want.columns[k]!.def.name}`);
    // And so it writes back to the same bytes.
    assert.equal(tableToCsv(got), readFileSync(join(folder, `${name}.csv`), "utf8"));
  }
});

test("loadRun on a folder that is not a run folder names what is missing", async () => {
  await assert.rejects(loadRun(tempDir()), /not a run folder \(no manifest\.json\)/);
});
