/**
 * Subnet registration and dissolution (spec §12, §9.5; dtao.md D15): the new pool, the lock cost
 * across registrations, the subnet to prune, the pro-rata payout of a dissolved pool, immunity.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { dtaoState } from "./state.js";
import {
  dissolveSubnet,
  lockCostTao,
  medianSubnetPrice,
  registerSubnet,
  registrationRefusal,
  registryParams,
  subnetRegistry,
  subnetToPrune,
} from "../../../src/mechanisms/dtao/subnet-registry.js";
import { moveStaker } from "../../../src/mechanisms/dtao/staking.js";
import { poolValue } from "../../../src/mechanisms/dtao/swap.js";
import { alphaConservationError, conservationError, type SimState } from "../../../src/state/state.js";
import { ROOT } from "../../../src/intents.js";

const RAO = 1e-9;

/** A network with no subnet yet (the first dynamic subnet), NetworkLastLockBlock = 0 (mult 1). */
function firstSubnet(lock_tao: number, era = "dtao-2026"): SimState {
  const st = dtaoState({ active_subnets: 0, min_lock_tao: lock_tao, last_lock_tao: lock_tao }, { subnets: 2, era });
  st.network.last_lock_tao = lock_tao;
  st.network.last_lock_block = 0;
  return st;
}

for (const [name, lock] of [
  ["low (1,000 rao)", 1000 * RAO],
  ["high (1,000 TAO)", 1e12 * RAO],
] as const) {
  test(`D15 test_register_subnet_${name.startsWith("low") ? "low" : "high"}_lock_cost: lock ${name} ⇒ SubnetTAO = SubnetAlphaIn = lock (median price 1), emission off until start_call`, () => {
    for (const era of ["dtao-2026", "dtao-2025"]) {
      const st = firstSubnet(lock, era);
      const { params, period } = registryParams(st);
      const t = st.network.block + 1;
      assert.equal(lockCostTao(st, t, params), lock);
      assert.equal(medianSubnetPrice(st), 1);
      const liquid0 = st.network.liquid_tao;
      const r = registerSubnet(st, t, params, period);
      const sn = st.subnets;
      assert.equal(r.subnet, 0);
      assert.equal(sn.pool_tao[0], lock, era);
      assert.equal(sn.pool_alpha[0], lock, era);
      assert.equal(sn.lock_tao[0], lock);
      assert.equal(st.network.liquid_tao, liquid0 - lock);
      assert.equal(sn.active[0], 1);
      assert.equal(sn.moving_price[0], 0);
      assert.equal(sn.first_emission_block[0], t + 1);
      assert.equal(st.network.last_lock_tao, lock);
      assert.equal(st.network.last_lock_block, t);
      assert.equal(st.network.subnet_registrations, 1);
      assert.ok(conservationError(st) < 1e-15);
      assert.ok(alphaConservationError(st) < 1e-15);
    }
  });
}

test("the lock doubles at each registration and decays linearly by L/I per block to min_lock (I = 57,600·E, E = 0.5 after the first halving)", () => {
  const st = dtaoState({ active_subnets: 0, min_lock_tao: 10, last_lock_tao: 100 }, { subnets: 4 });
  const { params, period } = registryParams(st);
  assert.equal(st.network.supply.block_emission_tao, 0.5);
  const t0 = st.network.block;
  st.network.last_lock_tao = 100;
  st.network.last_lock_block = t0;
  assert.equal(lockCostTao(st, t0, params), 200);
  const a = registerSubnet(st, t0, params, period);
  assert.equal(a.lock_tao, 200);
  // After half an interval (28,800/2 blocks): 2·200 − 200/28,800·14,400 = 300.
  const b = registerSubnet(st, t0 + 14_400, params, period);
  assert.equal(b.lock_tao, 300);
  assert.equal(b.subnet, 1);
  // A full interval later the cost is back at the last lock; after 2 intervals at min_lock.
  assert.equal(lockCostTao(st, t0 + 14_400 + 28_800, params), 300);
  assert.equal(lockCostTao(st, t0 + 14_400 + 2 * 28_800, params), 10);
  const c = registerSubnet(st, t0 + 14_400 + 2 * 28_800, params, period);
  assert.equal(c.lock_tao, 10);
  assert.equal(lockCostTao(st, t0 + 14_400 + 2 * 28_800, params), 20);
  // The new pools sit at the median price of the others (lock_in_pool, era F): T0 = lock, A0 = lock/median.
  assert.equal(st.subnets.pool_tao[1], 300);
  assert.equal(st.subnets.pool_alpha[1], 300 / 1);
  assert.equal(st.subnets.pool_alpha[2], 10 / ((1 + 1) / 2));
  assert.ok(conservationError(st) < 1e-15);
});

