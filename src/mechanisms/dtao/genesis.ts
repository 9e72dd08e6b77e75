/**
 * The start of a dTAO run: the network as the scenario describes it at its start date (spec §9.5,
 * §8; the launch migration `migrate_rao` seeded every pool with 1 TAO : 1 alpha and moved all stake
 * to root).
 *
 *   subnets s < active_subnets: registered, emitting, pool (T, A) from `network.dtao.pool_tao` /
 *     `pool_alpha`, w = ½, unmodelled alpha outstanding `alpha_out`, EMA price given or min(p, 1)
 *     (the raw spot where the era does not cap), first emission `subnet_age_blocks` ago, neuron
 *     burn price `neuron_burn_tao`
 *   validators: the owner's stake goes to root through its own hotkey (its root pool's first shares)
 *   stakers: each places its TAO where its strategy starts it (PortfolioManager.start): on root
 *     through its validator (1:1), or as alpha on subnet s at the pool's spot price p, α = τ/p —
 *     a position the scenario says exists at the start, its TAO already in the pool's reserve;
 *     with `start_on_root`, or after a 2023 era, every staker starts on root
 *   miners: their stake becomes liquid TAO
 *   liquid TAO = issuance − root stake − Σ pool TAO − unassigned (compile checks it is not negative)
 * After a 2023 era (network.eras) this is the launch migration: validators' pending dividends join
 * their stake first, and subnets' pending emission is dropped. A dTAO era that follows another
 * finds the pools registered and changes nothing. Nothing here runs after the start (nextBlock = ∞).
 */
import { defineMechanism } from "../mechanism.js";
import { dtaoRules } from "./coinbase.js";
import { portfolioView } from "./portfolio-view.js";
import { addToPool, subnetPrice } from "./swap.js";
import { ROOT } from "../../intents.js";
import type { SimState } from "../../state/state.js";

