/**
 * One subnet's Yuma Consensus epoch, chain-faithful, over typed arrays.
 *
 * Mirrors subtensor `epoch/run_epoch.rs :: epoch_mechanism` (commit 14bc6f9f5) as restated in
 * `conformance/yuma/README.md` §5 and `spec/mechanics.md` §6. Notation: n uids, rows r = uids
 * holding the previous epoch's validator permit (only they carry weights or bonds), b = block.
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
 * Layout and cost. Every uid's stored weights are kept in a dense n × n u16 matrix (row-major:
 * entry (i, j) at i·n + j, so set_weights writes one contiguous row). The validator-permit
 * holders — the rows — own "slots" 0..R−1; their weights (copied before each epoch from the rows
 * set since the last one), entry marks and bonds (u16) are kept slot-major by column, so a
 * column of the R × n validator block is one contiguous span. A bond row exists only while its
 * uid holds a permit, so a slot is freed (its bonds emptied) when the permit is lost. The epoch
 * visits each column once; row normalisation is a per-row factor; consensus is an exact bucket
 * selection; no comparator sorts, no allocation per epoch.
 *
 * Steps 1–5 and 10–11 (O(n)) run here; steps 6–9 (O(R·n)) run in WebAssembly
 * (kernels/wasm/kernels.as.ts), on this subnet's own linear memory: every typed array below that the
 * kernels read or write is a view into it.
 */
import { findBondModel, type BondModel } from "./bond-models.js";
import { normalizeInPlace } from "../kernels/normalize.js";
import { kernelLayout, layoutOffsets } from "../kernels/layout.js";
import { instantiateKernels, type YumaKernels } from "../kernels/wasm/index.js";
import { yumaSettings, type YumaSettings } from "./settings.js";

// The settings shape lives in settings.ts (re-exported here for existing imports).
export { DEFAULT_YUMA_SETTINGS, type YumaSettings } from "./settings.js";

/** The outputs of the last epoch, indexed by uid. */
export interface EpochOutputs {
  incentive: Float64Array;
  dividends: Float64Array;
  consensus: Float64Array;
  validator_trust: Float64Array;
  /** Emission shares (sum 1). */
  emission: Float64Array;
  /** Permits issued by this epoch (used by the next). */
  validator_permit: Uint8Array;
  /** Stake weight S (normalised) and active stake A, for reporting. */
  stake_weight: Float64Array;
  active_stake: Float64Array;
}

export class YumaSubnet {
  readonly n: number;
  readonly settings: Readonly<YumaSettings>;
  private readonly model: BondModel;
  private readonly k: YumaKernels;
  /** Stake weight per uid (any unit). */
  readonly stake: Float64Array;
  readonly registrationBlock: Float64Array;
  readonly lastUpdate: Float64Array;
  /** Permits issued by the previous epoch. */
  readonly permit: Uint8Array;
  readonly out: EpochOutputs;

  // Views into the kernels' memory (kernels/layout.ts :: kernelLayout, the order of kernels/wasm/kernels.as.ts :: setLayout).
  /** Every uid's stored weights, row-major: entry (i, j) at i·n + j; and the entry marks. */
  private readonly Wst: Uint16Array;
  private readonly Wpres: Uint8Array;
  /** Rows set since the last epoch, whose slot copies are stale. */
  private readonly dirty: Uint8Array;
  private readonly dirtyList: Int32Array;
  private nDirty = 0;
  private readonly flushList: Int32Array;
  private readonly vals: Float64Array;
  private readonly actRows: Int32Array;
  private readonly qual: Float64Array;
  private readonly stage: Float64Array;
  /** Per slot: 1 if its stored bond row may be non-zero (kept by the kernels; moved with the slot). */
  private readonly rowBond: Uint8Array;
  /** The stored weights of the slotted uids, slot-major like Bs (a copy of their Wst rows). */
  private readonly Ws: Uint16Array;
  private readonly Wps: Uint8Array;
  private readonly rowOkF: Float64Array;
  /** Stored bonds (u16) by column, slot-major: (slot s, uid j) at j·rcap + s. */
  private readonly Bs: Uint16Array;
  private readonly rcap: number;
  /** Bond slots: the slot of each uid (−1: none) and the uid in each slot; slots 0..nSlots−1 are
   * exactly the uids holding a validator permit, and they are this epoch's rows, in slot order. */
  private readonly slotOf: Int32Array;
  private readonly uidOfSlot: Int32Array;
  private nSlots = 0;
  private readonly inv: Float64Array;
  private readonly lu: Float64Array;
  private readonly rank: Float64Array;
  private readonly Ar: Float64Array;
  private readonly VTr: Float64Array;
  private readonly slowRows: Int32Array;
  private readonly colMask: Uint8Array;
  private readonly target: Uint8Array;
  private readonly Dr: Float64Array;
  /** Per uid: has a stored weight row; Σ of its values; its self entry's value. */
  private readonly rowSet: Uint8Array;
  private readonly rowTotal: Float64Array;
  private readonly rowSelf: Float64Array;
  private readonly scratch: Float64Array;

