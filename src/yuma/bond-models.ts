/**
 * Bond models of the Yuma epoch, selected by name (`bond_model`): a registry, so the epoch never
 * tests a model's name. Each turns the stored bonds B, the weights for bonds W̃, active stake A,
 * incentive I and consensus C into new bonds B', dividends D, and the u16 values to store.
 *
 * classic (`Yuma3On = false`; spec §6.9, `epoch/run_epoch.rs :: compute_ema_bonds`, `mat_ema`)
 *     B   = colnorm(stored)              ΔB_ij = colnorm(W̃_ij · A_i)
 *     B'  = colnorm(a·ΔB + (1 − a)·B)    a = 1 − bonds_moving_average/1e6
 *     D_i = Σ_j B'_ij I_j                store u16(B'_ij / max_i B'_ij)   (column max → 65535)
 *
 * yuma3 (`Yuma3On = true`; spec §6.10, `compute_bonds_sparse`, `alpha_sigmoid`,
 * `math.rs :: mat_ema_alpha_sparse`)
 *     B   = stored / 65535 (fraction of the validator's weight, not normalised)
 *     liquid alpha on and some C_j ≠ 0, for the columns j listed in row i of W̃ only:
 *         α_ij = alpha_sigmoid(C_j, W̃_ij, B_ij);  B'_ij = min(1, (1 − α)·B_ij + max(α·W̃_ij, 0))
 *         (a bond in a column row i does not list is dropped, not decayed)
 *     otherwise  B' = a·W̃ + (1 − a)·B over the union of entries
 *     D_i = A_i · Σ_j colnorm(B')_ij I_j      store u16(B'_ij)
 *     alpha_sigmoid(c, w, b): d = clamp(w − c, 0, 1) if w ≥ b else clamp(b − w, 0, 1);
 *         x = clamp(−(steepness/100)(d − 0.5), −20, 20); σ = 1/(1 + eˣ);
 *         α = clamp(α_low + σ(α_high − α_low), α_low, α_high)
 *
 * Weights for bonds (spec §6.8): W̃ = W + β(W̄ − W) with W̄ = min(W, C) (an entry W_ij > C_j = 0
 * is removed); β = 0 keeps W with its explicit zeros, β = 1 is W̄, otherwise entries > 0.
 *
 * Both models run one column at a time: gather W̃ and the stored bonds of the column, form B' with
 * its column sum (and max), then accumulate dividends and write the stored u16 in place. Column
 * normalisations become per-column factors; I enters as the raw rank (D is normalised at the end,
 * so the scale of I cancels). No matrix is materialised.
 */

export interface LiquidAlpha {
  alpha_low: number;
  alpha_high: number;
  steepness: number;
}

/** Everything a bond model reads and writes for one epoch (R validator rows × n uids). */
export interface BondContext {
  R: number;
  n: number;
  /** Row-normalised weights W of the R rows, column-major (entry (r, j) at j·R + r). */
  WT: Float64Array;
  /** Stored weights (u16, max-upscaled) and entry marks, n × n row-major by uid. */
  Wst: Uint16Array;
  Wpres: Uint8Array;
  /** Stored bonds (u16), n × n row-major by uid; rows with `target` are overwritten in place. */
  Bst: Uint16Array;
  /** Per row r: uid·n, uid, the weight-row scale (1/Σ valid entries), whether the row counts
   * (holds the old permit and has stored weights), whether some entries may be outdated, last_update. */
  base: Int32Array;
  uid: Int32Array;
  inv: Float64Array;
  rowOk: Uint8Array;
  slow: Uint8Array;
  lu: Float64Array;
  registration: Float64Array;
  beta: number;
  C: Float64Array;
  /** Raw rank Σ_i A_i W̄_ij per uid (∝ incentive). */
  rank: Float64Array;
  /** Active stake per row. */
  A: Float64Array;
  a: number;
  liquidAlpha: LiquidAlpha | false;
  /** Columns whose stored bonds are ignored (uid registered since the last epoch). */
  mask: Uint8Array;
  /** Per row: 1 to store this epoch's bonds (new permit). */
  target: Uint8Array;
  /** Out: dividends per row (unnormalised) and whether a stored row has a non-zero entry. */
  D: Float64Array;
  targetAny: Uint8Array;
  /** Column scratch, length ≥ R. */
  colWt: Float64Array;
  colP: Uint8Array;
  colB: Float64Array;
  colV: Float64Array;
}

export interface BondModel {
  name: string;
  doc: string;
  /** subtensor function(s) mirrored. */
  mirrors: string;
  update(c: BondContext): void;
}

/**
 * Chain storage of a fraction on the u16 scale: floor(65535·x + 1e-6) (conformance README §5).
 * Kept in this module: the hot loops call it per entry, and a cross-module call costs a getter
 * under the TypeScript loader.
 */
export function u16(x: number): number {
  const v = Math.floor(65535 * x + 1e-6);
  return v < 0 ? 0 : v > 65535 ? 65535 : v;
}

