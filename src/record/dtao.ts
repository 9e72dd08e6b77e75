/**
 * What a dTAO run records beyond the common tables: network columns about pools, root and alpha
 * staking, and the `pools` table (one row per subnet per recording point). Amounts over the
 * interval since the previous row, yields annualised over it:
 *
 *   apy_root_frac               root dividends restaked on root (after take) / root stake at the
 *                               interval start                                      TAO per TAO
 *   apy_alpha_frac  (per pool)  alpha dividends after take added to validators' pools on the subnet
 *                               / alpha staked there at the interval start         alpha per alpha
 *   apy_alpha_tao_frac (pool)   the same position valued in TAO: r = ((staked + dividends)·p_end −
 *                               staked·p_start) / (staked·p_start), compounded to a year,
 *                               (1 + r)^(year/interval) − 1                         TAO per TAO
 *   network apy_alpha_*         the pools' figures weighted by the TAO value staked at the start
 *                               (in TAO: the weighted return of the whole alpha book, compounded)
 */
import type { SimState } from "../state/state.js";
import { sum } from "../state/state.js";
import type { NetworkColumn } from "./columns.js";
import type { EntityColumn } from "./validators.js";
import { annualised } from "../units.js";

const col = (name: string, unit: string, kind: NetworkColumn["kind"], doc: string, get: NetworkColumn["get"]): NetworkColumn => ({ name, unit, kind, doc, get });
const pcol = (name: string, unit: string, kind: EntityColumn["def"]["kind"], doc: string, get: EntityColumn["get"]): EntityColumn => ({ def: { name, unit, kind, doc }, get });

function price(st: SimState, s: number): number {
  const sn = st.subnets;
  const A = sn.pool_alpha[s]!;
  const w = sn.pool_weight[s]!;
  return A > 0 ? ((1 - w) / w) * (sn.pool_tao[s]! / A) : 0;
}

function blocks(st: SimState): number {
  return st.network.block - st.network.interval_start_block;
}

function stakedAlpha(st: SimState, s: number): number {
  const S = st.subnets.n;
  let a = 0;
  for (let i = 0; i < st.validators.n; i++) a += st.validators.hotkey_alpha[i * S + s]!;
  return a;
}

function claimableAlpha(st: SimState, s: number): number {
  const S = st.subnets.n;
  let a = 0;
  for (let i = 0; i < st.validators.n; i++) a += st.validators.root_claimable_alpha[i * S + s]!;
  return a;
}

function poolApyAlpha(st: SimState, s: number): number {
  return annualised(st.subnets.interval_alpha_dividends_alpha[s]!, st.subnets.interval_staked_start_alpha[s]!, blocks(st));
}

/**
 * Holding-period return in TAO of the interval's start position, annualised by compounding,
 * (1 + r)^(year/interval) − 1: price moves of a day do not annualise linearly (a simple −0.5 % a
 * day would read −183 % a year); the rate stays above −100 %.
 */
function poolApyTao(st: SimState, s: number): number {
  return compoundedYear(poolReturnTao(st, s), blocks(st));
}

/** The interval's holding-period return in TAO of subnet s's start position (NaN when there was none). */
function poolReturnTao(st: SimState, s: number): number {
  const sn = st.subnets;
  const a0 = sn.interval_staked_start_alpha[s]!;
  const p0 = sn.interval_price_start[s]!;
  if (!(a0 > 0 && p0 > 0)) return NaN;
  return ((a0 + sn.interval_alpha_dividends_alpha[s]!) * price(st, s)) / (a0 * p0) - 1;
}

/** (1 + r)^(year/interval) − 1. */
function compoundedYear(r: number, intervalBlocks: number): number {
  return intervalBlocks > 0 ? Math.expm1(Math.log1p(r) * ((7200 * 365) / intervalBlocks)) : NaN;
}

/** Σ over subnets of f(s)·w(s) / Σ w(s), w = TAO value staked at the interval start. */
function stakeWeighted(st: SimState, f: (s: number) => number): number {
  const sn = st.subnets;
  let acc = 0;
  let w = 0;
  for (let s = 0; s < sn.n; s++) {
    if (!sn.active[s]) continue;
    const x = sn.interval_staked_start_alpha[s]! * sn.interval_price_start[s]!;
    const y = f(s);
    if (!(x > 0) || !Number.isFinite(y)) continue;
    acc += x * y;
    w += x;
  }
  return w > 0 ? acc / w : NaN;
}

