/**
 * The state column registry: every column of the simulation state, declared once with its entity,
 * type, unit, role and meaning, and how it is allocated at the start of a run. `createState`
 * (state.ts) allocates the state from this table and nothing else; mechanisms declare the columns
 * they read and write by their typed keys (`ColumnKey`, e.g. "validators.nominated_tao"), checked by
 * test/model-lint.test.ts and, at run time, by TAOSIM_CHECK=1 (engine/check.ts).
 *
 * Roles (who may change a column, see the mutation contract in mechanisms/mechanism.ts):
 *   input     from the compiled scenario; never changes
 *   label     a strategy-derived tag for analysis (cartel member, copier); never changes, and no
 *             mechanism reads it (agents decide through intents, mechanisms apply them)
 *   intent    set by agents (a staker's choice to compound); mechanisms read it
 *   state     model state, changed only by the mechanisms that declare it in `writes`
 *   interval  sums over the current recording interval; mechanisms add to them, the engine resets
 *             them after each recorded row (state.ts :: startInterval)
 *   scratch   a derived copy a mechanism refreshes before it uses it
 */
import type { CompiledScenario } from "./compiled.js";
import { SupplyClock } from "../supply/supply.js";

export type Entity = "network" | "subnets" | "miners" | "validators" | "stakers";
export type Role = "input" | "label" | "intent" | "state" | "interval" | "scratch";
export type Dtype = "f64" | "i32" | "u8" | "number" | "supply";

/** What column initialisers see: the compiled scenario and the miner-slot layout. */
export interface InitContext {
  c: CompiledScenario;
  /** Miner uid slots per subnet, slot → miner (−1 empty), miner → slot (−1 waiting), registration block. */
  slots: number;
  slotMiner: Int32Array;
  minerSlot: Int32Array;
  registeredBlock: Float64Array;
  /** Σ nominators' stake per validator at the start. */
  nominated: Float64Array;
  /** Σ stake of every modelled agent at the start. */
  staked: number;
}

type ValueOf<D extends Dtype> = D extends "f64" ? Float64Array : D extends "i32" ? Int32Array : D extends "u8" ? Uint8Array : D extends "number" ? number : SupplyClock;

export interface ColumnSpec<D extends Dtype = Dtype> {
  dtype: D;
  role: Role;
  unit: string;
  doc: string;
  init(x: InitContext): ValueOf<D>;
}

const spec =
  <D extends Dtype>(dtype: D) =>
  (role: Role, unit: string, doc: string, init: (x: InitContext) => ValueOf<D>): ColumnSpec<D> => ({ dtype, role, unit, doc, init });
const f64 = spec("f64");
const i32 = spec("i32");
const u8 = spec("u8");
const num = spec("number");
const f64u8 = (n: (x: InitContext) => number) => (x: InitContext) => new Uint8Array(n(x));

const nM = (x: InitContext) => x.c.populations.miners.n;
const nV = (x: InitContext) => x.c.populations.validators.n;
const nK = (x: InitContext) => x.c.populations.stakers.n;
const S = (x: InitContext) => x.c.subnets;
/** Validator × subnet (hotkey pools on the subnets), index v·S + s. */
const VS = (x: InitContext) => nV(x) * S(x);
const f64s = (n: (x: InitContext) => number) => (x: InitContext) => new Float64Array(n(x));

