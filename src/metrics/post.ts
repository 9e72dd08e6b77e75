/**
 * The analysis metrics of the network table, computed after the run from the recorded tables.
 * Each step declares the columns it reads (per table) and the network columns it adds, placed
 * right after a named column; `postProcess` runs POST_STEPS in order, then drops the recorder's
 * internal raw columns. Nothing here reads the simulation state.
 *
 *   staking_ratio_frac  = staked_tao / issuance_tao
 *   apr_*_frac          = amount / base · (365 · 7200 / blocks) over the interval since the
 *                         previous row (NaN for an empty interval or a zero base):
 *     gross      (owner rewards + nominator rewards) / validator stake at the interval start
 *     network    (owner rewards − take + nominator rewards) / validator stake at the interval start
 *     nominator  nominators' rewards / nominators' stake at the interval start
 *   share of a group    = Σ group / Σ all (NaN when the group does not exist or the total is 0)
 *   copier ratio        = (copiers' dividends / their stake) / (dividends / stake of validators
 *                         outside the cartel that evaluate)
 *   gini, nakamoto      of validator stake (stats.ts)
 *
 * Each value is computed from the same float64 numbers, summed in the same order, as when the
 * recorder computed it from the state, so the tables are bit-identical.
 */
import { gini, nakamoto } from "../stats.js";
import { annualised } from "../units.js";
import { hasColumn, numericColumn, type Column, type ColumnDef, type RunTables, type Table } from "../table.js";

export interface PostStep {
  name: string;
  /** Columns the step reads, per table. */
  needs: { readonly [K in keyof RunTables]?: readonly string[] };
  /** Network columns the step adds, in order, placed right after the column `after`. */
  adds: readonly ColumnDef[];
  after: string;
  /** One array per added column, `network.rows` long. */
  compute(t: RunTables): Float64Array[];
}

const metric = (name: string, unit: string, doc: string): ColumnDef => ({ name, unit, kind: "float", doc });


/** part / total when the group exists and the total is positive, else NaN. */
function share(exists: boolean, part: number, total: number): number {
  return exists && total > 0 ? part / total : NaN;
}

/** One value per network row. */
function perRow(t: RunTables, f: (r: number) => number): Float64Array {
  return Float64Array.from({ length: t.network.rows }, (_, r) => f(r));
}

/** The validators table's rows of network row r: [start, end) (every validator, in order, at each row). */
function validatorRows(t: RunTables): (r: number) => [number, number] {
  const n = t.network.rows > 0 ? t.validators.rows / t.network.rows : 0;
  if (!Number.isInteger(n)) throw new Error(`the validators table has ${t.validators.rows} rows, not a whole number per network row (${t.network.rows})`);
  return (r) => [r * n, (r + 1) * n];
}

const stakingRatio: PostStep = {
  name: "staking ratio",
  needs: { network: ["staked_tao", "issuance_tao"] },
  after: "owner_cut_tao",
  adds: [metric("staking_ratio_frac", "fraction", "staked_tao / issuance_tao")],
  compute(t) {
    const staked = numericColumn(t.network, "staked_tao");
    const issuance = numericColumn(t.network, "issuance_tao");
    return [perRow(t, (r) => staked[r]! / Math.max(1e-300, issuance[r]!))];
  },
};

const stakingYields: PostStep = {
  name: "staking yields",
  needs: {
    network: [
      "block",
      "interval_start_block",
      "interval_owner_reward_tao",
      "interval_take_tao",
      "interval_nominator_reward_tao",
      "interval_staker_reward_tao",
      "interval_validator_stake_tao",
      "interval_staker_stake_tao",
    ],
  },
  after: "market_cap_usd",
  adds: [
    metric("apr_gross_frac", "fraction/year", "validator dividends paid out over the interval (take included) / validator stake at its start, annualised"),
    metric("apr_network_frac", "fraction/year", "staking yield net of the delegate take: (owners' pro-rata share + nominators' rewards) / validator stake, annualised"),
    metric("apr_nominator_frac", "fraction/year", "nominators' rewards (net of take) over the interval / their stake at its start, annualised"),
  ],
  compute(t) {
    const c = (name: string) => numericColumn(t.network, name);
    const block = c("block");
    const start = c("interval_start_block");
    const owner = c("interval_owner_reward_tao");
    const take = c("interval_take_tao");
    const nominator = c("interval_nominator_reward_tao");
    const staker = c("interval_staker_reward_tao");
    const validatorStake = c("interval_validator_stake_tao");
    const stakerStake = c("interval_staker_stake_tao");
    const blocks = (r: number) => block[r]! - start[r]!;
    return [
      perRow(t, (r) => annualised(owner[r]! + nominator[r]!, validatorStake[r]!, blocks(r))),
      perRow(t, (r) => annualised(owner[r]! - take[r]! + nominator[r]!, validatorStake[r]!, blocks(r))),
      perRow(t, (r) => annualised(staker[r]!, stakerStake[r]!, blocks(r))),
    ];
  },
};

const sybilShares: PostStep = {
  name: "sybil shares",
  needs: { network: ["sybil_miners", "sybil_uids", "miners_registered", "interval_sybil_emission_tao", "interval_miner_emission_tao"] },
  after: "burn_price_tao_mean",
  adds: [
    metric("sybil_uid_frac", "fraction", "share of registered miner uids held by sybil models (empty: none)"),
    metric("sybil_emission_frac", "fraction", "share of the interval's miner emission paid to sybil uids (empty: none)"),
  ],
  compute(t) {
    const c = (name: string) => numericColumn(t.network, name);
    const sybils = c("sybil_miners");
    const uids = c("sybil_uids");
    const registered = c("miners_registered");
    const sybilEmission = c("interval_sybil_emission_tao");
    const emission = c("interval_miner_emission_tao");
    return [perRow(t, (r) => share(sybils[r]! > 0, uids[r]!, registered[r]!)), perRow(t, (r) => share(sybils[r]! > 0, sybilEmission[r]!, emission[r]!))];
  },
};

