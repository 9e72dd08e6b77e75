/**
 * Neuron registration in the dTAO eras (src/mechanisms/dtao/neuron-registration.ts): the burn
 * price decays between events in closed form exactly as block by block, each registration bumps it
 * ×1.26, the burn goes into the subnet's pool and the alpha it buys is burned (TAO and alpha
 * conserved), pruning spares immune uids, and a bad burn is one located input error.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { dtaoState } from "./state.js";
import { dtaoNeuronRegistration, payNeuronBurn } from "../../../src/mechanisms/dtao/neuron-registration.js";
import { dtaoRules } from "../../../src/mechanisms/dtao/coinbase.js";
import { bumpBurn, burnAfterBlocks, stepBurn } from "../../../src/mechanisms/dtao/burn-price.js";
import { alphaForTao } from "../../../src/mechanisms/dtao/amm.js";
import { subnetPrice } from "../../../src/mechanisms/dtao/swap.js";
import { pruneSlot } from "../../../src/mechanisms/miner-entry.js";
import { nextMultiple } from "../../../src/mechanisms/mechanism.js";
import { alphaConservationError, conservationError } from "../../../src/state/state.js";
import { loadScenario, runScenario } from "../../../src/index.js";
import { compileScenario } from "../../../src/scenario/compile.js";
import { numericColumn } from "../../../src/table.js";
import { cli, writeFiles } from "../../helpers.js";

const near = (a: number, b: number, rel = 1e-9) => Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b), 1e-300);

test("dtao_neuron_registration: the burn decays between irregular events exactly as block by block (1e-9), clamped to [MinBurn, MaxBurn]", () => {
  const start = [5, 0.001, 150];
  const st = dtaoState({ pool_tao: 1000, pool_alpha: 1000, neuron_burn_tao: start }, { subnets: 3 });
  assert.deepEqual(Array.from(st.subnets.burn_tao), start, "genesis sets neuron_burn_tao");
  const P = dtaoNeuronRegistration.init!(st);
  const ref = start.slice();
  let t = st.network.block;
  for (const d of [1, 7, 100, 359, 1, 2000, 3333, 17]) {
    for (let k = 0; k < d; k++) for (let s = 0; s < 3; s++) ref[s] = stepBurn(ref[s]!, 360, 0.0005, 100);
    t += d;
    dtaoNeuronRegistration.step(st, t, P);
    for (let s = 0; s < 3; s++) assert.ok(near(st.subnets.burn_tao[s]!, ref[s]!), `subnet ${s} after ${d} blocks: ${st.subnets.burn_tao[s]} vs ${ref[s]}`);
    const n = t - 1_000_000;
    if (n === 468) {
      assert.ok(near(st.subnets.burn_tao[0]!, 5 * 2 ** (-n / 360)), "halves every 360 blocks");
      assert.ok(near(st.subnets.burn_tao[2]!, 100 * 2 ** (-(n - 1) / 360)), "above MaxBurn: clamped at the first block, then halves");
    }
  }
  assert.equal(st.subnets.burn_tao[0], 0.0005, "the floor holds once reached");
  assert.equal(st.subnets.burn_tao[1], 0.0005);
});

test("a registration pays the burn into the pool (TAO reserve +b(1 − fee)), burns the alpha bought and bumps the price ×1.26; TAO and alpha conserved", () => {
  const st = dtaoState({ pool_tao: 1000, pool_alpha: 20000, alpha_out: 5000, neuron_burn_tao: 2 }, { validators: "{ v: { count: 2, strategy: honest, stake_tao: 1000 } }" });
  const sn = st.subnets;
  const fee = dtaoRules(st).params.swap_fee_frac;
  assert.ok(fee > 0);
  const [T, A, out, liquid, issuance, p] = [sn.pool_tao[0]!, sn.pool_alpha[0]!, sn.alpha_out[0]!, st.network.liquid_tao, sn.pool_alpha[0]! + sn.alpha_out[0]!, subnetPrice(st, 0)];
  const terms = { mult: 1.26, minBurn: 0.0005, maxBurn: 100 };
  assert.ok(payNeuronBurn(st, 0, 2, fee, terms));
  const alpha = alphaForTao(T, A, 0.5, 2 * (1 - fee));
  assert.ok(near(sn.pool_tao[0]!, T + 2 * (1 - fee), 1e-15), "the burn (less the fee) is in the TAO reserve");
  assert.ok(near(sn.pool_alpha[0]!, A - alpha, 1e-15), "the alpha bought left the pool");
  assert.equal(sn.alpha_out[0], out, "… and was burned, not held");
  assert.ok(near(sn.pool_alpha[0]! + sn.alpha_out[0]!, issuance - alpha, 1e-15), "alpha issuance fell by the alpha bought");
  assert.ok(near(sn.alpha_recycled[0]!, alpha, 1e-15));
  assert.ok(near(st.network.liquid_tao, liquid - 2 * (1 - fee), 1e-15), "the miner's TAO left liquid; the fee went to the block author (liquid)");
  assert.ok(subnetPrice(st, 0) > p, "the price rose");
  assert.ok(near(sn.burn_tao[0]!, 2 * 1.26, 1e-15), "bumped ×1.26");
  assert.equal(st.network.neuron_registration_tao, 2);
  assert.equal(sn.interval_neuron_registrations[0], 1);
  assert.ok(conservationError(st) < 1e-9 && alphaConservationError(st) < 1e-9);
  // The bump is capped at MaxBurn.
  assert.ok(payNeuronBurn(st, 0, 90, fee, terms));
  assert.equal(sn.burn_tao[0], 100);
  // A miner without the TAO does not register.
  assert.equal(payNeuronBurn(st, 0, st.network.liquid_tao + 1, fee, terms), false);
  assert.ok(conservationError(st) < 1e-9 && alphaConservationError(st) < 1e-9);
});

/** One subnet with 5 miner slots (6 uids, one validator) and `miners` miners, registration on. */
function roundState(miners: number, dtao: Record<string, unknown> = {}) {
  return dtaoState(
    { pool_tao: 1000, pool_alpha: 1000, neuron_burn_tao: 3, ...dtao },
    {
      hyperparameters: "max_allowed_uids: 6, immunity_period_blocks: 4096",
      registration: "{ enabled: true }",
      validators: "{ v: { count: 1, strategy: honest, stake_tao: 1000 } }",
      miners: `{ m: { count: ${miners}, strategy: honest, quality: 1 } }`,
    },
  );
}

