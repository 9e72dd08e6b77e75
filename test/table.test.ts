/** The table module: column lookup by name, with errors naming the table and the column. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { column, findColumn, hasColumn, numericColumn, textColumn, type Table } from "../src/table.js";

const t: Table = {
  name: "network",
  rows: 2,
  columns: [
    { def: { name: "block", unit: "block", kind: "int", doc: "" }, data: Float64Array.from([1, 2]) },
    { def: { name: "date", unit: "YYYY-MM-DD", kind: "date", doc: "" }, data: ["2024-01-01", "2024-01-02"] },
  ],
};

test("columns are found by name", () => {
  assert.deepEqual(Array.from(numericColumn(t, "block")), [1, 2]);
  assert.deepEqual(textColumn(t, "date"), ["2024-01-01", "2024-01-02"]);
  assert.equal(column(t, "date"), t.columns[1]!.data);
  assert.equal(findColumn(t, "block"), t.columns[0]);
  assert.equal(findColumn(t, "nope"), undefined);
  assert.equal(hasColumn(t, "block"), true);
  assert.equal(hasColumn(t, "nope"), false);
});

test("a missing column or a column of the wrong kind is an error naming the table and the column", () => {
  assert.throws(() => column(t, "nope"), /table network has no column nope/);
  assert.throws(() => numericColumn(t, "date"), /column date of table network holds text/);
  assert.throws(() => textColumn(t, "block"), /column block of table network holds numbers/);
});
