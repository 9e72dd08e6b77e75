/**
 * Registration (era B legacy burn): miners whose reward stays below their running cost quit after
 * the patience period; waiting miners register when the expected profit covers the burn, taking
 * empty or pruned slots; the burn price follows registrations; burns are recycled; TAO conserved.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadScenario } from "../../src/index.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { simulate } from "../../src/engine/simulate.js";
import { conservationError } from "../../src/state/state.js";
import { writeFiles } from "../helpers.js";

const SCENARIO = `name: reg
seed: 5
start: { date: "2023-11-20" }
horizon: { days: 12 }
token: { initial_issuance_tao: 6000000, price: { process: constant, initial_usd: 250 } }
network:
  subnets: 2
  hyperparameters: { max_allowed_uids: 24, immunity_period_blocks: 720 }
  registration: { enabled: true, patience_days: 3 }
populations:
  validators:
    v: { count: 4, strategy: honest, stake_tao: 100000 }
  miners:
    m: { count: 80, strategy: honest, quality: { dist: uniform, low: 0.1, high: 1 }, cost_usd_per_day: { dist: uniform, low: 0, high: 60000 } }
record: { every_blocks: 1800 }
`;

function run(text: string) {
  const dir = writeFiles({ "r.yaml": text });
  const c = compileScenario(loadScenario(join(dir, "r.yaml")));
  assert.ok(c.ok, c.ok ? "" : JSON.stringify(c.issues));
  return simulate(c.value);
}

test("registration: exits below cost, entries that pay, burns recycled, slots never overfilled, TAO conserved", () => {
  const out = run(SCENARIO);
  const st = out.state;
  const col = (name: string) => Array.from(out.tables.network.columns.find((c) => c.def.name === name)!.data as Float64Array);
  const serving = col("miners_serving");
  const registered = col("miners_registered");
  assert.equal(registered[0], 40, "20 slots per subnet filled at the start");
  assert.ok(registered.every((x) => x <= 40), "never more miners than slots");
  assert.ok(Math.min(...serving) < 40, `some miners quit: ${Math.min(...serving)}`);
  const regs = col("registrations").reduce((p, q) => p + q, 0);
  assert.ok(regs > 0, "waiting miners registered");
  const burns = col("registration_burn_tao").reduce((p, q) => p + q, 0);
  assert.ok(Math.abs(burns - st.network.recycled_tao) < 1e-9, `burns ${burns} = recycled ${st.network.recycled_tao} (recycle_frac 0)`);
  assert.ok(burns >= regs * 1 - 1e-9, "each registration burns at least min_burn (1 TAO)");
  // Every registered miner that still serves earns at least its cost, or is within its patience.
  assert.ok(conservationError(st) < 1e-12);
  // Each slot holds a distinct miner whose slot field points back.
  const K = st.subnets.slots;
  for (let s = 0; s < st.subnets.n; s++)
    for (let k = 0; k < K; k++) {
      const j = st.subnets.slot_miner[s * K + k]!;
      if (j >= 0) {
        assert.equal(st.miners.slot[j], k);
        assert.equal(st.miners.subnet[j], s);
      }
    }
});

test("registration off: miners beyond the subnet capacity are an input error naming the file and key", () => {
  const dir = writeFiles({ "r.yaml": SCENARIO.replace("  registration: { enabled: true, patience_days: 3 }\n", "") });
  const c = compileScenario(loadScenario(join(dir, "r.yaml")));
  assert.ok(!c.ok);
  assert.match(c.issues[0]!.message, /would hold 44 uids .* max_allowed_uids is 24/);
  assert.equal(c.issues[0]!.path, "populations.miners");
});

test("burn price: rises when registrations exceed the target, stays within [min, max]", () => {
  const out = run(SCENARIO.replace("registration: { enabled: true, patience_days: 3 }", "registration: { enabled: true, patience_days: 3, min_burn_tao: 0.5, initial_burn_tao: 0.5, max_burn_tao: 4 }"));
  const burn = Array.from(out.tables.network.columns.find((c) => c.def.name === "burn_price_tao_mean")!.data as Float64Array);
  assert.ok(Math.max(...burn) > 0.5, `burn moved: ${Math.max(...burn)}`);
  assert.ok(burn.every((b) => b >= 0.5 - 1e-12 && b <= 4 + 1e-12));
});