test("a registration round: the price decays since the last event, then each entry pays the current price and bumps it ×1.26", () => {
  const st = roundState(8);
  assert.equal(st.subnets.slots, 5);
  const P = dtaoNeuronRegistration.init!(st);
  const t0 = st.network.block;
  const t = nextMultiple(t0, 100);
  const T = st.subnets.pool_tao[0]!;
  dtaoNeuronRegistration.step(st, t, P);
  const r = st.subnets.interval_neuron_registrations[0]!;
  assert.equal(r, 3, "the three waiting miners entered (MinNonImmuneUids 10: immune uids are pruned)");
  let price = burnAfterBlocks(3, t - t0, 360, 0.0005, 100);
  let paid = 0;
  for (let k = 0; k < r; k++) {
    paid += price;
    price = bumpBurn(price, 1.26, 0.0005, 100);
  }
  assert.ok(near(st.subnets.burn_tao[0]!, price, 1e-12), `burn ${st.subnets.burn_tao[0]} vs ${price}`);
  assert.ok(near(st.network.neuron_registration_tao, paid, 1e-12));
  const fee = dtaoRules(st).params.swap_fee_frac;
  assert.ok(near(st.subnets.pool_tao[0]!, T + paid * (1 - fee), 1e-12), "every burn went into the pool");
  let registered = 0;
  for (let j = 0; j < st.miners.n; j++) if (st.miners.slot[j]! >= 0) registered++;
  assert.equal(registered, 5, "never more miners than slots");
  assert.ok(conservationError(st) < 1e-9 && alphaConservationError(st) < 1e-9);
});

test("pruning: the lowest-emission uid outside immunity (ties: the earliest registration); immune uids only when too few are not", () => {
  const st = roundState(6, { neuron_immunity_blocks: 4096, neuron_min_non_immune_uids: 0 });
  const sn = st.subnets;
  const mn = st.miners;
  const t = nextMultiple(st.network.block + 10_000, 100);
  const age = [100, 5000, 6000, 5000, 100];
  const score = [0, 3, 2, 2, 0.5];
  const slotted: number[] = [];
  for (let k = 0; k < 5; k++) {
    const j = sn.slot_miner[k]!;
    slotted.push(j);
    mn.registered_block[j] = t - age[k]!;
    mn.last_epoch_tao[j] = score[k]!;
  }
  assert.equal(pruneSlot(st, 0, t, 4096, 0), 2, "score 2 twice: the earlier registration (slot 2); slots 0 and 4 are immune");
  assert.equal(pruneSlot(st, 0, t, 4096, 3), 0, "3 uids outside immunity ≤ MinNonImmuneUids 3: the lowest immune one");
  assert.equal(pruneSlot(st, 0, t, 100_000, 0), 0, "all immune: the lowest among them");
  // Through the mechanism: the one waiting miner takes slot 2; the immune low scorers keep theirs.
  const waiting = Array.from({ length: mn.n }, (_, j) => j).find((j) => mn.slot[j]! < 0)!;
  const P = dtaoNeuronRegistration.init!(st);
  dtaoNeuronRegistration.step(st, t, P);
  assert.equal(sn.slot_miner[2], waiting);
  assert.equal(mn.slot[slotted[2]!], -1, "the pruned miner lost its uid");
  for (const k of [0, 1, 3, 4]) assert.equal(sn.slot_miner[k], slotted[k], `slot ${k} kept`);
  assert.equal(mn.registered_block[waiting], t);
});

