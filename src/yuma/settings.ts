/**
 * The one internal shape of a subnet's Yuma settings (YumaSettings, read by YumaSubnet), its
 * defaults, and the converters from the external shapes that carry them:
 *
 *   scenario hyperparameters   yumaSettingsFromHyperparameters: bonds_moving_average as a fraction
 *                              (→ millionths), activity_cutoff_blocks (→ activity_cutoff)
 *   a `yuma-case/1` file        yumaSettingsFromCase: the case's `settings`, field for field
 *   anything else               yumaSettings: a partial shape over the defaults
 *
 * The external shapes keep their own field names and units (they are file formats); only these
 * functions map them. This module does not import the scenario folder: the hyperparameters are
 * taken structurally (YumaHyperparameters).
 */
import type { LiquidAlpha } from "./bond-models.js";
import type { YumaCase } from "./case.js";

export interface YumaSettings {
  bond_model: string;
  liquid_alpha: LiquidAlpha | false;
  /** κ as a fraction (Kappa/65535). */
  kappa: number;
  /** β in [0, 1]. */
  bonds_penalty: number;
  /** In millionths (900000 → EMA rate 0.1). */
  bonds_moving_average: number;
  max_allowed_validators: number;
  activity_cutoff: number;
  tempo: number;
  stake_threshold: number;
}

export const DEFAULT_YUMA_SETTINGS: Readonly<YumaSettings> = Object.freeze({
  bond_model: "yuma3",
  liquid_alpha: false,
  kappa: 32767 / 65535,
  bonds_penalty: 1,
  bonds_moving_average: 900_000,
  max_allowed_validators: 64,
  activity_cutoff: 5000,
  tempo: 360,
  stake_threshold: 0,
});

/** Settings from a partial shape: every field not given takes its default. Frozen. */
export function yumaSettings(settings: Partial<YumaSettings> = {}): Readonly<YumaSettings> {
  return Object.freeze({ ...DEFAULT_YUMA_SETTINGS, ...settings });
}

/** The scenario hyperparameters (`network.hyperparameters`) a subnet's Yuma epoch reads. */
export interface YumaHyperparameters {
  readonly bond_model: string;
  readonly liquid_alpha: LiquidAlpha | false;
  readonly kappa: number;
  readonly bonds_penalty: number;
  /** BondsMovingAverage/1e6, a fraction. */
  readonly bonds_moving_average: number;
  readonly max_allowed_validators: number;
  readonly activity_cutoff_blocks: number;
  readonly tempo: number;
}

/** A scenario's hyperparameters as Yuma settings (stake_threshold: the default, 0). */
export function yumaSettingsFromHyperparameters(hp: YumaHyperparameters): Readonly<YumaSettings> {
  return yumaSettings({
    bond_model: hp.bond_model,
    liquid_alpha: hp.liquid_alpha,
    kappa: hp.kappa,
    bonds_penalty: hp.bonds_penalty,
    bonds_moving_average: Math.round(hp.bonds_moving_average * 1e6),
    max_allowed_validators: hp.max_allowed_validators,
    activity_cutoff: hp.activity_cutoff_blocks,
    tempo: hp.tempo,
  });
}

/** A `yuma-case/1` file's settings as Yuma settings (the same fields and units). */
export function yumaSettingsFromCase(s: YumaCase["settings"]): Readonly<YumaSettings> {
  return yumaSettings({
    bond_model: s.bond_model,
    liquid_alpha: s.liquid_alpha,
    kappa: s.kappa,
    bonds_penalty: s.bonds_penalty,
    bonds_moving_average: s.bonds_moving_average,
    max_allowed_validators: s.max_allowed_validators,
    activity_cutoff: s.activity_cutoff,
    tempo: s.tempo,
    stake_threshold: s.stake_threshold,
  });
}