export const NETWORK = {
  block: num("state", "block", "last processed block (the engine advances it)", (x) => x.c.start_block),
  supply: spec("supply")("state", "TAO", "TotalIssuance and the block emission at it (SupplyClock: mint, recycle, advance over spans)", (x) => new SupplyClock(x.c.initial_issuance_tao, x.c.recycle_frac)),
  emitted_tao: num("state", "TAO", "cumulative gross emission since the start", () => 0),
  recycled_tao: num("state", "TAO", "cumulative TAO recycled out of issuance since the start", () => 0),
  liquid_tao: num("state", "TAO", "TAO held liquid: the unstaked initial supply, owner cuts, withdrawn rewards", (x) => x.c.initial_issuance_tao - x.staked),
  unassigned_tao: num("state", "TAO", "emission paid to holders the scenario does not model (a subnet with no validators, …)", () => 0),
  owner_cut_tao: num("state", "TAO", "cumulative subnet-owner cut paid", () => 0),
  stake_version: num("state", "count", "bumped whenever validator stake changes hands (permits are recomputed lazily)", () => 0),
  interval_start_block: num("interval", "block", "start of the current recording interval", (x) => x.c.start_block),
  interval_staker_stake_tao: num("interval", "TAO", "Σ nominator stake at the interval start", () => 0),
  interval_validator_stake_tao: num("interval", "TAO", "Σ validator stake (self + nominated) at the interval start", () => 0),
  interval_registrations: num("interval", "count", "neuron registrations in the interval", () => 0),
  interval_burn_tao: num("interval", "TAO", "registration burns (recycled) in the interval", () => 0),
  // dTAO eras (mechanisms/dtao/): zero in the 2023 eras.
  root_stake_tao: num("state", "TAO", "dTAO: TAO staked on root (SubnetTAO[0]) = Σ validators.root_tao", () => 0),
  fees_tao: num("state", "TAO", "dTAO: cumulative swap fees paid to block authors (held liquid)", () => 0),
  chain_buy_tao: num("state", "TAO", "dTAO: cumulative TAO spent on chain buys (excess emission)", () => 0),
  root_sell_flag: num("state", "flag", "dTAO: 1 when Σ EMA prices > 1 (root dividends paid), 0 when they are recycled", () => 0),
  interval_chain_buy_tao: num("interval", "TAO", "dTAO: TAO spent on chain buys in the interval", () => 0),
  interval_root_dividends_tao: num("interval", "TAO", "dTAO: root dividends sold and restaked on root in the interval", () => 0),
  interval_root_stake_start_tao: num("interval", "TAO", "dTAO: root stake at the interval start", () => 0),
  neuron_registration_tao: num("state", "TAO", "dTAO: cumulative TAO paid for neuron registrations (swapped into the pools, the alpha bought burned; RAORecycledForRegistration)", () => 0),
  subnet_registrations: num("state", "count", "dTAO: subnets registered since the start (cumulative)", () => 0),
  subnet_dissolutions: num("state", "count", "dTAO: subnets dissolved to make room since the start (cumulative)", () => 0),
  last_lock_tao: num("state", "TAO", "dTAO: NetworkLastLockCost, the lock paid by the last subnet registration", () => 0),
  last_lock_block: num("state", "block", "dTAO: NetworkLastLockBlock, the block of the last subnet registration (0: never)", () => 0),
  lock_cost_tao: num("state", "TAO", "dTAO: the subnet registration lock cost (get_network_lock_cost) at the last event block", () => 0),
} as const;

