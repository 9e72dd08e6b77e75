/** Writing run folders: the files, the CSV equal to the table, and nothing left behind on failure. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runScenario, writeRunFolder, tableToCsv } from "../../src/index.js";
import { writeTable } from "../../src/runs/write.js";
import { MINIMAL, tempDir, writeFiles } from "../helpers.js";

test("run folder: manifest, CSV, Parquet and report; CSV equals the in-memory table", () => {
  const dir = writeFiles({ "s.yaml": MINIMAL });
  const r = runScenario(join(dir, "s.yaml"));
  const out = writeRunFolder(r, tempDir());
  assert.deepEqual(readdirSync(out).sort(), ["manifest.json", "network.csv", "network.parquet", "report.html", "subnets.csv", "subnets.parquet", "validators.csv", "validators.parquet"]);
  const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  assert.equal(manifest.seed, 1);
  assert.equal(manifest.scenario.hash_sha256, r.compiled.hash);
  assert.ok(manifest.timings_ms.simulate >= 0);
  assert.deepEqual(manifest.tables.network.columns.map((c: { name: string }) => c.name), r.tables.network.columns.map((c) => c.def.name));
  assert.equal(readFileSync(join(out, "network.csv"), "utf8"), tableToCsv(r.tables.network));
  const header = readFileSync(join(out, "network.csv"), "utf8").split("\n")[0]!.split(",");
  for (const c of ["block", "date", "day", "issuance_tao", "block_emission_tao", "emitted_tao", "recycled_tao", "staked_tao", "price_usd"]) assert.ok(header.includes(c), c);
  const html = readFileSync(join(out, "report.html"), "utf8");
  assert.match(html, /Plotly\.newPlot/);
  assert.ok(!/<script src=/.test(html), "report is self-contained");
});

test("a failed write leaves nothing behind", () => {
  const dir = writeFiles({ "s.yaml": MINIMAL });
  const r = runScenario(join(dir, "s.yaml"), { horizonDays: 2 });
  const broken = { ...r, tables: { ...r.tables, network: { ...r.tables.network, columns: r.tables.network.columns.filter((c) => c.def.name !== "issuance_tao") } } };
  const root = tempDir();
  assert.throws(() => writeRunFolder(broken, root), /table network has no column issuance_tao/);
  assert.deepEqual(readdirSync(root), []);
});

test("writeTable writes the formats asked for and returns their bytes", () => {
  const dir = writeFiles({ "s.yaml": MINIMAL });
  const r = runScenario(join(dir, "s.yaml"), { horizonDays: 2 });
  const out = tempDir();
  const files = writeTable(out, r.tables.subnets, ["parquet"]);
  assert.deepEqual(Object.keys(files), ["subnets.parquet"]);
  assert.deepEqual(readdirSync(out), ["subnets.parquet"]);
  assert.ok(readFileSync(join(out, "subnets.parquet")).equals(files["subnets.parquet"] as Uint8Array));
});
