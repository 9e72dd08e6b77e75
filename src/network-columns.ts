/**
 * The network table's columns, in order, as written to network.csv and network.parquet: those
 * recorded from the state (record/columns.ts) with the metrics computed after the run
 * (metrics/post.ts) placed among them. CSV and Parquet headers, plot labels, the report's column
 * table, sweep summary columns and the README table read this list.
 */
import { RECORDED_NETWORK_COLUMNS } from "./record/columns.js";
import { networkColumnDefs } from "./metrics/post.js";
import type { ColumnDef } from "./table.js";

export const NETWORK_COLUMNS: readonly ColumnDef[] = networkColumnDefs(RECORDED_NETWORK_COLUMNS);