test("era 2025 (lock not in pool): T0 = min_lock at price 1, the rest of the lock recycled", () => {
  const st = dtaoState({ active_subnets: 1, min_lock_tao: 1, last_lock_tao: 1000 }, { subnets: 2, era: "dtao-2025" });
  const { params, period } = registryParams(st);
  st.network.last_lock_tao = 1000;
  st.network.last_lock_block = st.network.block;
  const issued0 = st.network.supply.issuance_tao;
  const r = registerSubnet(st, st.network.block, params, period);
  assert.equal(r.lock_tao, 2000);
  assert.equal(r.pool_tao, 1);
  assert.equal(r.pool_alpha, 1);
  assert.equal(r.recycled_tao, 1999);
  assert.equal(st.network.supply.issuance_tao, issued0 - 1999);
  assert.ok(conservationError(st) < 1e-15);
});

test("subnetToPrune: the lowest EMA price among non-immune subnets; ties → earliest registered, then lowest index; none → −1", () => {
  const st = dtaoState({ pool_tao: 100, pool_alpha: 100, subnet_age_blocks: [900_000, 900_000, 100, 900_000], network_immunity_blocks: 864_000 }, { subnets: 4 });
  const sn = st.subnets;
  const t = st.network.block;
  sn.moving_price.set([0.5, 0.1, 0.05, 0.2]);
  // Subnet 2 has the lowest price but is immune (100 blocks old).
  assert.equal(subnetToPrune(st, t, 864_000), 1);
  // Once its immunity ends, it goes.
  assert.equal(subnetToPrune(st, t + 864_000, 864_000), 2);
  // A tie on price: the earlier registration.
  sn.moving_price.set([0.1, 0.1, 0.05, 0.1]);
  sn.registered_block[3] = sn.registered_block[0]! - 1;
  assert.equal(subnetToPrune(st, t, 864_000), 3);
  sn.registered_block[3] = sn.registered_block[0]!;
  assert.equal(subnetToPrune(st, t, 864_000), 0);
  // Everyone immune: nothing to prune.
  assert.equal(subnetToPrune(st, t, 1e9), -1);
});

test("at the limit a registration dissolves the lowest-EMA non-immune subnet and reuses its slot; all immune ⇒ refused (SubnetLimitReached)", () => {
  const st = dtaoState({ pool_tao: 100, pool_alpha: 100, subnet_age_blocks: [900_000, 900_000, 900_000], subnet_limit: 3, network_immunity_blocks: 864_000, network_rate_limit_blocks: 0 }, { subnets: 3 });
  const { params, period } = registryParams(st);
  st.network.last_lock_tao = 1;
  st.network.last_lock_block = st.network.block;
  const sn = st.subnets;
  sn.moving_price.set([0.3, 0.2, 0.4]);
  const t = st.network.block + 10;
  assert.equal(registrationRefusal(st, t, params), undefined);
  const r = registerSubnet(st, t, params, period);
  assert.equal(r.dissolved, 1);
  assert.equal(r.subnet, 1);
  assert.equal(sn.registered_block[1], t);
  assert.equal(st.network.subnet_dissolutions, 1);
  assert.equal(sn.moving_price[1], 0);
  // Subnets 0 and 2 are old: the next registration prunes 0 (p̄ 0.3 < 0.4; the new one is immune).
  assert.equal(registerSubnet(st, t + 1, params, period).dissolved, 0);
  assert.equal(registerSubnet(st, t + 2, params, period).dissolved, 2);
  // All three are now immune.
  assert.equal(registrationRefusal(st, t + 3, params), "subnet_limit");
  assert.equal(registrationRefusal(st, t + 2 + 864_000, params), undefined);
  assert.ok(conservationError(st) < 1e-12);
  assert.ok(alphaConservationError(st) < 1e-12);
});

