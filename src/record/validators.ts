/**
 * The per-validator and per-subnet tables (long format: one row per entity per recording point).
 * Amounts over the interval since the previous row, like the network table's interval columns.
 *
 *   apr_nominator_frac = (validator's rewards to its stake net of take over the interval)
 *                        / (its stake at the interval start), annualised — what a nominator of
 *                        this validator earned per TAO, net of the delegate take
 */
import { dtaoStakeTao, type SimState } from "../state/state.js";
import type { ColumnDef, Table } from "../table.js";
import { annualised, blockToMs, isoDate } from "../units.js";

export interface EntityColumn {
  def: ColumnDef;
  get(st: SimState, i: number): number;
  /** For string columns: the label of entity i. */
  label?(st: SimState, i: number): string;
}

const vcol = (name: string, unit: string, kind: ColumnDef["kind"], doc: string, get: EntityColumn["get"], label?: EntityColumn["label"]): EntityColumn => ({
  def: { name, unit, kind, doc },
  get,
  ...(label ? { label } : {}),
});

export const VALIDATOR_COLUMNS: readonly EntityColumn[] = [
  vcol("block", "block", "int", "chain block height", (st) => st.network.block),
  vcol("date", "YYYY-MM-DD", "date", "calendar date of the block (UTC)", () => NaN),
  vcol("validator", "index", "int", "validator index (0-based, in population order)", (_st, i) => i),
  vcol("group", "name", "string", "population group of the validator", () => NaN, (st, i) => st.compiled.populations.groups[st.validators.group[i]!]!.name),
  vcol("stake_tao", "TAO", "float", "total stake on the hotkey (self + nominated)", (st, i) => st.validators.self_stake_tao[i]! + st.validators.nominated_tao[i]! + dtaoStakeTao(st, i)),
  vcol("self_stake_tao", "TAO", "float", "the owner's own stake", (st, i) => st.validators.self_stake_tao[i]!),
  vcol("nominated_tao", "TAO", "float", "nominators' stake", (st, i) => st.validators.nominated_tao[i]!),
  vcol("take_frac", "fraction", "float", "delegate take", (st, i) => st.validators.take_frac[i]!),
  vcol("dividends_tao", "TAO", "float", "dividends (before take) received in the interval", (st, i) => st.validators.interval_dividends_tao[i]!),
  vcol("apr_nominator_frac", "fraction/year", "float", "yield per TAO staked on this validator net of take over the interval, annualised", (st, i) => {
    const v = st.validators;
    const blocks = st.network.block - st.network.interval_start_block;
    const base = v.interval_stake_start_tao[i]!;
    const net = v.interval_owner_reward_tao[i]! - v.interval_take_tao[i]! + v.interval_nominator_reward_tao[i]!;
    return annualised(net, base, blocks);
  }),
  vcol("cartel", "flag", "int", "1 = cartel member", (st, i) => st.validators.cartel[i]!),
  vcol("copier", "flag", "int", "1 = copies consensus", (st, i) => st.validators.copier[i]!),
];

/** The per-subnet table (one row per subnet per recording point). */
export const SUBNET_COLUMNS: readonly EntityColumn[] = [
  vcol("block", "block", "int", "chain block height", (st) => st.network.block),
  vcol("date", "YYYY-MM-DD", "date", "calendar date of the block (UTC)", () => NaN),
  vcol("subnet", "index", "int", "subnet index (0-based; netuid = index + 1)", (_st, s) => s),
  vcol("emission_share_frac", "fraction", "float", "share of block emission the subnet accrues", (st, s) => st.subnets.emission_share_frac[s]!),
  vcol("emission_tao", "TAO", "float", "emission paid out at the subnet's epochs in the interval (owner cut included)", (st, s) => st.subnets.interval_emission_tao[s]!),
  vcol("miners_registered", "count", "int", "miners holding a uid", (st, s) => countSlots(st, s, false)),
  vcol("miners_serving", "count", "int", "registered miners still serving", (st, s) => countSlots(st, s, true)),
  vcol("validators", "count", "int", "validators with a uid (every validator sits on every subnet)", (st) => st.validators.n),
  vcol("burn_tao", "TAO", "float", "registration burn price", (st, s) => st.subnets.burn_tao[s]!),
  vcol("task_demand_per_day", "tasks/day", "float", "users' tasks per day", (st, s) => st.compiled.task_demand_per_day[s]!),
];

function countSlots(st: SimState, s: number, serving: boolean): number {
  const sn = st.subnets;
  let k = 0;
  for (let q = s * sn.slots; q < (s + 1) * sn.slots; q++) {
    const j = sn.slot_miner[q]!;
    if (j >= 0 && (!serving || st.miners.serving[j])) k++;
  }
  return k;
}

/** Rows accumulate in growing typed arrays; strings (date, labels) are derived at the end. */
export class EntityRecorder {
  private rows = 0;
  private data: Float64Array[];

  constructor(
    private readonly name: string,
    private readonly cols: readonly EntityColumn[],
    private readonly count: number,
    capacityRows: number,
  ) {
    this.data = cols.map(() => new Float64Array(Math.max(1, capacityRows * count)));
  }

  record(st: SimState): void {
    const n = this.count;
    if (this.rows + n > this.data[0]!.length) {
      this.data = this.data.map((a) => {
        const g = new Float64Array(Math.max(a.length * 2, this.rows + n));
        g.set(a);
        return g;
      });
    }
    for (let c = 0; c < this.cols.length; c++) {
      const col = this.cols[c]!;
      const a = this.data[c]!;
      for (let i = 0; i < n; i++) a[this.rows + i] = col.get(st, i);
    }
    this.rows += n;
  }

  table(st: SimState): Table {
    const blocks = this.data[0]!.subarray(0, this.rows);
    const n = this.count;
    return {
      name: this.name,
      rows: this.rows,
      columns: this.cols.map((col, c) => ({
        def: col.def,
        data:
          col.def.kind === "date"
            ? Array.from(blocks, (b) => isoDate(blockToMs(b, st.compiled.start_block, st.compiled.start_ms)))
            : col.def.kind === "string"
              ? Array.from({ length: this.rows }, (_, r) => col.label!(st, r % n))
              : this.data[c]!.slice(0, this.rows),
      })),
    };
  }
}
