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
 * so the scale of I cancels). No matrix is materialised. The loops run in WebAssembly
 * (kernels/wasm/kernels.as.ts: classicColumn, yuma3Column); this module is the registry and the contract.
 */

export interface LiquidAlpha {
  alpha_low: number;
  alpha_high: number;
  steepness: number;
}

export interface BondModel {
  name: string;
  doc: string;
  /** subtensor function(s) mirrored. */
  mirrors: string;
  /** The model's id in the kernels (kernels/wasm/kernels.as.ts :: epoch). */
  kernel: number;
}

export const classic: BondModel = {
  name: "classic",
  doc: "original Yuma bonds: column-normalised stake × weight deltas, EMA, dividends = B'·I",
  mirrors: "epoch/run_epoch.rs :: epoch_mechanism (Yuma3On = false): compute_ema_bonds, mat_ema",
  kernel: 0,
};

export const yuma3: BondModel = {
  name: "yuma3",
  doc: "Yuma3: per-entry bond EMA in weight units (optionally liquid alpha), dividends ∝ stake × colnorm(B')·I",
  mirrors: "epoch/run_epoch.rs :: epoch_mechanism (Yuma3On = true): compute_bonds_sparse, alpha_sigmoid, mat_ema_alpha_sparse",
  kernel: 1,
};

export const BOND_MODELS: readonly BondModel[] = [classic, yuma3];
export const BOND_MODEL_NAMES = BOND_MODELS.map((m) => m.name);

export function findBondModel(name: string): BondModel | undefined {
  return BOND_MODELS.find((m) => m.name === name);
}