test("the rate limit (NetworkRateLimit, default 28,800 blocks = 4 days per dtao.md §3.8) and subnet_max_lock_tao hold registrants back", () => {
  const st = dtaoState({ active_subnets: 0, min_lock_tao: 1, subnet_max_lock_tao: 150 }, { subnets: 3 });
  const { params } = registryParams(st);
  assert.equal(params.network_rate_limit_blocks, 28_800);
  st.network.last_lock_tao = 100;
  st.network.last_lock_block = st.network.block;
  const t0 = st.network.block;
  assert.equal(registrationRefusal(st, t0 + 28_799, params), "rate_limited");
  // At t0 + 28,800 the cost is 2·100 − 100/28,800·28,800 = 100 ≤ 150.
  assert.equal(registrationRefusal(st, t0 + 28_800, params), undefined);
  st.network.last_lock_tao = 1000;
  assert.equal(registrationRefusal(st, t0 + 28_800, params), "lock_above_max");
});

test("dissolution pays the pool's TAO pro-rata by alpha value: nominators and owners onto root, miners/owner/unmodelled holders liquid, the protocol's share recycled", () => {
  const st = dtaoState(
    { pool_tao: 1000, pool_alpha: 2000, subnet_age_blocks: 900_000 },
    {
      subnets: 2,
      validators: "{ v: { count: 2, strategy: honest, stake_tao: 5000, take_frac: 0.18 } }",
      stakers: "{ r: { count: 4, strategy: root, stake_tao: 100 } }",
      miners: "{ m: { count: 2, strategy: honest, quality: 1 } }",
    },
  );
  const sn = st.subnets;
  const v = st.validators;
  const k = st.stakers;
  const S = sn.n;
  // Stakers 0 and 1 stake on subnet 0 through their validators; the owner of validator 0 holds shares too.
  moveStaker(st, 0, 0, 0);
  moveStaker(st, 1, 0, 0);
  const add = (field: "owner_alpha" | "unassigned_alpha" | "protocol_alpha", x: number) => {
    sn[field][0]! += x;
    sn.alpha_out[0]! += x;
    sn.alpha_issued[0]! += x;
  };
  add("owner_alpha", 30);
  add("unassigned_alpha", 20);
  add("protocol_alpha", 10);
  const q0 = 0 * S + 0;
  v.owner_shares[q0]! += v.hotkey_shares[q0]! > 0 ? (40 * v.hotkey_shares[q0]!) / v.hotkey_alpha[q0]! : 40;
  v.hotkey_shares[q0]! += v.hotkey_shares[q0]! > 0 ? (40 * v.hotkey_shares[q0]!) / v.hotkey_alpha[q0]! : 40;
  v.hotkey_alpha[q0]! += 40;
  sn.alpha_out[0]! += 40;
  sn.alpha_issued[0]! += 40;
  const j = st.miners.subnet[0] === 0 ? 0 : 1;
  st.miners.alpha[j] = 50;
  sn.alpha_out[0]! += 50;
  sn.alpha_issued[0]! += 50;
  sn.pending_server_alpha[0] = 7; // pending emission: destroyed unpaid
  sn.alpha_out[0]! += 7;
  sn.alpha_issued[0]! += 7;
  assert.ok(alphaConservationError(st) < 1e-12);
  assert.ok(conservationError(st) < 1e-12);

  const pot = sn.pool_tao[0]!;
  const value = (n: number) => poolValue(v.hotkey_alpha, v.hotkey_shares, k.validator[n]! * S + 0, k.shares[n]!);
  const a0 = value(0);
  const a1 = value(1);
  const ownerAlpha = poolValue(v.hotkey_alpha, v.hotkey_shares, q0, v.owner_shares[q0]!);
  const total = v.hotkey_alpha[0 * S]! + v.hotkey_alpha[1 * S]! + 50 + 30 + 20 + 10;
  const rootBefore = [0, 1].map((i) => poolValue(v.root_tao, v.root_shares, i, v.owner_root_shares[i]!));
  const liquid0 = st.network.liquid_tao;
  const issuance0 = st.network.supply.issuance_tao;
  const d = dissolveSubnet(st, 0, registryParams(st).params);

  const close = (x: number, y: number) => assert.ok(Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(y)), `${x} vs ${y}`);
  close(d.pot_tao, pot);
  assert.equal(k.subnet[0], ROOT);
  assert.equal(k.subnet[1], ROOT);
  close(poolValue(v.root_tao, v.root_shares, k.validator[0]!, k.shares[0]!), (pot * a0) / total);
  close(poolValue(v.root_tao, v.root_shares, k.validator[1]!, k.shares[1]!), (pot * a1) / total);
  close(poolValue(v.root_tao, v.root_shares, 0, v.owner_root_shares[0]!) - rootBefore[0]!, (pot * ownerAlpha) / total);
  close(st.network.liquid_tao - liquid0, (pot * (50 + 30 + 20)) / total);
  close(d.recycled_tao, (pot * 10) / total);
  close(issuance0 - st.network.supply.issuance_tao, (pot * 10) / total);
  // Everything of the subnet is gone.
  for (const col of [sn.pool_tao, sn.pool_alpha, sn.alpha_out, sn.alpha_issued, sn.owner_alpha, sn.unassigned_alpha, sn.protocol_alpha, sn.pending_server_alpha]) assert.equal(col[0], 0);
  assert.equal(v.hotkey_alpha[q0], 0);
  assert.equal(v.owner_shares[q0], 0);
  assert.equal(st.miners.alpha[j], 0);
  assert.equal(sn.active[0], 0);
  assert.ok(conservationError(st) < 1e-12);
  assert.ok(alphaConservationError(st) < 1e-12);
});

