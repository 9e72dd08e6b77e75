/**
 * Chain hyperparameters (`network.hyperparameters`), shared by every subnet; defaults are
 * subtensor's. Each group of fields belongs to the mechanism or model that reads it, which
 * declares the paths in its `params` (test/model-lint.test.ts checks every field has an owner);
 * the object keeps the order of the chain's documentation (HYPERPARAMETER_ORDER). u16 proportions
 * are written as fractions (x/65535 on chain).
 */
import { z } from "zod";
import { U16_MAX } from "../units.js";
import { BOND_MODEL_NAMES } from "../yuma/bond-models.js";

const frac = () => z.number().min(0).max(1);
const nonNegInt = () => z.number().int().nonnegative();
const posInt = () => z.number().int().positive();
const u16frac = (raw: number) => frac().default(raw / U16_MAX);

/** The subnet epoch's schedule, permits and payout (mechanisms/epoch.ts). */
export const EPOCH_PARAMS = {
  tempo: posInt().max(50_400).default(99).describe("blocks per epoch minus one in era 2023 (epoch every tempo+1 blocks)"),
  max_allowed_uids: posInt().max(4096).default(256).describe("uids per subnet"),
  max_allowed_validators: posInt().default(64).describe("validator permits per subnet (top-k by stake)"),
  owner_cut_frac: u16frac(11_796).describe("subnet owner cut (SubnetOwnerCut/65535 ≈ 18%)"),
};

/** The Yuma Consensus epoch (mechanisms/consensus/yuma.ts). */
export const YUMA_PARAMS = {
  kappa: u16frac(32_767).describe("consensus quantile κ (Kappa/65535)"),
  bonds_penalty: u16frac(65_535).describe("β (BondsPenalty/65535)"),
  bonds_moving_average: frac().default(0.9).describe("BondsMovingAverage/1e6; EMA rate α = 1 − this"),
  activity_cutoff_blocks: posInt().default(5000),
  bond_model: z
    .enum(BOND_MODEL_NAMES as [string, ...string[]])
    .default("classic")
    .describe("Yuma bond model (Yuma3On); 2023 subnets ran classic"),
  liquid_alpha: z
    .union([z.literal(false), z.strictObject({ alpha_low: frac(), alpha_high: frac(), steepness: z.number().positive() })])
    .default(false)
    .describe("liquid alpha (yuma3 only): {alpha_low, alpha_high, steepness}; chain defaults 0.7, 0.9, 1000"),
  commit_reveal_epochs: nonNegInt().max(100).default(0).describe("commit-reveal delay in epochs (0 = off, as in 2023): weights take effect this many epochs after they are set"),
};

/** Neuron registration and pruning (mechanisms/registration.ts). */
export const PRUNING_PARAMS = {
  immunity_period_blocks: nonNegInt().default(4096),
};

/** The era-B root network's subnet shares (mechanisms/subnet-shares.ts :: root). */
export const ROOT_PARAMS = {
  root_tempo: posInt().max(50_400).default(100).describe("root network tempo: its epoch runs every root_tempo + 1 blocks"),
  root_max_validators: posInt().max(4096).default(64).describe("root network members: the validators with the most TAO stake"),
  root_rho: z.number().positive().default(10).describe("ρ of the root consensus sigmoid (Rho[0])"),
  root_kappa: u16frac(32_767).describe("κ of the root consensus sigmoid (Kappa[0]/65535)"),
  root_noise_sigma: z.number().min(0).max(10).default(0).describe("σ of the relative noise in root members' view of subnet value (0: all see the true mean miner quality)"),
};

/** The drain of validator emission to nominators (mechanisms/drain.ts, restake.ts). */
export const DRAIN_PARAMS = {
  hotkey_emission_tempo_blocks: posInt().default(7200).describe("era-B drain period of validator emission to nominators"),
};

const ALL = { ...EPOCH_PARAMS, ...YUMA_PARAMS, ...PRUNING_PARAMS, ...ROOT_PARAMS, ...DRAIN_PARAMS };

/** The order of the fields in the scenario (and in resolved scenarios): the chain documentation's. */
export const HYPERPARAMETER_ORDER = [
  "tempo",
  "max_allowed_uids",
  "max_allowed_validators",
  "kappa",
  "bonds_penalty",
  "bonds_moving_average",
  "activity_cutoff_blocks",
  "bond_model",
  "liquid_alpha",
  "immunity_period_blocks",
  "root_tempo",
  "root_max_validators",
  "root_rho",
  "root_kappa",
  "root_noise_sigma",
  "commit_reveal_epochs",
  "owner_cut_frac",
  "hotkey_emission_tempo_blocks",
] as const satisfies readonly (keyof typeof ALL)[];

export const hyperparametersSchema = z
  .strictObject(Object.fromEntries(HYPERPARAMETER_ORDER.map((k) => [k, ALL[k]])) as typeof ALL)
  .describe("chain hyperparameters, shared by every subnet; defaults are subtensor's");

export type Hyperparameters = z.output<typeof hyperparametersSchema>;

/** `network.hyperparameters.<key>` for each key of a fragment (a component's `params`). */
export function hyperparameterPaths(fragment: Record<string, unknown>): string[] {
  return Object.keys(fragment).map((k) => `network.hyperparameters.${k}`);
}
