/**
 * TEST ORACLE — the first, plain TypeScript implementation of the epoch (row-major matrices, one
 * step after another, as conformance README §5 reads). It passed the whole conformance folder and
 * is kept unoptimised on purpose: test/yuma/differential.test.ts checks the production epoch
 * (src/yuma, WebAssembly kernels) against it on random subnets.
 *
 * One subnet's Yuma Consensus epoch, chain-faithful, over typed arrays.
 *
 * Mirrors subtensor `epoch/run_epoch.rs :: epoch_mechanism` (commit 14bc6f9f5) as restated in
 * `conformance/yuma/README.md` §5 and `spec/mechanics.md` §6. Notation: n uids, rows r = uids
 * holding the previous epoch's validator permit (only they can carry weights or bonds), b = block.
 *
 *   1  active_i   = last_update_i + activity_cutoff ≥ b
 *   2  S          = normalise(stake_i, or 0 when floor(stake_i) < stake_threshold)
 *   3  new permit = top-k of S (stable ascending sort drops the first n − k; ties favour the
 *                   higher uid), never to S_i = 0; all S_i > 0 when n < k
 *   4  A          = normalise(S_i if active_i and permit_i)          (permit = previous epoch's)
 *   5  W          = stored u16 rows of permit holders, minus the self weight and entries set
 *                   before j's registration (last_update_i ≤ registration_j); rows normalised
 *   6  C_j        = stake-weighted κ-quantile of column j over rows with A_i > 0:
 *                   Σ{A_i : W_ij < C_j} ≤ ΣA − κ < Σ{A_i : W_ij ≤ C_j}
 *   7  W̄ = min(W, C) (W_ij > C_j = 0 is removed);  VT_i = Σ_j W̄_ij;  I = normalise(Σ_i A_i W̄_ij)
 *   8  W̃ = W + β(W̄ − W)  (β = 0: W with its explicit zeros; β = 1: W̄; else entries > 0)
 *   9  bonds (bond-models.ts), after masking columns registered since the last epoch
 *      (max(0, b − tempo) ≤ registration_j); D normalised
 *   10 emission_i = (I_i + D_i)/Σ(I + D); when Σ = 0, emission = A (or S when A = 0)
 *   11 store the new permits; bond rows: new permit → u16(x) = floor(65535x + 1e-6);
 *      permit lost → emptied; otherwise untouched.
 *
 * Consensus (6) uses an exact weighted quickselect per column over a transposed copy of the
 * active rows (no comparator sorts); all buffers are preallocated and reused every epoch.
 */
import { findBondModel, type BondContext, type BondModel } from "./bond-models.js";
import type { EpochOutputs } from "../../../src/yuma/subnet.js";
import { DEFAULT_YUMA_SETTINGS, type YumaSettings } from "../../../src/yuma/settings.js";
import { maxUpscaleU16, normalizeInPlace, u16, weightedQuantile } from "./kernels.js";

interface SparseRow {
  dests: Int32Array;
  values: Uint16Array;
}


export class YumaSubnet {
  readonly n: number;
  readonly settings: Readonly<YumaSettings>;
  private readonly model: BondModel;
  /** Stake weight per uid (any unit). */
  readonly stake: Float64Array;
  readonly registrationBlock: Float64Array;
  readonly lastUpdate: Float64Array;
  /** Permits issued by the previous epoch. */
  readonly permit: Uint8Array;
  private readonly weightRows: (SparseRow | null)[];
  private readonly bondRows: (Uint16Array | null)[];
  readonly out: EpochOutputs;

  // Scratch, reused every epoch.
  private cap = 0;
  private rowsUid = new Int32Array(0);
  private W = new Float64Array(0);
  private Wp = new Uint8Array(0);
  private Wb = new Float64Array(0);
  private WbP = new Uint8Array(0);
  private Wt = new Float64Array(0);
  private WtP = new Uint8Array(0);
  private B = new Float64Array(0);
  private store = new Float64Array(0);
  private mat = new Float64Array(0);
  private Ar = new Float64Array(0);
  private Dr = new Float64Array(0);
  private colT = new Float64Array(0);
  private readonly S: Float64Array;
  private readonly A: Float64Array;
  private readonly newPermit: Uint8Array;
  private readonly order: Int32Array;
  private readonly rank: Float64Array;
  private readonly colScratch: Float64Array;
  private readonly colMask: Uint8Array;
  private readonly qVals: Float64Array;
  private readonly qWts: Float64Array;
  private readonly upscale: Uint16Array;
  private readonly ctx: BondContext;