test("the mechanism: deterministic arrivals register one per rate-limit window; emission enabled after new_subnet_emission_delay_days", () => {
  const st = dtaoState(
    { active_subnets: 1, subnet_registrations_per_day: 1, subnet_registration_process: "deterministic", network_rate_limit_blocks: 14_400, new_subnet_emission_delay_days: 3, min_lock_tao: 1, last_lock_tao: 1 },
    { subnets: 4 },
  );
  const P = subnetRegistry.init!(st);
  const t0 = st.network.block;
  assert.equal(st.network.last_lock_block, t0);
  const run = (until: number) => {
    for (;;) {
      const t = subnetRegistry.nextBlock(st, P);
      if (t > until) break;
      subnetRegistry.step(st, t, P);
      st.network.block = t;
    }
  };
  run(t0 + 7200);
  // The day-1 arrival waits for the rate limit (2 days after the start's last lock).
  assert.equal(st.network.subnet_registrations, 0);
  run(t0 + 14_400);
  assert.equal(st.network.subnet_registrations, 1);
  assert.equal(st.subnets.registered_block[1], t0 + 14_400);
  assert.equal(st.subnets.emission_enabled[1], 0);
  run(t0 + 14_400 + 3 * 7200);
  assert.equal(st.subnets.emission_enabled[1], 1);
  // Arrivals every day, registrations every 2 days: the queue holds the rest.
  assert.equal(st.network.subnet_registrations, 2);
  assert.ok(conservationError(st) < 1e-12);
});
