/**
 * The per-validator table (long format: one row per validator per recording point). Amounts over
 * the interval since the previous row, like the network table's interval columns.
 *
 *   apr_nominator_frac = (validator's rewards to its stake net of take over the interval)
 *                        / (its stake at the interval start), annualised — what a nominator of
 *                        this validator earned per TAO, net of the delegate take
 */
import type { SimState } from "../state/state.js";
import type { ColumnDef } from "./columns.js";
import type { Table } from "./recorder.js";
import { BLOCKS_PER_DAY, blockToMs, isoDate } from "../units.js";

interface ValidatorColumn {
  def: ColumnDef;
  get(st: SimState, i: number): number;
}

const vcol = (name: string, unit: string, kind: ColumnDef["kind"], doc: string, get: ValidatorColumn["get"]): ValidatorColumn => ({
  def: { name, unit, kind, doc, get: () => NaN },
  get,
});

export const VALIDATOR_COLUMNS: readonly ValidatorColumn[] = [
  vcol("block", "block", "int", "chain block height", (st) => st.network.block),
  vcol("date", "YYYY-MM-DD", "date", "calendar date of the block (UTC)", () => NaN),
  vcol("validator", "index", "int", "validator index (0-based, in population order)", (_st, i) => i),
  vcol("group", "name", "string", "population group of the validator", () => NaN),
  vcol("stake_tao", "TAO", "float", "total stake on the hotkey (self + nominated)", (st, i) => st.validators.self_stake_tao[i]! + st.validators.nominated_tao[i]!),
  vcol("self_stake_tao", "TAO", "float", "the owner's own stake", (st, i) => st.validators.self_stake_tao[i]!),
  vcol("nominated_tao", "TAO", "float", "nominators' stake", (st, i) => st.validators.nominated_tao[i]!),
  vcol("take_frac", "fraction", "float", "delegate take", (st, i) => st.validators.take_frac[i]!),
  vcol("dividends_tao", "TAO", "float", "dividends (before take) received in the interval", (st, i) => st.validators.interval_dividends_tao[i]!),
  vcol("apr_nominator_frac", "fraction/year", "float", "yield per TAO staked on this validator net of take over the interval, annualised", (st, i) => {
    const v = st.validators;
    const blocks = st.network.block - st.network.interval_start_block;
    const base = v.interval_stake_start_tao[i]!;
    const net = v.interval_owner_reward_tao[i]! - v.interval_take_tao[i]! + v.interval_nominator_reward_tao[i]!;
    return blocks > 0 && base > 0 ? (net / base) * ((365 * BLOCKS_PER_DAY) / blocks) : NaN;
  }),
  vcol("cartel", "flag", "int", "1 = cartel member", (st, i) => st.validators.cartel[i]!),
  vcol("copier", "flag", "int", "1 = copies consensus", (st, i) => st.validators.copier[i]!),
];

/** Rows accumulate in growing typed arrays; strings (date, group) are derived at the end. */
export class ValidatorRecorder {
  private rows = 0;
  private data: Float64Array[];

  constructor(
    private readonly nValidators: number,
    capacityRows: number,
  ) {
    this.data = VALIDATOR_COLUMNS.map(() => new Float64Array(Math.max(1, capacityRows * nValidators)));
  }

  record(st: SimState): void {
    const V = this.nValidators;
    if (this.rows + V > this.data[0]!.length) this.data = this.data.map((a) => {
      const g = new Float64Array(Math.max(a.length * 2, this.rows + V));
      g.set(a);
      return g;
    });
    for (let c = 0; c < VALIDATOR_COLUMNS.length; c++) {
      const col = VALIDATOR_COLUMNS[c]!;
      const a = this.data[c]!;
      for (let i = 0; i < V; i++) a[this.rows + i] = col.get(st, i);
    }
    this.rows += V;
  }

  table(st: SimState): Table {
    const blocks = this.data[0]!.subarray(0, this.rows);
    const groups = st.compiled.populations.groups;
    const vIdx = this.data[2]!;
    return {
      name: "validators",
      rows: this.rows,
      columns: VALIDATOR_COLUMNS.map((col, c) => ({
        def: col.def,
        data:
          col.def.name === "date"
            ? Array.from(blocks, (b) => isoDate(blockToMs(b, st.compiled.start_block, st.compiled.start_ms)))
            : col.def.kind === "string"
              ? Array.from({ length: this.rows }, (_, r) => groups[st.validators.group[vIdx[r]!]!]!.name)
              : this.data[c]!.slice(0, this.rows),
      })),
    };
  }
}
