/**
 * Network table column registry: the one place where a column name meets the state. CSV and
 * Parquet headers, plot labels and the README table all read from here.
 */
import { conservationError, pendingTao, stakedTao, type SimState } from "../state/state.js";
import { BLOCKS_PER_DAY } from "../units.js";

export interface ColumnDef {
  name: string;
  unit: string;
  doc: string;
  kind: "int" | "float" | "date";
  /** Value at the current state (not used for the date column, derived from `block`). */
  get(st: SimState, priceUsd: number): number;
}

const col = (name: string, unit: string, kind: ColumnDef["kind"], doc: string, get: ColumnDef["get"]): ColumnDef => ({ name, unit, kind, doc, get });

export const NETWORK_COLUMNS: readonly ColumnDef[] = [
  col("block", "block", "int", "chain block height", (st) => st.network.block),
  col("date", "YYYY-MM-DD", "date", "calendar date of the block (UTC, 12 s blocks)", () => NaN),
  col("day", "days", "float", "days since the start", (st) => (st.network.block - st.compiled.start_block) / BLOCKS_PER_DAY),
  col("issuance_tao", "TAO", "float", "TotalIssuance: initial + emitted − recycled", (st) => st.network.supply.issuance_tao),
  col("block_emission_tao", "TAO/block", "float", "gross emission per block at this issuance (halving rule)", (st) => st.network.supply.block_emission_tao),
  col("emitted_tao", "TAO", "float", "cumulative gross emission since the start", (st) => st.network.emitted_tao),
  col("recycled_tao", "TAO", "float", "cumulative TAO recycled out of issuance since the start", (st) => st.network.recycled_tao),
  col("staked_tao", "TAO", "float", "stake held by modelled miners, validators and nominators", (st) => stakedTao(st)),
  col("liquid_tao", "TAO", "float", "TAO not staked: free initial supply, owner cuts, withdrawn rewards", (st) => st.network.liquid_tao),
  col("pending_tao", "TAO", "float", "emitted but not yet paid out (subnet pending + hotkey pending)", (st) => pendingTao(st)),
  col("unassigned_tao", "TAO", "float", "emission paid to holders the scenario does not model", (st) => st.network.unassigned_tao),
  col("owner_cut_tao", "TAO", "float", "cumulative subnet-owner cut", (st) => st.network.owner_cut_tao),
  col("staking_ratio_frac", "fraction", "float", "staked_tao / issuance_tao", (st) => stakedTao(st) / Math.max(1e-300, st.network.supply.issuance_tao)),
  col("price_usd", "USD/TAO", "float", "TAO price from the price process", (_st, p) => p),
  col("market_cap_usd", "USD", "float", "issuance_tao × price_usd", (st, p) => st.network.supply.issuance_tao * p),
  col("conservation_error_frac", "fraction", "float", "abs(issuance − Σ holdings) / issuance; a check, ~1e-16", (st) => conservationError(st)),
];