export const SUBNETS = {
  emission_share_frac: f64("state", "fraction", "share of block emission (sums to 1 over subnets)", (x) => new Float64Array(S(x))),
  pending_tao: f64("state", "TAO", "TAO accrued since the subnet's last epoch (PendingEmission)", (x) => new Float64Array(S(x))),
  next_epoch_block: f64("state", "block", "next block at which the subnet's epoch runs", (x) => new Float64Array(S(x)).fill(Infinity)),
  slot_miner: i32("state", "index", "slot_miner[s·slots + k] = the miner in uid slot k of subnet s, or −1 when empty", (x) => x.slotMiner),
  burn_tao: f64("state", "TAO", "registration burn price", (x) => new Float64Array(S(x)).fill(x.c.scenario.network.registration.initial_burn_tao)),
  registrations: i32("state", "count", "registrations since the last burn adjustment", (x) => new Int32Array(S(x))),
  interval_emission_tao: f64("interval", "TAO", "emission paid at the subnet's epochs in the interval (owner cut included)", (x) => new Float64Array(S(x))),
  // dTAO eras: the subnet's pool and alpha token (spec §5, §9, §10). Zero in the 2023 eras.
  active: u8("state", "flag", "dTAO: 1 while the subnet is registered", f64u8(S)),
  emission_enabled: u8("state", "flag", "dTAO: SubnetEmissionEnabled (0: no TAO emission, alpha emission still runs)", f64u8(S)),
  registered_block: f64("state", "block", "dTAO: block the subnet was registered at", f64s(S)),
  first_emission_block: f64("state", "block", "dTAO: FirstEmissionBlockNumber (the EMA warm-up counts from it)", f64s(S)),
  pool_tao: f64("state", "TAO", "dTAO: SubnetTAO, the pool's TAO reserve", f64s(S)),
  pool_alpha: f64("state", "alpha", "dTAO: SubnetAlphaIn, the pool's alpha reserve", f64s(S)),
  pool_weight: f64("state", "fraction", "dTAO: the pool's TAO-side weight w (½ = constant product)", (x) => new Float64Array(S(x)).fill(0.5)),
  alpha_out: f64("state", "alpha", "dTAO: SubnetAlphaOut, alpha outside the pool (stakes, pending, protocol alpha, unmodelled holders)", f64s(S)),
  protocol_alpha: f64("state", "alpha", "dTAO: SubnetProtocolAlpha, alpha bought by chain buys (part of alpha_out)", f64s(S)),
  unassigned_alpha: f64("state", "alpha", "dTAO: alpha outstanding with no modelled holder (part of alpha_out)", f64s(S)),
  owner_alpha: f64("state", "alpha", "dTAO: the subnet owner's alpha (owner cuts kept)", f64s(S)),
  alpha_issued: f64("state", "alpha", "dTAO: alpha minted since the start, initial reserves and holdings included", f64s(S)),
  alpha_recycled: f64("state", "alpha", "dTAO: alpha recycled (lowers alpha issuance)", f64s(S)),
  moving_price: f64("state", "TAO/alpha", "dTAO: SubnetMovingPrice, the EMA price", f64s(S)),
  pending_server_alpha: f64("state", "alpha", "dTAO: PendingServerEmission", f64s(S)),
  pending_validator_alpha: f64("state", "alpha", "dTAO: PendingValidatorEmission", f64s(S)),
  pending_root_alpha: f64("state", "alpha", "dTAO: PendingRootAlphaDivs", f64s(S)),
  pending_owner_alpha: f64("state", "alpha", "dTAO: PendingOwnerCut", f64s(S)),
  miner_burned_frac: f64("state", "fraction", "dTAO: MinerBurned, the share of last epoch's miner incentive withheld from owner keys", f64s(S)),
  flow_tao: f64("state", "TAO", "dTAO: net user TAO flow into the pool this block (stakes − unstakes)", f64s(S)),
  flow_ema_tao: f64("state", "TAO", "dTAO: EMA of the net user flow per block (era E)", f64s(S)),
  protocol_flow_tao: f64("state", "TAO", "dTAO: protocol flow this block (injection + chain buys − root sells)", f64s(S)),
  protocol_flow_ema_tao: f64("state", "TAO", "dTAO: EMA of the protocol flow per block (era E, v3.4.0 net flows)", f64s(S)),
  root_prop_frac: f64("state", "fraction", "dTAO: root proportion w·R/(w·R + alpha issuance), after the block's mint", f64s(S)),
  interval_tao_in_tao: f64("interval", "TAO", "dTAO: TAO injected as liquidity in the interval", f64s(S)),
  interval_alpha_in_alpha: f64("interval", "alpha", "dTAO: alpha injected as liquidity in the interval", f64s(S)),
  interval_alpha_out_alpha: f64("interval", "alpha", "dTAO: alpha minted as alpha_out in the interval", f64s(S)),
  interval_chain_buy_tao: f64("interval", "TAO", "dTAO: TAO spent on chain buys in the interval", f64s(S)),
  interval_alpha_dividends_alpha: f64("interval", "alpha", "dTAO: validators' alpha dividends after take added to their pools on the subnet in the interval (what alpha stakers gain)", f64s(S)),
  interval_staked_start_alpha: f64("interval", "alpha", "dTAO: alpha staked in validators' pools on the subnet at the interval start", f64s(S)),
  interval_price_start: f64("interval", "TAO/alpha", "dTAO: spot price at the interval start", f64s(S)),
  interval_recycled_alpha: f64("interval", "alpha", "dTAO: alpha recycled in the interval (root share without sell flag, burned miner incentive, alpha bought by registration burns)", f64s(S)),
  interval_neuron_registrations: f64("interval", "count", "dTAO: neuron registrations on the subnet in the interval", f64s(S)),
  lock_tao: f64("state", "TAO", "dTAO: SubnetLocked, the lock its owner paid at a registration in the run (0 for a subnet present at the start)", f64s(S)),
} as const;