/** Column j of W̃ into colWt (entry marks into colP when `presence`); column j of B into colB. Returns ΣB. */
function gatherColumn(c: BondContext, j: number, presence: boolean): number {
  const { R, n, WT, Wpres, Bst, base, rowOk, beta, colWt, colP, colB } = c;
  const cj = c.C[j]!;
  const o = j * R;
  if (beta === 1 && !presence) {
    for (let r = 0; r < R; r++) {
      const w = WT[o + r]!;
      colWt[r] = w < cj ? w : cj;
    }
  } else {
    const rj = c.registration[j]!;
    for (let r = 0; r < R; r++) {
      const w = WT[o + r]!;
      // An entry exists if the row counts, the setter listed j, and it is neither self nor outdated.
      let p = presence ? rowOk[r]! & Wpres[base[r]! + j]! : 1;
      if (presence && p && (j === c.uid[r] || (c.slow[r] === 1 && c.lu[r]! <= rj))) p = 0;
      const wb = w < cj ? w : cj;
      if (beta === 1) {
        colWt[r] = wb;
        colP[r] = p && !(w > cj && cj === 0) ? 1 : 0;
      } else if (beta === 0) {
        colWt[r] = w;
        colP[r] = p;
      } else {
        const v = w + beta * (wb - w);
        colWt[r] = v > 0 ? v : 0;
        colP[r] = v > 0 ? 1 : 0;
      }
    }
  }
  let sb = 0;
  if (c.mask[j] === 1) colB.fill(0, 0, R);
  else
    for (let r = 0; r < R; r++) {
      const b = Bst[base[r]! + j]!;
      colB[r] = b;
      sb += b;
    }
  void n;
  return sb;
}

/** D_r += colV_r·g; rows with a target get u16(colV_r·scale) written to Bst in place. */
function payAndStore(c: BondContext, j: number, g: number, scale: number): void {
  const { R, D, target, targetAny, colV, Bst, base } = c;
  for (let r = 0; r < R; r++) {
    const v = colV[r]!;
    D[r]! += v * g;
    if (target[r] === 1) {
      let q = v === 0 ? 0 : Math.floor(65535 * v * scale + 1e-6);
      q = q < 0 ? 0 : q > 65535 ? 65535 : q;
      Bst[base[r]! + j] = q;
      if (q !== 0) targetAny[r] = 1;
    }
  }
}

export const classic: BondModel = {
  name: "classic",
  doc: "original Yuma bonds: column-normalised stake × weight deltas, EMA, dividends = B'·I",
  mirrors: "epoch/run_epoch.rs :: epoch_mechanism (Yuma3On = false): compute_ema_bonds, mat_ema",
  update(c) {
    const { R, n, A, a, rank, colWt, colB, colV } = c;
    const b = 1 - a;
    c.D.fill(0, 0, R);
    c.targetAny.fill(0, 0, R);
    for (let j = 0; j < n; j++) {
      const sb = gatherColumn(c, j, false);
      let sd = 0;
      for (let r = 0; r < R; r++) sd += colWt[r]! * A[r]!;
      const ib = sb > 0 ? b / sb : 0;
      const id = sd > 0 ? a / sd : 0;
      // B' = a·colnorm(ΔB) + (1 − a)·colnorm(B); its column sum and max.
      let s = 0;
      let mx = 0;
      for (let r = 0; r < R; r++) {
        const v = colWt[r]! * A[r]! * id + colB[r]! * ib;
        colV[r] = v;
        s += v;
        if (v > mx) mx = v;
      }
      // colnorm(B')·I for dividends; B'/max for storage (the column normalisation cancels).
      payAndStore(c, j, s > 0 ? rank[j]! / s : 0, mx > 0 ? 1 / mx : 0);
    }
  },
};

export const yuma3: BondModel = {
  name: "yuma3",
  doc: "Yuma3: per-entry bond EMA in weight units (optionally liquid alpha), dividends ∝ stake × colnorm(B')·I",
  mirrors: "epoch/run_epoch.rs :: epoch_mechanism (Yuma3On = true): compute_bonds_sparse, alpha_sigmoid, mat_ema_alpha_sparse",
  update(c) {
    const { R, n, C, a, rank, A, colWt, colP, colB, colV } = c;
    const la = c.liquidAlpha;
    let anyC = false;
    for (let j = 0; j < n; j++) if (C[j] !== 0) anyC = true;
    const liquid = la !== false && anyC;
    const k16 = 1 / 65535;
    const lo = la ? la.alpha_low : 0;
    const hi = la ? la.alpha_high : 0;
    const slope = la ? la.steepness / 100 : 0;
    const b = 1 - a;
    c.D.fill(0, 0, R);
    c.targetAny.fill(0, 0, R);
    for (let j = 0; j < n; j++) {
      gatherColumn(c, j, liquid);
      const cj = C[j]!;
      let s = 0;
      if (liquid) {
        for (let r = 0; r < R; r++) {
          if (!colP[r]) {
            colV[r] = 0;
            continue;
          }
          const w = colWt[r]!;
          const bo = colB[r]! * k16;
          const d = w >= bo ? Math.min(1, Math.max(0, w - cj)) : Math.min(1, Math.max(0, bo - w));
          const x = Math.min(20, Math.max(-20, -slope * (d - 0.5)));
          const alpha = Math.min(hi, Math.max(lo, lo + (hi - lo) / (1 + Math.exp(x))));
          const v = Math.min(1, (1 - alpha) * bo + Math.max(alpha * w, 0));
          const kept = v > 0 ? v : 0;
          colV[r] = kept;
          s += kept;
        }
      } else {
        for (let r = 0; r < R; r++) {
          const v = a * colWt[r]! + b * colB[r]! * k16;
          const kept = v > 0 ? v : 0;
          colV[r] = kept;
          s += kept;
        }
      }
      payAndStore(c, j, s > 0 ? rank[j]! / s : 0, 1);
    }
    for (let r = 0; r < R; r++) c.D[r] = c.D[r]! * A[r]!;
  },
};

export const BOND_MODELS: readonly BondModel[] = [classic, yuma3];
export const BOND_MODEL_NAMES = BOND_MODELS.map((m) => m.name);

export function findBondModel(name: string): BondModel | undefined {
  return BOND_MODELS.find((m) => m.name === name);
}