export const DTAO_NETWORK_COLUMNS: readonly NetworkColumn[] = [
  col("subnets_active", "count", "int", "registered subnets", (st) => sum(st.subnets.active)),
  col("root_stake_tao", "TAO", "float", "TAO staked on root", (st) => st.network.root_stake_tao),
  col("pool_tao", "TAO", "float", "TAO in all subnet pools (Σ SubnetTAO)", (st) => sum(st.subnets.pool_tao)),
  col("alpha_staked_value_tao", "TAO", "float", "alpha staked in validators' pools, valued at spot prices", (st) => {
    let x = 0;
    for (let s = 0; s < st.subnets.n; s++) if (st.subnets.active[s]) x += stakedAlpha(st, s) * price(st, s);
    return x;
  }),
  col("alpha_market_cap_tao", "TAO", "float", "Σ over subnets of alpha outstanding × spot price", (st) => {
    let x = 0;
    for (let s = 0; s < st.subnets.n; s++) if (st.subnets.active[s]) x += st.subnets.alpha_out[s]! * price(st, s);
    return x;
  }),
  col("moving_price_sum", "TAO/alpha", "float", "Σ EMA prices of the registered subnets (root dividends flow while > 1)", (st) => {
    let x = 0;
    for (let s = 0; s < st.subnets.n; s++) if (st.subnets.active[s]) x += st.subnets.moving_price[s]!;
    return x;
  }),
  col("root_sell_flag", "flag", "int", "1 when Σ EMA prices > 1 at the last block", (st) => st.network.root_sell_flag),
  col("chain_buy_tao", "TAO", "float", "TAO spent on chain buys in the interval", (st) => st.network.interval_chain_buy_tao),
  col("chain_buy_share_frac", "fraction", "float", "chain buys / TAO emitted to subnets in the interval", (st) => {
    const e = sum(st.subnets.interval_tao_in_tao) + st.network.interval_chain_buy_tao;
    return e > 0 ? st.network.interval_chain_buy_tao / e : NaN;
  }),
  col("root_dividends_tao", "TAO", "float", "root dividends sold and restaked on root in the interval (after take)", (st) => st.network.interval_root_dividends_tao),
  col("apy_root_frac", "fraction/year", "float", "yield of root staking in TAO over the interval, annualised", (st) => annualised(st.network.interval_root_dividends_tao, st.network.interval_root_stake_start_tao, blocks(st))),
  col("apy_alpha_frac", "fraction/year", "float", "yield of alpha staking in alpha over the interval, annualised, weighted by the TAO value staked", (st) => stakeWeighted(st, (s) => poolApyAlpha(st, s))),
  col("apy_alpha_tao_frac", "fraction/year", "float", "return in TAO (dividends and price change) of all alpha staked at the interval start, compounded to a year", (st) => compoundedYear(stakeWeighted(st, (s) => poolReturnTao(st, s)), blocks(st))),
  col("fees_tao", "TAO", "float", "cumulative swap fees paid to block authors", (st) => st.network.fees_tao),
  col("neuron_registration_tao", "TAO", "float", "cumulative TAO paid for neuron registrations (swapped into the pools, the alpha bought burned)", (st) => st.network.neuron_registration_tao),
  col("subnet_registrations", "count", "int", "subnets registered since the start (cumulative)", (st) => st.network.subnet_registrations),
  col("subnet_dissolutions", "count", "int", "subnets dissolved to make room since the start (cumulative)", (st) => st.network.subnet_dissolutions),
  col("lock_cost_tao", "TAO", "float", "subnet registration lock cost at the block (get_network_lock_cost)", (st) => st.network.lock_cost_tao),
];