export const MINERS = {
  subnet: i32("input", "index", "home subnet (where it registers)", (x) => x.c.populations.miners.subnet.slice()),
  cost_usd_per_day: f64("input", "USD/day", "running cost of serving", (x) => x.c.populations.miners.cost_usd_per_day.slice()),
  quality_drift: f64("input", "σ/epoch", "σ of the log-change of quality per epoch", (x) => x.c.populations.miners.quality_drift.slice()),
  model: i32("input", "index", "the model a miner record serves: the index of the model's first uid (itself unless sybil)", (x) => x.c.populations.miners.model.slice()),
  sybil: u8("label", "flag", "1 = one of a sybil model's uids", (x) => x.c.populations.miners.sybil.slice()),
  cartel: u8("label", "flag", "1 = owned by the cartel", (x) => x.c.populations.miners.cartel.slice()),
  slot: i32("state", "index", "its slot on the home subnet, or −1 while unregistered", (x) => x.minerSlot),
  registered_block: f64("state", "block", "block of its current registration (NaN while unregistered)", (x) => x.registeredBlock),
  serving: u8("state", "flag", "1 while it serves its model (a miner that quit keeps its uid until pruned)", (x) => new Uint8Array(nM(x)).fill(1)),
  last_epoch_tao: f64("state", "TAO", "emission of its last epoch (the pruning score)", (x) => new Float64Array(nM(x))),
  reward_ema_tao_per_day: f64("state", "TAO/day", "smoothed reward, updated each registration round", (x) => new Float64Array(nM(x)).fill(NaN)),
  unprofitable_blocks: f64("state", "blocks", "blocks spent below cost", (x) => new Float64Array(nM(x))),
  earned_at_round_tao: f64("state", "TAO", "earned_tao at the previous registration round", (x) => new Float64Array(nM(x))),
  quality: f64("state", "quality", "true quality of the served model (drifts per epoch)", (x) => x.c.populations.miners.quality.slice()),
  stake_tao: f64("state", "TAO", "stake on the miner's own hotkey (mining emission is credited here)", (x) => x.c.populations.miners.stake_tao.slice()),
  earned_tao: f64("state", "TAO", "cumulative emission received", (x) => new Float64Array(nM(x))),
  last_incentive_frac: f64("state", "fraction", "incentive share in its subnet's last epoch, or NaN", (x) => new Float64Array(nM(x)).fill(NaN)),
  interval_earned_tao: f64("interval", "TAO", "emission received in the interval", (x) => new Float64Array(nM(x))),
  // dTAO eras.
  sell_frac: f64("input", "fraction", "dTAO: share of the alpha it earns that it sells at once", (x) => x.c.populations.miners.sell_frac?.slice() ?? new Float64Array(nM(x))),
  alpha: f64("state", "alpha", "dTAO: alpha staked on its hotkey on its subnet (kept incentive)", f64s(nM)),
} as const;

