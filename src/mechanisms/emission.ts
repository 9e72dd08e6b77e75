/**
 * Emission (era 2023, pre-dTAO): mint, recycle, and accrue each subnet's pending emission.
 *
 * Mirrors v1.2.x `coinbase/run_coinbase.rs` (era B) with `coinbase/block_emission.rs`:
 *     per block:  E = E(TotalIssuance)                       (halving rule, supply/block-emission.ts)
 *                 R = recycle_frac · E  (recycled: TotalIssuance −= R)
 *                 PendingEmission_s += (E − R)·share_s       for every subnet s
 * The net per-block amount accrues to subnets by `emission_share_frac` (set by the subnet-emission
 * function, mechanisms/subnet-shares.ts). Over a span of blocks the SupplyClock changes the rate at
 * the exact halving block. With no subnets, the net emission is `unassigned` (held by holders the
 * scenario does not model), so a supply-only scenario still mints.
 */
import { defineMechanism } from "./mechanism.js";
import type { SupplySpan } from "../supply/supply.js";

export const emission = defineMechanism<SupplySpan>({
  name: "emission",
  mirrors: "coinbase/block_emission.rs :: get_block_emission_for_issuance; v1.2.4 coinbase/run_coinbase.rs (PendingEmission)",
  reads: ["subnets.emission_share_frac"],
  writes: ["network.supply", "network.emitted_tao", "network.recycled_tao", "network.unassigned_tao", "subnets.pending_tao"],
  private: "a SupplySpan scratch (emitted and recycled TAO of the span being advanced)",
  init: (st) => {
    // The era's recycled share (network.eras may give each era its own).
    st.network.supply.setRecycleFrac(st.compiled.recycle_frac);
    return { emitted_tao: 0, recycled_tao: 0 };
  },
  nextBlock: () => Infinity,
  step(st, t, span) {
    const blocks = t - st.network.block;
    if (blocks <= 0) return;
    st.network.supply.advance(blocks, span);
    st.network.emitted_tao += span.emitted_tao;
    st.network.recycled_tao += span.recycled_tao;
    const net = span.emitted_tao - span.recycled_tao;
    const sn = st.subnets;
    if (sn.n === 0) {
      st.network.unassigned_tao += net;
      return;
    }
    for (let s = 0; s < sn.n; s++) sn.pending_tao[s]! += net * sn.emission_share_frac[s]!;
  },
});
