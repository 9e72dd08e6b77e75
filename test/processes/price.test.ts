/** Price processes: constant, GBM (seeded, lognormal moments), CSV (step), expression. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { buildPricePath, type PriceSpec } from "../../src/processes/price.js";
import { stream } from "../../src/rng.js";
import { parseIsoDate } from "../../src/units.js";
import { writeFiles } from "../helpers.js";
import { join } from "node:path";

const build = (spec: PriceSpec, days: number, seed = 1, dir = ".") =>
  buildPricePath({ spec, days, startMs: parseIsoDate("2024-01-01"), startBlock: 0, rng: stream(seed, "process/price"), resolvePath: (p) => ({ ok: true, abs: join(dir, p) }), at: () => ({ file: "x", line: 1, col: 1 }) });

test("GBM: same seed same path; mean of log-returns ≈ (μ − σ²/2)Δ", () => {
  const spec: PriceSpec = { process: "gbm", initial_usd: 100, drift_per_year: 0.2, volatility_per_year: 0.5 };
  const a = build(spec, 20_000);
  const b = build(spec, 20_000);
  assert.ok(a.ok && b.ok);
  assert.deepEqual(Array.from(a.path), Array.from(b.path));
  const meanLog = Math.log(a.path[20_000]! / 100) / 20_000;
  const expected = (0.2 - 0.125) / 365;
  const se = 0.5 / Math.sqrt(365) / Math.sqrt(20_000);
  assert.ok(Math.abs(meanLog - expected) < 4 * se, `${meanLog} vs ${expected}`);
});

test("CSV: step function of the last date on or before each day", () => {
  const dir = writeFiles({ "p.csv": "date,price_usd\n2023-12-01,50\n2024-01-03,70\n2024-01-04,80\n" });
  const r = build({ process: "csv", path: "p.csv" }, 5, 1, dir);
  assert.ok(r.ok);
  assert.deepEqual(Array.from(r.path), [50, 50, 70, 80, 80, 80]);
});

test("expression: evaluated per day", () => {
  const r = build({ process: "expr", expr: "100 + day" }, 3);
  assert.ok(r.ok);
  assert.deepEqual(Array.from(r.path), [100, 101, 102, 103]);
});
