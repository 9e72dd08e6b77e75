/** The price spec compiled into a daily path: each process, the CSV file and the expression, and their issues. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { buildPricePath, type PriceSpec } from "../../src/scenario/price-path.js";
import { gbmPricePath } from "../../src/processes/price.js";
import { stream } from "../../src/rng.js";
import { parseIsoDate } from "../../src/units.js";
import { writeFiles } from "../helpers.js";

const build = (spec: PriceSpec, days: number, seed = 1, dir = ".") =>
  buildPricePath({ spec, days, startMs: parseIsoDate("2024-01-01"), startBlock: 0, rng: stream(seed, "process/price"), resolvePath: (p) => ({ ok: true, abs: join(dir, p) }), at: () => ({ file: "x", line: 1, col: 1 }) });

test("GBM: the process's path from the given stream", () => {
  const r = build({ process: "gbm", initial_usd: 100, drift_per_year: 0.2, volatility_per_year: 0.5 }, 500, 3);
  assert.ok(r.ok);
  assert.deepStrictEqual(r.path, gbmPricePath(500, 100, 0.2, 0.5, stream(3, "process/price")));
});

test("CSV: step function of the last date on or before each day", () => {
  const dir = writeFiles({ "p.csv": "date,price_usd\n2023-12-01,50\n2024-01-03,70\n2024-01-04,80\n" });
  const r = build({ process: "csv", path: "p.csv" }, 5, 1, dir);
  assert.ok(r.ok);
  assert.deepEqual(Array.from(r.path), [50, 50, 70, 80, 80, 80]);
});

test("CSV: a date out of order is an issue at its line and column", () => {
  const dir = writeFiles({ "p.csv": "date,price_usd\n2024-01-03,70\n2024-01-02,80\n" });
  const r = build({ process: "csv", path: "p.csv" }, 5, 1, dir);
  assert.ok(r.ok === false);
  assert.equal(r.issues[0]!.line, 3);
  assert.equal(r.issues[0]!.col, 1);
  assert.match(r.issues[0]!.message, /increasing/);
});

test("expression: evaluated per day; a non-positive value is an issue", () => {
  const r = build({ process: "expr", expr: "100 + day" }, 3);
  assert.ok(r.ok);
  assert.deepEqual(Array.from(r.path), [100, 101, 102, 103]);
  const bad = build({ process: "expr", expr: "2 - day" }, 3);
  assert.ok(bad.ok === false);
  assert.match(bad.issues[0]!.message, /on day 2/);
});