const RUN = `name: dtao-neurons
seed: 3
start: { date: "2026-08-01", block: 7000000 }
horizon: { days: 6 }
token: { initial_issuance_tao: 11190000, price: { process: constant, initial_usd: 300 } }
network:
  era: dtao-2026
  subnets: 3
  consensus: ideal
  hyperparameters: { tempo: 360, owner_cut_frac: 0.18, max_allowed_uids: 12, immunity_period_blocks: 720 }
  registration: { enabled: true, patience_days: 2 }
  dtao:
    pool_tao: "5000 / (s + 1)"
    pool_alpha: 50000
    alpha_out: 200000
    subnet_age_blocks: 2000000
    neuron_burn_tao: [0.5, 2, 8]
populations:
  validators: { v: { count: 2, strategy: honest, stake_tao: 50000 } }
  stakers: { r: { count: 10, strategy: root, stake_tao: 10000 } }
  miners:
    m: { count: 60, strategy: honest, quality: { dist: uniform, low: 0.1, high: 1 }, cost_usd_per_day: { dist: uniform, low: 0, high: 9000 }, sell_frac: 0.5 }
record: { every_blocks: 1800 }
`;

test("a dTAO run with registration on: registrations recorded per pool and for the network, burn prices within bounds (the engine checks TAO and alpha conservation at every row)", () => {
  const r = runScenario(join(writeFiles({ "n.yaml": RUN }), "n.yaml"), { threads: 1 });
  const net = r.tables.network;
  const pools = r.tables.pools!;
  const regs = numericColumn(net, "registrations").reduce((a, b) => a + b, 0);
  const poolRegs = numericColumn(pools, "neuron_registrations").reduce((a, b) => a + b, 0);
  assert.ok(regs > 0, "waiting miners registered");
  assert.equal(poolRegs, regs);
  const paid = numericColumn(net, "registration_burn_tao").reduce((a, b) => a + b, 0);
  const total = numericColumn(net, "neuron_registration_tao");
  assert.ok(near(total[total.length - 1]!, paid, 1e-12), `cumulative ${total[total.length - 1]} = Σ interval ${paid}`);
  assert.ok(numericColumn(pools, "burn_tao").every((b) => b >= 0.0005 && b <= 100));
  });

test("TAOSIM_CHECK: a dTAO run with registration keeps the mutation contract (declared reads and writes)", () => {
  const r = runScenario(join(writeFiles({ "n.yaml": RUN }), "n.yaml"), { threads: 1, horizonDays: 2, checkContract: true });
  assert.ok(numericColumn(r.tables.network, "registrations").some((x) => x > 0));
});

test("bad input: a negative neuron burn, a negative burn from an expression, MinBurn above MaxBurn: one located error each", async () => {
  const dir = writeFiles({ "n.yaml": RUN.replace("neuron_burn_tao: [0.5, 2, 8]", "neuron_burn_tao: -1") });
  const out = await cli(["validate", join(dir, "n.yaml")]);
  assert.notEqual(out.code, 0);
  assert.match(out.err, /n\.yaml:\d+.*network\.dtao\.neuron_burn_tao|network\.dtao\.neuron_burn_tao[\s\S]*n\.yaml:\d+/);
  assert.ok(!out.err.includes("    at "), "no stack trace");
  const compileIssues = (text: string) => {
    const c = compileScenario(loadScenario(join(writeFiles({ "n.yaml": text }), "n.yaml")));
    assert.ok(!c.ok);
    return c.issues;
  };
  const expr = compileIssues(RUN.replace("neuron_burn_tao: [0.5, 2, 8]", 'neuron_burn_tao: "1 - s"'));
  assert.equal(expr.length, 1);
  assert.equal(expr[0]!.path, "network.dtao.neuron_burn_tao");
  assert.match(expr[0]!.message, /subnet 1 has 0/);
  assert.ok(expr[0]!.line! > 0);
  const minMax = compileIssues(RUN.replace("neuron_burn_tao: [0.5, 2, 8]", "neuron_burn_tao: 1\n    neuron_min_burn_tao: 5\n    neuron_max_burn_tao: 2"));
  assert.equal(minMax.length, 1);
  assert.equal(minMax[0]!.path, "network.dtao.neuron_min_burn_tao");
});