  constructor(n: number, settings: Partial<YumaSettings> = {}, registrationBlock: number | ArrayLike<number> = 0) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be a positive integer: ${n}`);
    this.n = n;
    this.settings = yumaSettings(settings);
    const model = findBondModel(this.settings.bond_model);
    if (!model) throw new RangeError(`unknown bond model "${this.settings.bond_model}"`);
    this.model = model;

    // Linear-memory layout: O(n²) u16/u8 stores, O(n) scratch.
    // Bond slots: only validator-permit holders hold bonds, at most min(n, k) of them.
    this.rcap = Math.max(1, Math.min(n, this.settings.max_allowed_validators));
    const sizes = kernelLayout(n, this.rcap);


    const { base, offsets, bytes } = layoutOffsets(sizes);
    this.k = instantiateKernels(bytes);
    const buf = this.k.memory.buffer;
    new Uint32Array(buf, base, sizes.length).set(offsets);
    this.k.setLayout(base);
    const at = (name: string) => offsets[sizes.findIndex((x) => x[0] === name)]!;
    const count = (name: string) => sizes.find((x) => x[0] === name)![2];
    const f64 = (name: string) => new Float64Array(buf, at(name), count(name));
    const u8 = (name: string) => new Uint8Array(buf, at(name), count(name));
    const i32 = (name: string) => new Int32Array(buf, at(name), count(name));
    const u16v = (name: string) => new Uint16Array(buf, at(name), count(name));
    this.Wst = u16v("Wst");
    this.Wpres = u8("Wpres");
    this.flushList = i32("flush");
    this.vals = f64("vals");
    this.actRows = i32("actRows");
    this.qual = f64("qual");
    this.stage = f64("stage");
    this.rowBond = u8("rowBond");
    this.dirty = new Uint8Array(n);
    this.dirtyList = new Int32Array(n);

    this.Bs = u16v("Bs");
    this.Ws = u16v("Ws");
    this.Wps = u8("Wps");
    this.rowOkF = f64("rowOkF");
    this.inv = f64("inv");
    this.lu = f64("lu");
    this.registrationBlock = f64("reg");
    this.rank = f64("rank");
    this.Ar = f64("active");
    this.VTr = f64("vt");
    this.slowRows = i32("slowRows");
    this.colMask = u8("mask");
    this.target = u8("target");
    this.Dr = f64("div");

    if (typeof registrationBlock === "number") this.registrationBlock.fill(registrationBlock);
    else this.registrationBlock.set(registrationBlock);
    this.stake = new Float64Array(n);
    this.lastUpdate = Float64Array.from(this.registrationBlock);
    this.permit = new Uint8Array(n);
    this.out = {
      incentive: new Float64Array(n),
      dividends: new Float64Array(n),
      consensus: f64("cons"),
      validator_trust: new Float64Array(n),
      emission: new Float64Array(n),
      validator_permit: new Uint8Array(n),
      stake_weight: new Float64Array(n),
      active_stake: new Float64Array(n),
    };
    this.rowSet = new Uint8Array(n);
    this.rowTotal = new Float64Array(n);
    this.rowSelf = new Float64Array(n);
    // Rows are the slots, in slot order: the kernels read a uid's row as slotOf ("rowOf") and a
    // row's uid as uidOfSlot ("base").
    this.slotOf = i32("rowOf").fill(-1);
    this.uidOfSlot = i32("base");
    this.scratch = new Float64Array(n);
  }

  // ---------------------------------------------------------------- inputs (extrinsics)

  /** Set the stake weight vector (n values ≥ 0). */
  setStake(stake: ArrayLike<number>): void {
    this.stake.set(stake);
  }

  /**
   * `set_weights` by uid: replaces the stored row (max-upscaled to u16, explicit zeros kept as
   * entries) and sets last_update. Dests must be distinct and < n, in any order.
   */
  setWeights(uid: number, dests: ArrayLike<number>, values: ArrayLike<number>, block: number): void {
    const n = this.n;
    this.clearWeightRow(uid);
    let max = 0;
    for (let k = 0; k < values.length; k++) if (values[k]! > max) max = values[k]!;
    let total = 0;
    const row = uid * n;
    for (let k = 0; k < dests.length; k++) {
      const q = row + dests[k]!;
      // vec_u16_max_upscale_to_u16: round half away from zero; an all-zero row stays zero.
      const v = max === 0 ? 0 : Math.floor((values[k]! * 65535) / max + 0.5);
      this.Wst[q] = v;
      this.Wpres[q] = 1;
      total += v;
    }
    this.rowSet[uid] = 1;
    this.rowTotal[uid] = total;
    this.rowSelf[uid] = this.Wst[row + uid]!;
    this.lastUpdate[uid] = block;
    this.markDirty(uid);
  }

  /**
   * A scratch array (n values) in the kernels' memory for `setWeightsRange`: fill its first
   * `count` entries with raw weights, then call setWeightsRange (no copy).
   */
  weightScratch(): Float64Array {
    return this.vals;
  }

  /** A scratch array (n values) in the kernels' memory holding the miners' true quality, for observe. */
  qualityScratch(): Float64Array {
    return this.qual;
  }

  /** Scratch for standard normals (rcap·n values) in the kernels' memory, read by observe. */
  stageScratch(): Float64Array {
    return this.stage;
  }

  /**
   * weightScratch()[j] = qualityScratch()[j]·max(0, 1 + σ·stageScratch()[at + j]) for j < m: an
   * observation of quality with noise, from normals staged by the caller (kernels/noise-feed.ts).
   */
  observe(at: number, m: number, sigma: number): void {
    if (!(m >= 0 && m <= this.n && at >= 0 && at + m <= this.stage.length)) throw new RangeError(`observe: ${at} + ${m} outside the stage (${this.stage.length})`);
    this.k.observe(at, m, sigma);
  }

  /**
   * `set_weights` by uid to the contiguous dests first … first + count − 1 with the raw values in
   * weightScratch()[0..count) — the same as setWeights with those dests, done in the kernels.
   */
  setWeightsRange(uid: number, first: number, count: number, block: number): void {
    const n = this.n;
    if (!(first >= 0 && count >= 0 && first + count <= n)) throw new RangeError(`dests ${first}…${first + count - 1} outside 0…${n - 1}`);
    const total = this.k.setRow(uid, first, count, n);
    this.rowSet[uid] = 1;
    this.rowTotal[uid] = total;
    this.rowSelf[uid] = this.Wst[uid * n + uid]!;
    this.lastUpdate[uid] = block;
    this.markDirty(uid);
  }

  /** uid's stored row changed: its slot copy is refreshed before the next epoch (flushWeights). */
  private markDirty(uid: number): void {
    if (this.dirty[uid]) return;
    this.dirty[uid] = 1;
    this.dirtyList[this.nDirty++] = uid;
  }

  /** Refresh the slot copies of the changed rows that hold a slot (in the kernels: a strided copy). */
  private flushWeights(): void {
    if (this.nDirty === 0) return;
    const n = this.n;
    const rc = this.rcap;
    const uids = this.dirtyList;
    let k = 0;
    for (let q = 0; q < this.nDirty; q++) {
      const u = uids[q]!;
      this.dirty[u] = 0;
      if (this.slotOf[u]! >= 0) uids[k++] = u;
    }
    this.nDirty = 0;
    // (row offset, slot) pairs for the kernels' copy (kernels/wasm/kernels.as.ts :: flush), by slot so
    // that runs of consecutive slots take the kernel's block path (insertion sort: the list is
    // short and usually in order already).
    const list = this.flushList;
    for (let q = 0; q < k; q++) {
      const off = uids[q]! * n;
      const slot = this.slotOf[uids[q]!]!;
      let p = q;
      while (p > 0 && list[2 * p - 1]! > slot) {
        list[2 * p] = list[2 * p - 2]!;
        list[2 * p + 1] = list[2 * p - 1]!;
        p--;
      }
      list[2 * p] = off;
      list[2 * p + 1] = slot;
    }
    this.k.flush(k, n, rc);
  }

  private clearWeightRow(uid: number): void {
    const n = this.n;
    this.Wst.fill(0, uid * n, uid * n + n);
    this.Wpres.fill(0, uid * n, uid * n + n);
  }

  /** Free uid's bond slot (its bonds are emptied); the last slot moves into the gap. */
  private freeSlot(uid: number): void {
    const s = this.slotOf[uid]!;
    if (s < 0) return;
    const n = this.n;
    const rc = this.rcap;
    const last = this.nSlots - 1;
    const B = this.Bs;
    const Wsl = this.Ws;
    const Wpl = this.Wps;
    if (s !== last) {
      for (let j = 0; j < n; j++) {
        B[j * rc + s] = B[j * rc + last]!;
        Wsl[j * rc + s] = Wsl[j * rc + last]!;
        Wpl[j * rc + s] = Wpl[j * rc + last]!;
      }
      const moved = this.uidOfSlot[last]!;
      this.uidOfSlot[s] = moved;
      this.slotOf[moved] = s;
      this.rowBond[s] = this.rowBond[last]!;
    }
    for (let j = 0; j < n; j++) {
      B[j * rc + last] = 0;
      Wsl[j * rc + last] = 0;
      Wpl[j * rc + last] = 0;
    }
    this.rowBond[last] = 0;
    this.slotOf[uid] = -1;
    this.nSlots = last;
  }

  /** Give uid an empty bond slot. */
  private allocSlot(uid: number): void {
    const s = this.nSlots++;
    this.uidOfSlot[s] = uid;
    this.slotOf[uid] = s;
    this.rowBond[s] = 0;
    this.markDirty(uid);
  }

  /** A new hotkey takes uid (`replace_neuron`). */
  register(uid: number, block: number): void {
    const n = this.n;
    this.registrationBlock[uid] = block;
    this.lastUpdate[uid] = block;
    this.permit[uid] = 0;
    // Its own weight and bond rows are removed.
    this.clearWeightRow(uid);
    this.rowSet[uid] = 0;
    this.rowTotal[uid] = 0;
    this.rowSelf[uid] = 0;
    this.freeSlot(uid);
    // Other rows keep their entry for uid, with value 0 (entries (v, uid) at v·n + uid).
    for (let v = 0, q = uid; v < n; v++, q += n) {
      if (this.Wpres[q]) {
        this.rowTotal[v] = this.rowTotal[v]! - this.Wst[q]!;
        this.Wst[q] = 0;
      }
    }
    for (let sl = 0; sl < this.nSlots; sl++) this.Ws[uid * this.rcap + sl] = 0;
  }

  /** `do_reset_bonds`: remove column j from every stored bond row. */
  resetBonds(j: number): void {
    this.Bs.fill(0, j * this.rcap, j * this.rcap + this.nSlots);
  }

  /** Stored bonds (u16 scale) of uid i to uid j. */
  bond(i: number, j: number): number {
    const s = this.slotOf[i]!;
    return s < 0 ? 0 : this.Bs[j * this.rcap + s]!;
  }

  /** The stored bond matrix, dense n × n on the u16 scale (row i = bonds held by uid i). */
  bondMatrix(): number[][] {
    const n = this.n;
    return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => this.bond(i, j)));
  }

  // ---------------------------------------------------------------- the epoch

  epoch(block: number): EpochOutputs {
    const n = this.n;
    const st = this.settings;
    const { stake, permit, out } = this;
    const S = out.stake_weight;
    const A = out.active_stake;
    const newPermit = out.validator_permit;
    const reg = this.registrationBlock;

    this.flushWeights();

    // == 2. Stake ==
    for (let i = 0; i < n; i++) S[i] = Math.floor(stake[i]!) < st.stake_threshold ? 0 : stake[i]!;
    normalizeInPlace(S, n);

    // == 3. New validator permits (top-k by stake) ==
    this.issuePermits();

    // == 1, 4. Activity and active stake ==
    for (let i = 0; i < n; i++) A[i] = permit[i] && this.lastUpdate[i]! + st.activity_cutoff >= block ? S[i]! : 0;
    normalizeInPlace(A, n);

    // == 5. Weights: the rows (permit holders) and their normalisation factors ==
    let maxReg = -Infinity;
    for (let j = 0; j < n; j++) if (reg[j]! > maxReg) maxReg = reg[j]!;
    const { uidOfSlot: rows, inv, lu, Ar } = this;
    let nSlow = 0;
    let nAct = 0;
    let total = 0;
    const R = this.nSlots;
    const divide = st.liquid_alpha !== false && this.model.kernel === 1;
    for (let r = 0; r < R; r++) {
      const u = rows[r]!;
      Ar[r] = A[u]!;
      const l = this.lastUpdate[u]!;
      lu[r] = l;
      const ok = permit[u] === 1 && this.rowSet[u] === 1;
      this.rowOkF[r] = ok ? 1 : 0;
      if (ok && l <= maxReg) this.slowRows[nSlow++] = r;
      if (Ar[r]! > 0) {
        this.actRows[nAct++] = r;
        total += Ar[r]!;
      }
      let sum = 0;
      if (!ok) sum = 0;
      else if (l > maxReg) sum = this.rowTotal[u]! - this.rowSelf[u]!;
      else for (let j = 0, k = u * n; j < n; j++, k++) if (j !== u && l > reg[j]!) sum += this.Wst[k]!;
      // Liquid alpha: the kernels divide by Σ (∞ for a row without weights: W = 0), the oracle's
      // operation, since W, C and W̃ choose each entry's α; otherwise they multiply by 1/Σ.
      if (divide) inv[r] = ok && sum > 0 ? sum : Infinity;
      else inv[r] = ok && sum > 0 ? 1 / sum : 0;
    }

    // == 6–9. Consensus, clipping, validator trust, incentive; weights for bonds, bonds, dividends ==
    const lastTempo = Math.max(0, block - st.tempo);
    const mask = this.colMask;
    for (let j = 0; j < n; j++) mask[j] = lastTempo <= reg[j]! ? 1 : 0;
    for (let r = 0; r < R; r++) this.target[r] = newPermit[rows[r]!]!;
    // Trailing rows with no weights, no active stake and no stored bond add nothing to any sum and
    // keep empty bond rows: the kernels skip them (their trust and dividends are 0).
    let Rk = 0;
    for (let r = 0; r < R; r++) if (this.rowOkF[r] === 1 || Ar[r]! > 0 || this.rowBond[r]) Rk = r + 1;
    const la = st.liquid_alpha;
    this.k.epoch(Rk, this.rcap, n, nAct, nSlow, total - st.kappa, this.model.kernel, st.bonds_penalty, 1 - st.bonds_moving_average / 1e6, la ? 1 : 0, la ? la.alpha_low : 0, la ? la.alpha_high : 0, la ? la.steepness / 100 : 0);
    this.VTr.fill(0, Rk, R);
    this.Dr.fill(0, Rk, R);
    const I = out.incentive;
    I.set(this.rank);
    normalizeInPlace(I, n);
    const VT = out.validator_trust;
    VT.fill(0);
    for (let r = 0; r < R; r++) VT[rows[r]!] = this.VTr[r]!;
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

    // == 11. Store permits and bonds: the kernels wrote new-permit rows in place; rows that lost
    // their permit lose their bonds (and slot); new permit holders get an empty slot.
    for (let r = R - 1; r >= 0; r--) {
      const u = rows[r]!;
      if (!newPermit[u]) this.freeSlot(u);
    }
    for (let u = 0; u < n; u++) if (newPermit[u] && this.slotOf[u]! < 0) this.allocSlot(u);
    permit.set(newPermit);
    return out;
  }

  private issuePermits(): void {
    const n = this.n;
    const S = this.out.stake_weight;
    const newPermit = this.out.validator_permit;
    const k = this.settings.max_allowed_validators;
    let positive = 0;
    for (let i = 0; i < n; i++) if (S[i]! > 0) positive++;
    if (n < k || positive <= k) {
      // Every staked uid fits in the top k (the n − k dropped first are zero-stake uids).
      for (let i = 0; i < n; i++) newPermit[i] = S[i]! > 0 ? 1 : 0;
      return;
    }
    // The chain sorts ascending (stable) and drops the first n − k: the permits go to the k
    // largest stakes, and among equal stakes at the boundary to the higher uids. Select the k-th
    // largest value t, permit every S > t, then fill the remaining permits with S = t from the
    // highest uid down.
    const vals = this.scratch;
    for (let i = 0; i < n; i++) vals[i] = S[i]!;
    const t = kthLargest(vals, n, k);
    newPermit.fill(0);
    let given = 0;
    for (let i = 0; i < n; i++) {
      if (S[i]! > t) {
        newPermit[i] = 1;
        given++;
      }
    }
    for (let i = n - 1; i >= 0 && given < k; i--) {
      if (S[i] === t && t > 0) {
        newPermit[i] = 1;
        given++;
      }
    }
  }
}

/** The k-th largest of a[0..n) (1 ≤ k ≤ n), by quickselect (reorders a). */
function kthLargest(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i] = a[j]!;
        a[j] = x;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}
