/**
 * The agent economy as a whole: over 10 years, with registration, yield chasing, a cartel and the
 * root network, emitted TAO = Σ liquid + Σ stake + pending + unassigned + recycled to 1e-9; and a
 * Yuma run with noisy strategies is identical for the same seed.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadScenario } from "../../src/index.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { simulate } from "../../src/engine/simulate.js";
import { conservationError } from "../../src/state/state.js";
import { tableToCsv } from "../../src/io/csv.js";
import { packageRoot } from "../../src/paths.js";
import { writeFiles, compileWithOptions } from "../helpers.js";

const MIXED = `name: mixed
seed: 11
start: { date: "2023-11-20" }
horizon: { days: 3650 }
token: { initial_issuance_tao: 5650000, recycle_frac: 0.01, price: { process: gbm, initial_usd: 250, drift_per_year: 0.1, volatility_per_year: 0.8 } }
network:
  subnets: 4
  subnet_emission: root
  hyperparameters: { max_allowed_uids: 40 }
  registration: { enabled: true }
populations:
  validators:
    honest: { count: 6, strategy: honest, stake_tao: { dist: lognormal, median: 20000, sigma: 1 }, take_frac: 0.18 }
    cheap: { count: 2, strategy: honest, stake_tao: 5000, take_frac: 0.05 }
    cabal: { count: 2, strategy: cartel, params: { cartel_weight_frac: 0.8 }, stake_tao: 10000 }
  miners:
    m: { count: 140, strategy: honest, quality: { dist: beta, a: 2, b: 3 }, cost_usd_per_day: { dist: lognormal, median: 20000, sigma: 1 } }
    own: { count: 4, strategy: cartel, quality: 0.1 }
  stakers:
    chasers: { count: 200, strategy: yield_chasing, stake_tao: { dist: lognormal, median: 500, sigma: 1 } }
    sitters: { count: 200, strategy: passive, params: { compound: false }, stake_tao: { dist: lognormal, median: 500, sigma: 1 } }
record: { every_blocks: 72000 }
`;

test("conservation over 10 years of the mixed economy (registration, root, restaking, cartel): ≤ 1e-9 at every recording point", () => {
  const dir = writeFiles({ "m.yaml": MIXED });
  const c = compileScenario(loadScenario(join(dir, "m.yaml")));
  assert.ok(c.ok, c.ok ? "" : JSON.stringify(c.issues));
  const out = simulate(c.value); // simulate itself throws if any recording point exceeds 1e-9
  const err = out.tables.network.columns.find((x) => x.def.name === "conservation_error_frac")!.data as Float64Array;
  assert.ok(Math.max(...err) <= 1e-9, `max error ${Math.max(...err)}`);
  assert.ok(conservationError(out.state) <= 1e-9);
  assert.ok(out.state.network.recycled_tao > 0);
});

test("same seed ⇒ identical tables for a Yuma run with noisy validators, a cartel and drifting miners", () => {
  const file = join(packageRoot(), "scenarios", "cartel.yaml");
  const run = () => {
    const c = compileWithOptions(loadScenario(file), { horizonDays: 3 });
    assert.ok(c.ok);
    const t = simulate(c.value).tables;
    return tableToCsv(t.network) + tableToCsv(t.validators) + tableToCsv(t.subnets);
  };
  assert.equal(run(), run());
});

test("the noise worker thread changes nothing: a long Yuma run gives identical tables with 1 and 2 threads", () => {
  // 8 days of the full 32 × 256 network: ~4e7 draws, above the threshold for the worker.
  const file = join(packageRoot(), "scenarios", "mainnet-2023-yuma.yaml");
  const c = compileWithOptions(loadScenario(file), { horizonDays: 8 });
  assert.ok(c.ok);
  const run = (threads: number, workers: number) => {
    const out = simulate(c.value, { threads });
    assert.equal(out.state.runtime.workers_started ?? 0, workers, `worker threads started with ${threads} thread(s)`);
    const t = out.tables;
    return tableToCsv(t.network) + tableToCsv(t.validators) + tableToCsv(t.subnets);
  };
  const one = run(1, 0);
  assert.equal(run(2, 1), one);
});
