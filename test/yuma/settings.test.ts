/** The one Yuma settings shape and its converters from the scenario hyperparameters and from a yuma-case/1 file. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_YUMA_SETTINGS, yumaSettings, yumaSettingsFromCase, yumaSettingsFromHyperparameters } from "../../src/yuma/settings.js";
import { parseCase } from "../../src/yuma/case.js";
import { scenarioSchema } from "../../src/scenario/schema.js";

test("yumaSettings(partial) fills the defaults and freezes", () => {
  const s = yumaSettings({ kappa: 0.25 });
  assert.deepEqual(s, { ...DEFAULT_YUMA_SETTINGS, kappa: 0.25 });
  assert.ok(Object.isFrozen(s));
  assert.deepEqual(yumaSettings(), DEFAULT_YUMA_SETTINGS);
});

test("yumaSettingsFromHyperparameters(hp): EMA in millionths, activity_cutoff_blocks, stake_threshold 0", () => {
  const parsed = scenarioSchema.parse({
    name: "t",
    start: { date: "2024-01-01", block: 0 },
    horizon: { days: 1 },
    token: { initial_issuance_tao: 1000 },
    network: { era: "2023", subnets: 1, hyperparameters: { bonds_moving_average: 0.975, activity_cutoff_blocks: 1234, bond_model: "yuma3", liquid_alpha: { alpha_low: 0.7, alpha_high: 0.9, steepness: 1000 } } },
  });
  const hp = parsed.network.hyperparameters;
  assert.deepEqual(yumaSettingsFromHyperparameters(hp), {
    bond_model: "yuma3",
    liquid_alpha: { alpha_low: 0.7, alpha_high: 0.9, steepness: 1000 },
    kappa: hp.kappa,
    bonds_penalty: hp.bonds_penalty,
    bonds_moving_average: 975_000,
    max_allowed_validators: hp.max_allowed_validators,
    activity_cutoff: 1234,
    tempo: hp.tempo,
    stake_threshold: 0,
  });
});

test("yumaSettingsFromCase(settings): the case's fields as given, tempo and stake_threshold defaulted by the format", () => {
  const text = JSON.stringify({
    format: "yuma-case/1",
    name: "t",
    source: { kind: "other", ref: "test" },
    settings: { bond_model: "classic", liquid_alpha: false, kappa: 0.5, bonds_penalty: 0.25, bonds_moving_average: 800000, max_allowed_validators: 8, activity_cutoff: 100 },
    n: 2,
    tolerance: {},
    epochs: [{ block: 1, stake: [1, 0] }],
  });
  const r = parseCase(text, "t.json");
  assert.ok(r.ok);
  assert.deepEqual(yumaSettingsFromCase(r.value.settings), {
    bond_model: "classic",
    liquid_alpha: false,
    kappa: 0.5,
    bonds_penalty: 0.25,
    bonds_moving_average: 800_000,
    max_allowed_validators: 8,
    activity_cutoff: 100,
    tempo: 360,
    stake_threshold: 0,
  });
});
