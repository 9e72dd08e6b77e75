/** network.parquet reads back (hyparquet) to the same columns and values as the table. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { runScenario } from "../../src/index.js";
import { tableToParquet } from "../../src/io/parquet.js";
import { MINIMAL, writeFiles } from "../helpers.js";

test("Parquet round trip: same column names, rows and float64 values", async () => {
  const dir = writeFiles({ "s.yaml": MINIMAL });
  const r = runScenario(join(dir, "s.yaml"));
  const t = r.tables.network;
  const bytes = tableToParquet(t);
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const rows = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
  assert.equal(rows.length, t.rows);
  for (const c of t.columns) {
    for (let i = 0; i < t.rows; i++) {
      const v = rows[i]![c.def.name];
      assert.equal(typeof v === "bigint" ? Number(v) : v, c.data[i], `${c.def.name}[${i}]`);
    }
  }
});