const cartelShares: PostStep = {
  name: "cartel shares",
  needs: { validators: ["stake_tao", "dividends_tao", "cartel", "copier"], network: ["cartel_members", "interval_cartel_paid_tao", "interval_paid_tao"] },
  after: "sybil_emission_frac",
  adds: [
    metric("cartel_stake_frac", "fraction", "cartel validators' stake / all validator stake (empty: no cartel)"),
    metric("cartel_emission_frac", "fraction", "cartel validators' dividends + cartel miners' incentive / all paid in the interval"),
    metric("copier_dividend_ratio", "ratio", "dividends per TAO staked of copiers / of validators outside the cartel that evaluate (empty: no copier)"),
  ],
  compute(t) {
    const rows = validatorRows(t);
    const stake = numericColumn(t.validators, "stake_tao");
    const dividends = numericColumn(t.validators, "dividends_tao");
    const cartel = numericColumn(t.validators, "cartel");
    const copier = numericColumn(t.validators, "copier");
    const members = numericColumn(t.network, "cartel_members");
    const cartelPaid = numericColumn(t.network, "interval_cartel_paid_tao");
    const paid = numericColumn(t.network, "interval_paid_tao");
    const stakeShare = (r: number) => {
      const [a, b] = rows(r);
      let part = 0;
      let total = 0;
      let any = false;
      for (let i = a; i < b; i++) {
        total += stake[i]!;
        if (cartel[i]) (part += stake[i]!), (any = true);
      }
      return share(any, part, total);
    };
    const copierRatio = (r: number) => {
      const [a, b] = rows(r);
      let cd = 0;
      let cs = 0;
      let hd = 0;
      let hs = 0;
      for (let i = a; i < b; i++) {
        if (copier[i]) (cd += dividends[i]!), (cs += stake[i]!);
        else if (!cartel[i]) (hd += dividends[i]!), (hs += stake[i]!);
      }
      return cs > 0 && hs > 0 && hd > 0 ? cd / cs / (hd / hs) : NaN;
    };
    return [perRow(t, stakeShare), perRow(t, (r) => share(members[r]! > 0, cartelPaid[r]!, paid[r]!)), perRow(t, copierRatio)];
  },
};

const stakeConcentration: PostStep = {
  name: "stake concentration",
  needs: { validators: ["stake_tao"] },
  after: "copier_dividend_ratio",
  adds: [
    metric("gini_stake_frac", "fraction", "Gini coefficient of validator stake (self + nominated)"),
    metric("nakamoto_stake", "count", "fewest validators holding > 50 % of validator stake"),
  ],
  compute(t) {
    const rows = validatorRows(t);
    const stake = numericColumn(t.validators, "stake_tao");
    return [perRow(t, (r) => gini(stake.subarray(...rows(r)))), perRow(t, (r) => nakamoto(stake.subarray(...rows(r))))];
  },
};

/** The steps, in the order they run. */
export const POST_STEPS: readonly PostStep[] = [stakingRatio, stakingYields, sybilShares, cartelShares, stakeConcentration];

function insertAfter<C>(list: C[], nameOf: (c: C) => string, step: PostStep, items: readonly C[]): void {
  const k = list.findIndex((c) => nameOf(c) === step.after);
  if (k < 0) throw new Error(`metric step "${step.name}" places its columns after ${step.after}, which the network table does not have`);
  for (const it of items) if (list.some((c) => nameOf(c) === nameOf(it))) throw new Error(`metric step "${step.name}" adds ${nameOf(it)}, which the network table already has`);
  list.splice(k + 1, 0, ...items);
}

function dropInternal(t: Table): Table {
  return t.columns.some((c) => c.def.internal) ? { ...t, columns: t.columns.filter((c) => !c.def.internal) } : t;
}

/** The network columns after the steps: the recorded ones (less the internal ones) with the added ones placed. */
export function networkColumnDefs(recorded: readonly ColumnDef[], steps: readonly PostStep[] = POST_STEPS): ColumnDef[] {
  const out = [...recorded];
  for (const s of steps) insertAfter(out, (d) => d.name, s, s.adds);
  return out.filter((d) => !d.internal);
}

/** The recorded tables with the steps' columns added to the network table and the internal columns dropped. */
export function postProcess(tables: RunTables, steps: readonly PostStep[] = POST_STEPS): RunTables {
  const columns: Column[] = [...tables.network.columns];
  for (const s of steps) {
    const current: RunTables = { ...tables, network: { ...tables.network, columns } };
    for (const [name, needed] of Object.entries(s.needs) as [keyof RunTables, readonly string[]][]) {
      const t = current[name];
      for (const c of needed) if (!t || !hasColumn(t, c)) throw new Error(`metric step "${s.name}" needs column ${c} of the ${name} table`);
    }
    const data = s.compute(current);
    if (data.length !== s.adds.length || data.some((d) => d.length !== tables.network.rows)) throw new Error(`metric step "${s.name}" must give ${s.adds.length} columns of ${tables.network.rows} rows`);
    insertAfter(columns, (c) => c.def.name, s, s.adds.map((def, k) => ({ def, data: data[k]! })));
  }
  return { network: dropInternal({ ...tables.network, columns }), validators: dropInternal(tables.validators), subnets: dropInternal(tables.subnets), ...(tables.pools ? { pools: tables.pools } : {}) };
}
