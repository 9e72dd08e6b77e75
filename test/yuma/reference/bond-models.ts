/**
 * Bond models of the Yuma epoch, selected by name (`bond_model`): a registry, so the epoch never
 * tests a model's name. Each turns the stored bonds B, the weights for bonds W̃ (with their entry
 * mask), active stake A, incentive I and consensus C into the new bonds B', raw dividends and the
 * values to store (on the 0–1 scale; the epoch applies u16()).
 *
 * classic (`Yuma3On = false`; spec §6.9, `epoch/run_epoch.rs :: compute_bonds / compute_ema_bonds`)
 *     B   = colnorm(stored)              ΔB_ij = colnorm(W̃_ij · A_i)
 *     B'  = colnorm(a·ΔB + (1 − a)·B)    a = 1 − bonds_moving_average/1e6
 *     D_i = Σ_j B'_ij I_j                store B'_ij / max_i B'_ij (column max → 1)
 *
 * yuma3 (`Yuma3On = true`; spec §6.10, `compute_bonds_sparse`, `math.rs :: mat_ema_alpha_sparse`)
 *     B   = stored / 65535 (fraction of the validator's weight, not normalised)
 *     liquid alpha on and some C_j ≠ 0, for columns j listed in row i of W̃ only:
 *         α_ij = alpha_sigmoid(C_j, W̃_ij, B_ij);  B'_ij = min(1, (1 − α)·B_ij + max(α·W̃_ij, 0))
 *         (a bond in a column row i does not list is dropped, not decayed)
 *     otherwise  B' = a·W̃ + (1 − a)·B over the union of entries
 *     D_i = A_i · Σ_j colnorm(B')_ij I_j      store B'
 *     alpha_sigmoid(c, w, b): d = clamp(w − c, 0, 1) if w ≥ b else clamp(b − w, 0, 1);
 *         x = clamp(−(steepness/100)(d − 0.5), −20, 20); σ = 1/(1 + eˣ);
 *         α = clamp(α_low + σ(α_high − α_low), α_low, α_high)
 */
import { colNormalizeInPlace } from "./kernels.js";

export interface LiquidAlpha {
  alpha_low: number;
  alpha_high: number;
  steepness: number;
}

/** Everything a bond model reads and writes for one epoch. Matrices are R × n, row-major. */
export interface BondContext {
  R: number;
  n: number;
  /** Stored bonds on the u16 scale as numbers (masked columns already zeroed). Overwritten with B'. */
  B: Float64Array;
  /** Weights for bonds W̃ and their entry mask (1 = an entry, possibly an explicit 0). */
  Wt: Float64Array;
  WtPresent: Uint8Array;
  /** Active stake per row, incentive and consensus per uid. */
  A: Float64Array;
  I: Float64Array;
  C: Float64Array;
  /** EMA rate a = 1 − bonds_moving_average/1e6. */
  a: number;
  liquidAlpha: LiquidAlpha | false;
  /** Out: raw dividends per row (the epoch normalises). */
  D: Float64Array;
  /** Out: the values to store per entry, on the 0–1 scale. */
  store: Float64Array;
  /** Scratch of length ≥ n and R × n. */
  colScratch: Float64Array;
  matScratch: Float64Array;
}

export interface BondModel {
  name: string;
  doc: string;
  /** subtensor function(s) mirrored. */
  mirrors: string;
  update(c: BondContext): void;
}

function dividendsFromBonds(c: BondContext, Bn: Float64Array, weightByStake: boolean): void {
  const { R, n, I, D, A } = c;
  for (let r = 0; r < R; r++) {
    const o = r * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += Bn[o + j]! * I[j]!;
    D[r] = weightByStake ? A[r]! * s : s;
  }
}

export const classic: BondModel = {
  name: "classic",
  doc: "original Yuma bonds: column-normalised stake × weight deltas, EMA, dividends = B'·I",
  mirrors: "epoch/run_epoch.rs :: epoch_mechanism (Yuma3On = false): compute_ema_bonds, mat_ema",
  update(c) {
    const { R, n, B, Wt, A, a, store, colScratch, matScratch: dB } = c;
    const len = R * n;
    colNormalizeInPlace(B, R, n, colScratch);
    for (let r = 0; r < R; r++) {
      const o = r * n;
      const ar = A[r]!;
      for (let j = 0; j < n; j++) dB[o + j] = Wt[o + j]! * ar;
    }
    colNormalizeInPlace(dB, R, n, colScratch);
    const b = 1 - a;
    for (let k = 0; k < len; k++) B[k] = a * dB[k]! + b * B[k]!;
    colNormalizeInPlace(B, R, n, colScratch);
    dividendsFromBonds(c, B, false);
    // Column-max upscale for storage.
    colScratch.fill(0, 0, n);
    for (let r = 0; r < R; r++) {
      const o = r * n;
      for (let j = 0; j < n; j++) if (B[o + j]! > colScratch[j]!) colScratch[j] = B[o + j]!;
    }
    for (let r = 0; r < R; r++) {
      const o = r * n;
      for (let j = 0; j < n; j++) store[o + j] = colScratch[j]! > 0 ? B[o + j]! / colScratch[j]! : 0;
    }
  },
};

export const yuma3: BondModel = {
  name: "yuma3",
  doc: "Yuma3: per-entry bond EMA in weight units (optionally liquid alpha), dividends ∝ stake × colnorm(B')·I",
  mirrors: "epoch/run_epoch.rs :: epoch_mechanism (Yuma3On = true): compute_bonds_sparse, alpha_sigmoid, mat_ema_alpha_sparse",
  update(c) {
    const { R, n, B, Wt, WtPresent, C, a, store, colScratch, matScratch: Bn } = c;
    const len = R * n;
    for (let k = 0; k < len; k++) B[k] = B[k]! / 65535;
    const la = c.liquidAlpha;
    let anyC = false;
    for (let j = 0; j < n; j++) if (C[j] !== 0) anyC = true;
    if (la && anyC) {
      const lo = la.alpha_low;
      const hi = la.alpha_high;
      const slope = la.steepness / 100;
      for (let r = 0; r < R; r++) {
        const o = r * n;
        for (let j = 0; j < n; j++) {
          const k = o + j;
          if (!WtPresent[k]) {
            B[k] = 0;
            continue;
          }
          const w = Wt[k]!;
          const b = B[k]!;
          const d = w >= b ? Math.min(1, Math.max(0, w - C[j]!)) : Math.min(1, Math.max(0, b - w));
          const x = Math.min(20, Math.max(-20, -slope * (d - 0.5)));
          const sig = 1 / (1 + Math.exp(x));
          const alpha = Math.min(hi, Math.max(lo, lo + sig * (hi - lo)));
          const v = Math.min(1, (1 - alpha) * b + Math.max(alpha * w, 0));
          B[k] = v > 0 ? v : 0;
        }
      }
    } else {
      const b = 1 - a;
      for (let k = 0; k < len; k++) {
        const v = a * Wt[k]! + b * B[k]!;
        B[k] = v > 0 ? v : 0;
      }
    }
    Bn.set(B.subarray(0, len));
    colNormalizeInPlace(Bn, R, n, colScratch);
    dividendsFromBonds(c, Bn, true);
    store.set(B.subarray(0, len));
  },
};

export const BOND_MODELS: readonly BondModel[] = [classic, yuma3];
export const BOND_MODEL_NAMES = BOND_MODELS.map((m) => m.name);

export function findBondModel(name: string): BondModel | undefined {
  return BOND_MODELS.find((m) => m.name === name);
}
