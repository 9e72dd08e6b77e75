/**
 * The compiled scenario: the frozen, array-shaped description a run starts from (made by
 * scenario/compile.ts). Declared here, on the model's side, so the state and the mechanisms never
 * depend on the scenario DSL; the DSL's parameter schemas they read live in src/params/.
 */
import type { AgentKind } from "../agents/registry.js";
import type { Hyperparameters } from "../params/hyperparameters.js";
import type { RegistrationParams } from "../params/registration.js";

/** The parts of the resolved scenario the model reads (the full scenario is kept as data). */
export interface ResolvedScenario {
  readonly name: string;
  readonly start: { readonly date: string };
  readonly network: {
    readonly era: string;
    readonly consensus: string;
    readonly subnet_emission: string;
    readonly registration: RegistrationParams;
    /** Era-specific sections (validated by the era's own schema; its mechanisms read them). */
    readonly [section: string]: unknown;
    readonly hyperparameters: Hyperparameters;
  };
}

export interface PopulationGroup {
  kind: AgentKind;
  name: string;
  strategy: string;
  params: Readonly<Record<string, unknown>>;
  /** Index range [start, end) of this group's agents in its kind's arrays. */
  start: number;
  end: number;
}

export interface CompiledPopulations {
  groups: readonly PopulationGroup[];
  miners: { n: number; group: Int32Array; quality: Float64Array; stake_tao: Float64Array; subnet: Int32Array; quality_drift: Float64Array; cartel: Uint8Array; cost_usd_per_day: Float64Array; model: Int32Array; sybil: Uint8Array; /** dTAO: share of earned alpha sold at once (absent: 0). */ sell_frac?: Float64Array };
  validators: { n: number; group: Int32Array; stake_tao: Float64Array; take_frac: Float64Array; cartel: Uint8Array; copier: Uint8Array; /** dTAO: share of the owner's earned alpha sold at once (absent: 0). */ sell_frac?: Float64Array };
  stakers: { n: number; group: Int32Array; stake_tao: Float64Array; validator: Int32Array; compound: Uint8Array };
}

export interface CompiledScenario {
  readonly name: string;
  readonly description: string;
  /** sha256 of the resolved scenario (after overrides), hex. */
  readonly hash: string;
  readonly seed: number;
  /** The resolved scenario (after `extends` and overrides; for the manifest), typed here in what the model reads. */
  readonly scenario: ResolvedScenario;
  readonly start_ms: number;
  readonly start_block: number;
  readonly horizon_blocks: number;
  readonly record_every_blocks: number;
  readonly initial_issuance_tao: number;
  readonly recycle_frac: number;
  /** Price per day from the start date (index = day). */
  readonly price_usd_by_day: Float64Array;
  readonly subnets: number;
  readonly hyper: Hyperparameters;
  readonly subnet_emission: string;
  /** Mechanism era (selects the pipeline, mechanisms/index.ts): the run's first; the era a mechanism sees is its segment's. */
  readonly era: string;
  /** `network.eras`: the eras in order with their first blocks (absent: `era` for the whole run). */
  readonly eras?: readonly { readonly era: string; readonly from_block: number; readonly recycle_frac: number }[];
  readonly consensus: string;
  /** Users' tasks per day on each subnet. */
  readonly task_demand_per_day: Float64Array;
  /** Miners register and are pruned (mechanisms/registration.ts). */
  readonly registration: boolean;
  readonly populations: CompiledPopulations;
  /** dTAO eras: the per-subnet values of `network.dtao` (numbers, lists and expressions evaluated; absent keys absent). */
  readonly dtao_per_subnet?: Readonly<Record<string, Float64Array>>;
}