export const POOL_COLUMNS: readonly EntityColumn[] = [
  pcol("block", "block", "int", "chain block height", (st) => st.network.block),
  pcol("date", "YYYY-MM-DD", "date", "calendar date of the block (UTC)", () => NaN),
  pcol("subnet", "index", "int", "subnet index (0-based; netuid = index + 1)", (_st, s) => s),
  pcol("registered", "flag", "int", "1 while registered", (st, s) => st.subnets.active[s]!),
  pcol("registered_block", "block", "float", "block the subnet was registered at", (st, s) => st.subnets.registered_block[s]!),
  pcol("lock_tao", "TAO", "float", "lock its owner paid at a registration in the run (0: present at the start)", (st, s) => st.subnets.lock_tao[s]!),
  pcol("price_tao", "TAO/alpha", "float", "spot price", (st, s) => price(st, s)),
  pcol("moving_price_tao", "TAO/alpha", "float", "EMA price (SubnetMovingPrice)", (st, s) => st.subnets.moving_price[s]!),
  pcol("pool_tao", "TAO", "float", "TAO reserve (SubnetTAO)", (st, s) => st.subnets.pool_tao[s]!),
  pcol("pool_alpha", "alpha", "float", "alpha reserve (SubnetAlphaIn)", (st, s) => st.subnets.pool_alpha[s]!),
  pcol("pool_weight", "fraction", "float", "TAO-side pool weight w", (st, s) => st.subnets.pool_weight[s]!),
  pcol("alpha_out", "alpha", "float", "alpha outstanding (SubnetAlphaOut)", (st, s) => st.subnets.alpha_out[s]!),
  pcol("protocol_alpha", "alpha", "float", "alpha held by the protocol from chain buys", (st, s) => st.subnets.protocol_alpha[s]!),
  pcol("alpha_issuance", "alpha", "float", "alpha issuance (in + out), which drives the subnet's alpha halvings", (st, s) => st.subnets.pool_alpha[s]! + st.subnets.alpha_out[s]!),
  pcol("alpha_staked", "alpha", "float", "alpha staked in validators' pools", (st, s) => stakedAlpha(st, s)),
  pcol("root_claimable_alpha", "alpha", "float", "root dividends owed to root stakers and not yet claimed (eras E, F)", (st, s) => claimableAlpha(st, s)),
  pcol("emission_share_frac", "fraction", "float", "share of the TAO block emission at the last block", (st, s) => st.subnets.emission_share_frac[s]!),
  pcol("emission_tao", "TAO", "float", "TAO emitted to the subnet in the interval (τ_in + chain buys)", (st, s) => st.subnets.interval_tao_in_tao[s]! + st.subnets.interval_chain_buy_tao[s]!),
  pcol("tao_in", "TAO", "float", "TAO injected as liquidity in the interval (τ_in)", (st, s) => st.subnets.interval_tao_in_tao[s]!),
  pcol("alpha_in", "alpha", "float", "alpha injected as liquidity in the interval (α_in)", (st, s) => st.subnets.interval_alpha_in_alpha[s]!),
  pcol("alpha_emitted", "alpha", "float", "alpha minted as alpha_out in the interval", (st, s) => st.subnets.interval_alpha_out_alpha[s]!),
  pcol("chain_buy_tao", "TAO", "float", "TAO spent buying alpha for the protocol in the interval", (st, s) => st.subnets.interval_chain_buy_tao[s]!),
  pcol("alpha_recycled", "alpha", "float", "alpha recycled in the interval", (st, s) => st.subnets.interval_recycled_alpha[s]!),
  pcol("root_prop_frac", "fraction", "float", "root proportion w·R/(w·R + alpha issuance)", (st, s) => st.subnets.root_prop_frac[s]!),
  pcol("burn_tao", "TAO", "float", "neuron registration burn price (Burn)", (st, s) => st.subnets.burn_tao[s]!),
  pcol("neuron_registrations", "count", "int", "neuron registrations in the interval", (st, s) => st.subnets.interval_neuron_registrations[s]!),
  pcol("flow_ema_tao", "TAO/block", "float", "EMA of net user TAO flow per block", (st, s) => st.subnets.flow_ema_tao[s]!),
  pcol("market_cap_tao", "TAO", "float", "alpha outstanding × spot price", (st, s) => st.subnets.alpha_out[s]! * price(st, s)),
  pcol("apy_alpha_frac", "fraction/year", "float", "alpha stakers' yield in alpha over the interval, annualised", (st, s) => poolApyAlpha(st, s)),
  pcol("apy_alpha_tao_frac", "fraction/year", "float", "alpha stakers' return in TAO (dividends and price) over the interval, compounded to a year", (st, s) => poolApyTao(st, s)),
];