export function dtaoGenesis(st: SimState): void {
  const sn0 = st.subnets;
  // A later dTAO era continues the pools it finds (taoflow after dtao-2025, …).
  for (let s = 0; s < sn0.n; s++) if (sn0.active[s]) return;
  const { params } = dtaoRules(st);
  const per = st.compiled.dtao_per_subnet ?? {};
  // A key the scenario leaves out takes its schema default (a number) for every subnet.
  const value = (key: string, s: number): number => per[key]?.[s] ?? (params as unknown as Record<string, number>)[key]!;
  const sn = st.subnets;
  const net = st.network;
  const S = sn.n;
  const block = net.block;
  for (let s = 0; s < S; s++) {
    const on = s < params.active_subnets;
    sn.active[s] = on ? 1 : 0;
    if (!on) {
      sn.first_emission_block[s] = Infinity;
      sn.next_epoch_block[s] = Infinity;
      continue;
    }
    sn.emission_enabled[s] = 1;
    const age = value("subnet_age_blocks", s);
    sn.first_emission_block[s] = block - age + 1;
    sn.registered_block[s] = block - age;
    sn.pool_tao[s] = value("pool_tao", s);
    sn.pool_alpha[s] = value("pool_alpha", s);
    sn.pool_weight[s] = 0.5;
    const out = value("alpha_out", s);
    sn.alpha_out[s] = out;
    sn.unassigned_alpha[s] = out;
    sn.alpha_issued[s] = sn.pool_alpha[s]! + out;
    const p = subnetPrice(st, s);
    sn.moving_price[s] = per.moving_price ? per.moving_price[s]! : params.cap_moving_price ? Math.min(p, 1) : p;
    sn.miner_burned_frac[s] = value("owner_miner_burn_frac", s);
    sn.burn_tao[s] = value("neuron_burn_tao", s);
  }
  // Validators' own stake (with dividends a 2023 era left pending) → root; a 2023 subnet's
  // pending emission is not carried over (liquid below balances it).
  const v = st.validators;
  sn.pending_tao.fill(0);
  for (let i = 0; i < v.n; i++) {
    const x = v.self_stake_tao[i]! + v.pending_dividends_tao[i]!;
    v.pending_dividends_tao[i] = 0;
    v.self_stake_tao[i] = 0;
    v.owner_root_shares[i]! += addToPool(v.root_tao, v.root_shares, i, x);
  }
  // Stakers → root or alpha, as their strategies start.
  const k = st.stakers;
  const V = portfolioView(st, params);
  for (let i = 0; i < v.n; i++) net.root_stake_tao += v.root_tao[i]!;
  V.refresh();
  const groups = st.compiled.populations.groups;
  // The launch migration (a 2023 era ran before: the run started earlier) put every stake on root.
  const startOnRoot = params.start_on_root || block > st.compiled.start_block;
  for (let g = 0; g < groups.length; g++) {
    const grp = groups[g]!;
    if (grp.kind !== "stakers") continue;
    const hook = st.agents.groups[g]!.portfolio!;
    for (let i = grp.start; i < grp.end; i++) {
      const tao = k.stake_tao[i]!;
      k.stake_tao[i] = 0;
      k.paid_in_tao[i] = tao;
      const val = k.validator[i]!;
      let s = startOnRoot ? ROOT : hook.start(i, V.view);
      if (s !== ROOT && !(s >= 0 && s < S && sn.active[s])) s = ROOT;
      k.subnet[i] = s;
      if (s === ROOT) {
        k.shares[i] = addToPool(v.root_tao, v.root_shares, val, tao);
        net.root_stake_tao += tao;
      } else {
        const p = subnetPrice(st, s);
        const alpha = p > 0 ? tao / p : 0;
        k.shares[i] = addToPool(v.hotkey_alpha, v.hotkey_shares, val * S + s, alpha);
        sn.alpha_out[s]! += alpha;
        sn.alpha_issued[s]! += alpha;
        V.touch(s);
      }
    }
  }
  // Miners' stake → liquid; the nominated totals of the 2023 model no longer apply.
  const m = st.miners;
  m.stake_tao.fill(0);
  v.nominated_tao.fill(0);
  let pools = 0;
  for (let s = 0; s < S; s++) pools += sn.pool_tao[s]!;
  net.liquid_tao = net.supply.issuance_tao - net.root_stake_tao - pools - net.unassigned_tao;
  net.stake_version++;
}

export const genesis = defineMechanism<undefined>({
  name: "dtao_genesis",
  mirrors: "migrations/migrate_rao.rs (pools and root stake at the start); subnets/subnet.rs :: do_register_network (pool state)",
  reads: ["network.unassigned_tao", "network.supply", "network.root_sell_flag", "subnets.root_prop_frac", "validators.take_frac", "stakers.validator"],
  writes: [
    "subnets.active", "subnets.emission_enabled", "subnets.first_emission_block", "subnets.registered_block", "subnets.next_epoch_block",
    "subnets.pool_tao", "subnets.pool_alpha", "subnets.pool_weight", "subnets.alpha_out", "subnets.unassigned_alpha", "subnets.alpha_issued",
    "subnets.moving_price", "subnets.miner_burned_frac", "subnets.burn_tao", "validators.self_stake_tao", "validators.root_tao", "validators.root_shares",
    "validators.owner_root_shares", "validators.pending_dividends_tao", "subnets.pending_tao", "validators.hotkey_alpha", "validators.hotkey_shares", "validators.nominated_tao", "stakers.stake_tao",
    "stakers.paid_in_tao", "stakers.subnet", "stakers.shares", "miners.stake_tao", "network.root_stake_tao", "network.liquid_tao", "network.stake_version",
  ],
  params: ["network.dtao.start_on_root", "network.dtao.active_subnets", "network.dtao.pool_tao", "network.dtao.pool_alpha", "network.dtao.alpha_out", "network.dtao.moving_price", "network.dtao.subnet_age_blocks", "network.dtao.owner_miner_burn_frac", "network.dtao.neuron_burn_tao"],
  init(st) {
    dtaoGenesis(st);
    return undefined;
  },
  nextBlock: () => Infinity,
  step() {},
});