  constructor(n: number, settings: Partial<YumaSettings> = {}, registrationBlock: number | ArrayLike<number> = 0) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
    this.n = n;
    this.settings = Object.freeze({ ...DEFAULT_YUMA_SETTINGS, ...settings });
    const model = findBondModel(this.settings.bond_model);
    if (!model) throw new RangeError(`unknown bond model "${this.settings.bond_model}"`);
    this.model = model;
    this.stake = new Float64Array(n);
    this.registrationBlock = new Float64Array(n);
    if (typeof registrationBlock === "number") this.registrationBlock.fill(registrationBlock);
    else this.registrationBlock.set(registrationBlock);
    this.lastUpdate = Float64Array.from(this.registrationBlock);
    this.permit = new Uint8Array(n);
    this.weightRows = new Array<SparseRow | null>(n).fill(null);
    this.bondRows = new Array<Uint16Array | null>(n).fill(null);
    this.out = {
      incentive: new Float64Array(n),
      dividends: new Float64Array(n),
      consensus: new Float64Array(n),
      validator_trust: new Float64Array(n),
      emission: new Float64Array(n),
      validator_permit: new Uint8Array(n),
      stake_weight: new Float64Array(n),
      active_stake: new Float64Array(n),
    };
    this.S = this.out.stake_weight;
    this.A = this.out.active_stake;
    this.newPermit = this.out.validator_permit;
    this.order = new Int32Array(n);
    this.rank = new Float64Array(n);
    this.colScratch = new Float64Array(n);
    this.colMask = new Uint8Array(n);
    this.qVals = new Float64Array(n);
    this.qWts = new Float64Array(n);
    this.upscale = new Uint16Array(n);
    this.ensureRows(Math.min(n, Math.max(1, this.settings.max_allowed_validators)));
    this.ctx = this.makeContext();
  }

  private ensureRows(R: number): void {
    if (R <= this.cap) return;
    const n = this.n;
    this.cap = R;
    this.rowsUid = new Int32Array(R);
    this.W = new Float64Array(R * n);
    this.Wp = new Uint8Array(R * n);
    this.Wb = new Float64Array(R * n);
    this.WbP = new Uint8Array(R * n);
    this.Wt = new Float64Array(R * n);
    this.WtP = new Uint8Array(R * n);
    this.B = new Float64Array(R * n);
    this.store = new Float64Array(R * n);
    this.mat = new Float64Array(R * n);
    this.Ar = new Float64Array(R);
    this.Dr = new Float64Array(R);
    this.colT = new Float64Array(R * n);
    if (this.ctx) Object.assign(this.ctx, this.makeContext());
  }

  private makeContext(): BondContext {
    return {
      R: 0,
      n: this.n,
      B: this.B,
      Wt: this.Wt,
      WtPresent: this.WtP,
      A: this.Ar,
      I: this.out.incentive,
      C: this.out.consensus,
      a: 1 - this.settings.bonds_moving_average / 1e6,
      liquidAlpha: this.settings.liquid_alpha,
      D: this.Dr,
      store: this.store,
      colScratch: this.colScratch,
      matScratch: this.mat,
    };
  }

  // ---------------------------------------------------------------- inputs (extrinsics)

  /** Set the stake weight vector (n values ≥ 0). */
  setStake(stake: ArrayLike<number>): void {
    this.stake.set(stake);
  }

  /**
   * `set_weights` by uid: replaces the stored row (max-upscaled to u16, explicit zeros kept as
   * entries) and sets last_update. Dests must be ascending and < n.
   */
  setWeights(uid: number, dests: ArrayLike<number>, values: ArrayLike<number>, block: number): void {
    const up = maxUpscaleU16(values, new Uint16Array(values.length));
    this.weightRows[uid] = { dests: Int32Array.from(dests), values: up };
    this.lastUpdate[uid] = block;
  }

  /** A new hotkey takes uid (`replace_neuron`). */
  register(uid: number, block: number): void {
    this.registrationBlock[uid] = block;
    this.lastUpdate[uid] = block;
    this.permit[uid] = 0;
    this.weightRows[uid] = null;
    this.bondRows[uid] = null;
    // Other rows keep an entry for uid, with value 0.
    for (const row of this.weightRows) {
      if (!row) continue;
      const k = binarySearch(row.dests, uid);
      if (k >= 0) row.values[k] = 0;
    }
  }

  /** `do_reset_bonds`: remove column j from every stored bond row. */
  resetBonds(j: number): void {
    for (const row of this.bondRows) if (row) row[j] = 0;
  }

  /** Stored bonds (u16 scale) of uid i to uid j. */
  bond(i: number, j: number): number {
    return this.bondRows[i]?.[j] ?? 0;
  }

  /** The stored bond matrix, dense n × n on the u16 scale. */
  bondMatrix(): number[][] {
    const n = this.n;
    return Array.from({ length: n }, (_, i) => {
      const row = this.bondRows[i];
      return row ? Array.from(row) : new Array<number>(n).fill(0);
    });
  }

  // ---------------------------------------------------------------- the epoch

  epoch(block: number): EpochOutputs {
    const n = this.n;
    const st = this.settings;
    const { stake, permit, S, A, newPermit, out } = this;

    // == 2. Stake ==
    for (let i = 0; i < n; i++) S[i] = Math.floor(stake[i]!) < st.stake_threshold ? 0 : stake[i]!;
    normalizeInPlace(S, n);

    // == 3. New validator permits (top-k by stake) ==
    this.issuePermits();

    // == 1, 4. Activity and active stake ==
    for (let i = 0; i < n; i++) A[i] = permit[i] && this.lastUpdate[i]! + st.activity_cutoff >= block ? S[i]! : 0;
    normalizeInPlace(A, n);

    // Rows: uids holding the previous permit, or (defensively) a stored bond row.
    let R = 0;
    for (let i = 0; i < n; i++) if (permit[i] || this.bondRows[i]) R++;
    this.ensureRows(R);
    const rows = this.rowsUid;
    R = 0;
    for (let i = 0; i < n; i++) if (permit[i] || this.bondRows[i]) rows[R++] = i;
    const len = R * n;
    const { W, Wp, Ar } = this;
    for (let r = 0; r < R; r++) Ar[r] = A[rows[r]!]!;

    // == 5. Weights ==
    W.fill(0, 0, len);
    Wp.fill(0, 0, len);
    for (let r = 0; r < R; r++) {
      const u = rows[r]!;
      const row = this.weightRows[u];
      if (!permit[u] || !row) continue;
      const o = r * n;
      const lu = this.lastUpdate[u]!;
      let sum = 0;
      for (let k = 0; k < row.dests.length; k++) {
        const j = row.dests[k]!;
        if (j >= n || j === u || lu <= this.registrationBlock[j]!) continue;
        const v = row.values[k]!;
        W[o + j] = v;
        Wp[o + j] = 1;
        sum += v;
      }
      if (sum > 0) for (let j = 0; j < n; j++) W[o + j] = W[o + j]! / sum;
    }

    // == 6. Consensus ==
    this.consensus(R);

    // == 7. Clipping, validator trust, incentive ==
    const C = out.consensus;
    const { Wb, WbP } = this;
    const VT = out.validator_trust;
    const rank = this.rank;
    VT.fill(0);
    rank.fill(0);
    for (let r = 0; r < R; r++) {
      const o = r * n;
      const ar = Ar[r]!;
      let vt = 0;
      for (let j = 0; j < n; j++) {
        const k = o + j;
        const w = W[k]!;
        const c = C[j]!;
        const clipped = w < c ? w : c;
        Wb[k] = clipped;
        WbP[k] = Wp[k]! && !(w > c && c === 0) ? 1 : 0;
        vt += clipped;
        rank[j]! += ar * clipped;
      }
      VT[rows[r]!] = vt;
    }
    const I = out.incentive;
    I.set(rank);
    normalizeInPlace(I, n);

    // == 8. Weights for bonds ==
    const beta = st.bonds_penalty;
    const { Wt, WtP } = this;
    if (beta === 0) {
      Wt.set(W.subarray(0, len));
      WtP.set(Wp.subarray(0, len));
    } else if (beta === 1) {
      Wt.set(Wb.subarray(0, len));
      WtP.set(WbP.subarray(0, len));
    } else {
      for (let k = 0; k < len; k++) {
        const v = W[k]! + beta * (Wb[k]! - W[k]!);
        Wt[k] = v > 0 ? v : 0;
        WtP[k] = v > 0 ? 1 : 0;
      }
    }

    // == 9. Bonds and dividends ==
    const lastTempo = Math.max(0, block - st.tempo);
    const mask = this.colMask;
    for (let j = 0; j < n; j++) mask[j] = lastTempo <= this.registrationBlock[j]! ? 1 : 0;
    const B = this.B;
    for (let r = 0; r < R; r++) {
      const o = r * n;
      const stored = this.bondRows[rows[r]!];
      if (!stored) {
        B.fill(0, o, o + n);
        continue;
      }
      for (let j = 0; j < n; j++) B[o + j] = mask[j] ? 0 : stored[j]!;
    }
    const ctx = this.ctx;
    ctx.R = R;
    this.model.update(ctx);
    const D = out.dividends;
    D.fill(0);
    for (let r = 0; r < R; r++) D[rows[r]!] = this.Dr[r]!;
    normalizeInPlace(D, n);

    // == 10. Emission shares ==
    const E = out.emission;
    let sigma = 0;
    for (let i = 0; i < n; i++) sigma += I[i]! + D[i]!;
    if (sigma > 0) {
      for (let i = 0; i < n; i++) E[i] = (I[i]! + D[i]!) / sigma;
    } else {
      let anyA = false;
      for (let i = 0; i < n; i++) if (A[i]! > 0) anyA = true;
      E.set(anyA ? A : S);
    }

    // == 11. Store permits and bonds ==
    const store = this.store;
    for (let r = 0; r < R; r++) {
      const u = rows[r]!;
      if (newPermit[u]) {
        const o = r * n;
        let any = false;
        let row = this.bondRows[u] ?? null;
        for (let j = 0; j < n; j++) {
          const v = u16(store[o + j]!);
          if (v !== 0 && !row) row = new Uint16Array(n);
          if (row) row[j] = v;
          if (v !== 0) any = true;
        }
        this.bondRows[u] = any ? row : null;
      } else if (permit[u]) {
        this.bondRows[u] = null;
      }
    }
    permit.set(newPermit);
    return out;
  }

  private issuePermits(): void {
    const { n, S, newPermit, order } = this;
    const k = this.settings.max_allowed_validators;
    let positive = 0;
    for (let i = 0; i < n; i++) if (S[i]! > 0) positive++;
    if (n < k || positive <= k) {
      // Every staked uid fits in the top k (the n − k dropped first are zero-stake uids).
      for (let i = 0; i < n; i++) newPermit[i] = S[i]! > 0 ? 1 : 0;
      return;
    }
    for (let i = 0; i < n; i++) order[i] = i;
    // Stable ascending by stake: equal stakes keep uid order, so the lower uid is dropped first.
    order.sort((a, b) => S[a]! - S[b]! || a - b);
    newPermit.fill(0);
    for (let p = n - k; p < n; p++) {
      const i = order[p]!;
      if (S[i]! > 0) newPermit[i] = 1;
    }
  }

  /** C_j for every column: weighted κ-quantile over rows with A > 0 (exact quickselect). */
  private consensus(R: number): void {
    const n = this.n;
    const C = this.out.consensus;
    const { W, Ar, colT, qVals, qWts } = this;
    // Active rows, transposed into colT (n × Ra) so each column is contiguous.
    let Ra = 0;
    let total = 0;
    for (let r = 0; r < R; r++) {
      const a = Ar[r]!;
      if (!(a > 0)) continue;
      const o = r * n;
      for (let j = 0; j < n; j++) colT[j * R + Ra] = W[o + j]!;
      qWts[Ra] = a;
      total += a;
      Ra++;
    }
    if (Ra === 0) {
      C.fill(0);
      return;
    }
    const m = total - this.settings.kappa;
    const wts = this.qWts;
    const wCopy = this.colScratch;
    for (let i = 0; i < Ra; i++) wCopy[i] = wts[i]!;
    for (let j = 0; j < n; j++) {
      const base = j * R;
      let max = 0;
      let zeroW = 0;
      for (let i = 0; i < Ra; i++) {
        const v = colT[base + i]!;
        qVals[i] = v;
        if (v > max) max = v;
        else if (v === 0) zeroW += wCopy[i]!;
      }
      if (max === 0 || zeroW > m) {
        C[j] = 0;
        continue;
      }
      for (let i = 0; i < Ra; i++) wts[i] = wCopy[i]!;
      C[j] = weightedQuantile(qVals, wts, Ra, m);
    }
  }
}

function binarySearch(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = a[mid]!;
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