export const VALIDATORS = {
  take_frac: f64("input", "fraction", "delegate take", (x) => x.c.populations.validators.take_frac.slice()),
  group: i32("input", "index", "population group index", (x) => x.c.populations.validators.group.slice()),
  cartel: u8("label", "flag", "1 = cartel member", (x) => x.c.populations.validators.cartel.slice()),
  copier: u8("label", "flag", "1 = copies consensus instead of evaluating", (x) => x.c.populations.validators.copier.slice()),
  self_stake_tao: f64("state", "TAO", "the owner's own stake on the hotkey", (x) => x.c.populations.validators.stake_tao.slice()),
  nominated_tao: f64("state", "TAO", "Σ of nominators' stake on the hotkey", (x) => x.nominated),
  pending_dividends_tao: f64("state", "TAO", "validator emission waiting for the next drain (PendingdHotkeyEmission)", (x) => new Float64Array(nV(x))),
  earned_tao: f64("state", "TAO", "cumulative dividends received by the hotkey (before take and nominator split)", (x) => new Float64Array(nV(x))),
  yield_ema: f64("state", "TAO/TAO", "EMA over drains of the yield per TAO staked, net of take", (x) => new Float64Array(nV(x)).fill(NaN)),
  last_weights_block: f64("state", "block", "last block at which it set weights on any subnet (−∞: never)", (x) => new Float64Array(nV(x)).fill(-Infinity)),
  total_stake_tao: f64("scratch", "TAO", "self + nominated stake, refreshed by the epoch before it uses it", (x) => new Float64Array(nV(x))),
  interval_dividends_tao: f64("interval", "TAO", "dividends (before take) received in the interval", (x) => new Float64Array(nV(x))),
  interval_owner_reward_tao: f64("interval", "TAO", "paid out of the hotkey to its owner (take + own share) in the interval", (x) => new Float64Array(nV(x))),
  interval_nominator_reward_tao: f64("interval", "TAO", "paid out of the hotkey to nominators in the interval", (x) => new Float64Array(nV(x))),
  interval_take_tao: f64("interval", "TAO", "the delegate take within the owner's reward", (x) => new Float64Array(nV(x))),
  interval_nominated_start_tao: f64("interval", "TAO", "nominated stake at the interval start", (x) => new Float64Array(nV(x))),
  interval_stake_start_tao: f64("interval", "TAO", "total stake at the interval start", (x) => new Float64Array(nV(x))),
  // dTAO eras: the hotkey's share pools (spec §8.1), on root (TAO) and on each subnet (alpha).
  sell_frac: f64("input", "fraction", "dTAO: share of the alpha the owner earns (take) that it sells at once", (x) => x.c.populations.validators.sell_frac?.slice() ?? new Float64Array(nV(x))),
  root_tao: f64("state", "TAO", "dTAO: TAO staked on root through the hotkey (its root pool's value)", f64s(nV)),
  root_shares: f64("state", "shares", "dTAO: the root pool's total shares", f64s(nV)),
  owner_root_shares: f64("state", "shares", "dTAO: the owner's shares of the root pool", f64s(nV)),
  hotkey_alpha: f64("state", "alpha", "dTAO: TotalHotkeyAlpha[v·S + s], the hotkey's pool value on subnet s", f64s(VS)),
  root_claimable_alpha: f64("state", "alpha", "dTAO: root dividends on subnet s owed to v's root stakers and not yet claimed, [v·S + s] (RootClaimable × the hotkey's root stake, less claims; eras E, F)", f64s(VS)),
  hotkey_shares: f64("state", "shares", "dTAO: TotalHotkeyShares[v·S + s]", f64s(VS)),
  owner_shares: f64("state", "shares", "dTAO: the owner's shares of pool [v·S + s]", f64s(VS)),
} as const;

