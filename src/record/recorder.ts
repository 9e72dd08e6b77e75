/**
 * Columnar recorder: preallocated Float64Array per column, one row per recording point. Copies
 * values out of the state; never keeps a reference to a live array.
 */
import type { SimState } from "../state/state.js";
import { RECORDED_NETWORK_COLUMNS, type NetworkColumn } from "./columns.js";
import type { Table } from "../table.js";
import { isoDate, blockToMs } from "../units.js";

export class Recorder {
  private rows = 0;
  private readonly data: Float64Array[];
  private readonly defs: readonly NetworkColumn[];

  /** `extra`: the era's own network columns (mechanisms/index.ts :: EraDef.record), after the common ones. */
  constructor(capacity: number, extra: readonly NetworkColumn[] = []) {
    this.defs = extra.length > 0 ? [...RECORDED_NETWORK_COLUMNS, ...extra] : RECORDED_NETWORK_COLUMNS;
    this.data = this.defs.map(() => new Float64Array(Math.max(1, capacity)));
  }

  record(st: SimState, priceUsd: number): void {
    if (this.rows >= this.data[0]!.length) {
      for (let c = 0; c < this.data.length; c++) {
        const grown = new Float64Array(this.data[c]!.length * 2);
        grown.set(this.data[c]!);
        this.data[c] = grown;
      }
    }
    const r = this.rows++;
    for (let c = 0; c < this.defs.length; c++) this.data[c]![r] = this.defs[c]!.get(st, priceUsd);
  }

  /** The recorded network table (dates derived from blocks), internal columns included (metrics/post.ts drops them). */
  table(startBlock: number, startMs: number): Table {
    const blockCol = this.defs.findIndex((d) => d.name === "block");
    const blocks = this.data[blockCol]!.subarray(0, this.rows);
    return {
      name: "network",
      rows: this.rows,
      columns: this.defs.map((def, c) => ({
        def,
        data: def.kind === "date" ? Array.from(blocks, (b) => isoDate(blockToMs(b, startBlock, startMs))) : this.data[c]!.slice(0, this.rows),
      })),
    };
  }
}