export const STAKERS = {
  compound: u8("intent", "flag", "1 = restake rewards, 0 = withdraw them as liquid TAO (the staker's strategy sets it)", (x) => x.c.populations.stakers.compound.slice()),
  validator: i32("state", "index", "the validator it delegates to", (x) => x.c.populations.stakers.validator.slice()),
  moves: i32("state", "count", "re-delegations made (cumulative)", (x) => new Int32Array(nK(x))),
  stake_tao: f64("state", "TAO", "TAO delegated", (x) => x.c.populations.stakers.stake_tao.slice()),
  earned_tao: f64("state", "TAO", "cumulative rewards received (restaked or withdrawn)", (x) => new Float64Array(nK(x))),
  interval_reward_tao: f64("interval", "TAO", "rewards received in the interval", (x) => new Float64Array(nK(x))),
  // dTAO eras: a staker's one position, in its validator's pool on root or on a subnet.
  subnet: i32("state", "index", "dTAO: the subnet of its position (−1: root)", (x) => new Int32Array(nK(x)).fill(-1)),
  shares: f64("state", "shares", "dTAO: its shares of pool (validator, subnet)", f64s(nK)),
  paid_in_tao: f64("state", "TAO", "dTAO: TAO it has put in, net of TAO taken out (cost basis)", f64s(nK)),
} as const;

/** Every entity's columns, in one table. */
export const COLUMNS = { network: NETWORK, subnets: SUBNETS, miners: MINERS, validators: VALIDATORS, stakers: STAKERS } as const;

type Columns<T extends Record<string, ColumnSpec>> = { -readonly [K in keyof T]: T[K] extends ColumnSpec<infer D> ? ValueOf<D> : never };
export type NetworkColumns = Columns<typeof NETWORK>;
export type SubnetColumns = Columns<typeof SUBNETS>;
export type MinerColumns = Columns<typeof MINERS>;
export type ValidatorColumns = Columns<typeof VALIDATORS>;
export type StakerColumns = Columns<typeof STAKERS>;

/** A column's typed key: "<entity>.<column>". */
export type ColumnKey = { [E in Entity]: `${E}.${keyof (typeof COLUMNS)[E] & string}` }[Entity];

/** Every column key with its spec, in registry order. */
export function allColumns(): { key: ColumnKey; entity: Entity; name: string; spec: ColumnSpec }[] {
  const out: { key: ColumnKey; entity: Entity; name: string; spec: ColumnSpec }[] = [];
  for (const [entity, cols] of Object.entries(COLUMNS) as [Entity, Record<string, ColumnSpec>][]) {
    for (const [name, spec] of Object.entries(cols)) out.push({ key: `${entity}.${name}` as ColumnKey, entity, name, spec });
  }
  return out;
}

/**
 * Allocate one entity's columns from the registry, with `extra` fields (counts) first. The object
 * is made by an object literal (one small generated function per entity shape, from the registry's
 * column names), so V8 keeps every column in-object: the hot loops read columns as fast as from a
 * hand-written literal (an object grown key by key keeps most of them out-of-object, ~5 % slower).
 */
export function allocate<T extends Record<string, ColumnSpec>, E extends Record<string, number>>(cols: T, x: InitContext, extra: E): E & Columns<T> {
  const names = [...Object.keys(extra), ...Object.keys(cols)];
  const values = [...Object.values(extra), ...Object.values(cols).map((spec) => spec.init(x))];
  return literalMaker(names)(values) as E & Columns<T>;
}

const makers = new Map<string, (values: unknown[]) => object>();

function literalMaker(names: string[]): (values: unknown[]) => object {
  const key = names.join(",");
  let make = makers.get(key);
  if (!make) {
    for (const n of names) if (!/^[a-z_][a-z0-9_]*$/.test(n)) throw new Error(`column name "${n}" is not snake_case`);
    make = new Function("v", `return { ${names.map((n, i) => `${n}: v[${i}]`).join(", ")} };`) as (values: unknown[]) => object;
    makers.set(key, make);
  }
  return make;
}
