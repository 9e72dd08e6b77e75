/**
 * The scenario DSL, v1: one zod schema, which is also the TypeScript type (`ScenarioInput` before
 * defaults, `Scenario` after) and, through `scenarioJsonSchema()`, the published JSON Schema.
 *
 * Units are in the key names (`_tao`, `_frac`, `_usd`, `_blocks`, `_days`). Chain hyperparameters
 * keep subtensor's storage names; u16 proportions are written as fractions (x/65535 on chain) and
 * their defaults are the chain's own values.
 */
import { z } from "zod";
import { valueSpecSchema } from "./distributions.js";
import { AGENT_KINDS, strategiesOf, type AgentKind } from "../agents/registry.js";
import "../agents/strategies.js";
import { U16_MAX } from "../units.js";

/** A horizon longer than this is refused (a typo guard: 10^6 years is not a scenario). */
export const MAX_HORIZON_YEARS = 200;
export const MAX_HORIZON_DAYS = MAX_HORIZON_YEARS * 365;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a calendar date");

const frac = () => z.number().min(0).max(1);
const nonNegInt = () => z.number().int().nonnegative();
const posInt = () => z.number().int().positive();

export const horizonSchema = z
  .strictObject({
    days: z.number().positive().max(MAX_HORIZON_DAYS, `at most ${MAX_HORIZON_YEARS} years`).optional().describe("length in days (7,200 blocks each)"),
    blocks: posInt().max(MAX_HORIZON_DAYS * 7200, `at most ${MAX_HORIZON_YEARS} years`).optional().describe("length in blocks"),
    until: isoDate.optional().describe("end date (exclusive), YYYY-MM-DD"),
  })
  .refine((h) => [h.days, h.blocks, h.until].filter((v) => v !== undefined).length === 1, {
    message: "give exactly one of days, blocks or until",
  })
  .describe("how long the run lasts");

export const priceSchema = z
  .discriminatedUnion("process", [
    z.strictObject({
      process: z.literal("constant"),
      initial_usd: z.number().positive().describe("TAO price in USD"),
    }),
    z.strictObject({
      process: z.literal("gbm"),
      initial_usd: z.number().positive(),
      drift_per_year: z.number().describe("μ of dP/P = μ dt + σ dW, per year"),
      volatility_per_year: z.number().nonnegative().describe("σ, annualised"),
    }),
    z.strictObject({
      process: z.literal("csv"),
      path: z.string().min(1).describe("CSV with columns date (YYYY-MM-DD) and price_usd, relative to the scenario file"),
    }),
    z.strictObject({
      process: z.literal("expr"),
      expr: z.string().min(1).describe("mathjs expression in day, year, block; evaluated once a day"),
    }),
  ])
  .describe("TAO/USD price process, stepped daily");

export const tokenSchema = z
  .strictObject({
    initial_issuance_tao: z.number().nonnegative().max(21_000_000).describe("TotalIssuance at the start, TAO"),
    recycle_frac: frac().default(0).describe("share of gross emission recycled back out of issuance (delays halvings)"),
    price: priceSchema.default({ process: "constant", initial_usd: 1 }),
  })
  .describe("the TAO token");

const u16frac = (raw: number) => frac().default(raw / U16_MAX);

export const hyperparametersSchema = z
  .strictObject({
    tempo: posInt().max(50_400).default(99).describe("blocks per epoch minus one in era 2023 (epoch every tempo+1 blocks)"),
    max_allowed_uids: posInt().max(4096).default(256).describe("uids per subnet"),
    max_allowed_validators: posInt().default(64).describe("validator permits per subnet (top-k by stake)"),
    kappa: u16frac(32_767).describe("consensus quantile κ (Kappa/65535)"),
    bonds_penalty: u16frac(65_535).describe("β (BondsPenalty/65535)"),
    bonds_moving_average: frac().default(0.9).describe("BondsMovingAverage/1e6; EMA rate α = 1 − this"),
    activity_cutoff_blocks: posInt().default(5000),
    bond_model: z.enum(["classic", "yuma3"]).default("classic").describe("Yuma bond model (Yuma3On); 2023 subnets ran classic"),
    liquid_alpha: z
      .union([z.literal(false), z.strictObject({ alpha_low: frac(), alpha_high: frac(), steepness: z.number().positive() })])
      .default(false)
      .describe("liquid alpha (yuma3 only): {alpha_low, alpha_high, steepness}; chain defaults 0.7, 0.9, 1000"),
    immunity_period_blocks: nonNegInt().default(4096),
    root_tempo: posInt().max(50_400).default(100).describe("root network tempo: its epoch runs every root_tempo + 1 blocks"),
    root_max_validators: posInt().max(4096).default(64).describe("root network members: the validators with the most TAO stake"),
    root_rho: z.number().positive().default(10).describe("ρ of the root consensus sigmoid (Rho[0])"),
    root_kappa: u16frac(32_767).describe("κ of the root consensus sigmoid (Kappa[0]/65535)"),
    root_noise_sigma: z.number().min(0).max(10).default(0).describe("σ of the relative noise in root members' view of subnet value (0: all see the true mean miner quality)"),
    commit_reveal_epochs: nonNegInt().max(100).default(0).describe("commit-reveal delay in epochs (0 = off, as in 2023): weights take effect this many epochs after they are set"),
    owner_cut_frac: u16frac(11_796).describe("subnet owner cut (SubnetOwnerCut/65535 ≈ 18%)"),
    hotkey_emission_tempo_blocks: posInt().default(7200).describe("era-B drain period of validator emission to nominators"),
  })
  .describe("chain hyperparameters, shared by every subnet; defaults are subtensor's");

export const registrationSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe("miners register by burning TAO, are pruned, join when it pays and quit when it does not"),
    adjustment_interval_blocks: posInt().max(50_400).default(100).describe("AdjustmentInterval: blocks between burn adjustments (and registration rounds)"),
    target_registrations_per_interval: posInt().max(1000).default(2).describe("TargetRegistrationsPerInterval"),
    initial_burn_tao: z.number().positive().default(1).describe("burn price at the start, TAO"),
    min_burn_tao: z.number().positive().default(1).describe("MinBurn (era B: 1 TAO)"),
    max_burn_tao: z.number().positive().default(100).describe("MaxBurn (era B: 100 TAO)"),
    max_registrations_per_interval: posInt().max(50_400).default(100).describe("at most one registration per block (MaxRegistrationsPerBlock = 1)"),
    payback_days: z.number().positive().max(3650).default(30).describe("a miner registers if its expected profit over this many days covers the burn"),
    patience_days: z.number().positive().max(3650).default(7).describe("a registered miner quits after its smoothed daily reward stays below its cost this long"),
  })
  .refine((r) => r.min_burn_tao <= r.max_burn_tao, { message: "min_burn_tao must not exceed max_burn_tao" })
  .describe("neuron registration (era B legacy burn, spec §11.2–11.3)");

export const networkSchema = z
  .strictObject({
    era: z
      .enum(["2023", "whitepaper-2020"])
      .default("2023")
      .describe("mechanism era: 2023 = pre-dTAO Yuma network with global TAO stake and the root network; whitepaper-2020 = the legacy sigmoid trust model (validator groups as parties)"),
    legacy_trust: z
      .strictObject({
        rho: z.number().positive().default(10).describe("sigmoid steepness ρ"),
        kappa: frac().default(0.5).describe("trust threshold κ (stake fraction)"),
        inflation_frac_per_block: z.number().nonnegative().max(10).default(0.1).describe("new stake per block as a fraction of the total"),
      })
      .default({ rho: 10, kappa: 0.5, inflation_frac_per_block: 0.1 })
      .describe("era whitepaper-2020 only: the legacy trust model's parameters"),
    subnets: nonNegInt().max(1024).default(32).describe("number of emitting subnets"),
    start_block: nonNegInt().default(0).describe("chain block height at the start date"),
    subnet_emission: z.enum(["equal", "root"]).default("equal").describe("how emission is split among subnets: equal, or the era-B root network (root_* hyperparameters)"),
    registration: registrationSchema.default(registrationSchema.parse({})),
    task_demand_per_day: z
      .union([z.number().nonnegative(), z.array(z.number().nonnegative()).min(1)])
      .default(1)
      .describe("users' tasks per day on each subnet (one number for all, or one per subnet); routed to miners ∝ incentive"),
    consensus: z.enum(["ideal", "yuma"]).default("ideal").describe("epoch model: ideal (honest consensus shortcut) or yuma (the chain's Yuma Consensus epoch)"),
    hyperparameters: hyperparametersSchema.default(hyperparametersSchema.parse({})),
  })
  .describe("the network");

const subnetList = z.array(nonNegInt()).min(1).describe("subnet ids (0-based) the population lives on; default: all, round-robin");

type GroupOut<E extends z.ZodRawShape> = { count: number; strategy: string; params: Record<string, unknown> } & z.output<z.ZodObject<E>>;
type GroupIn<E extends z.ZodRawShape> = { count: number; strategy: string; params?: Record<string, unknown> } & z.input<z.ZodObject<E>>;

function strategyUnion<E extends z.ZodRawShape>(kind: AgentKind, extra: E): z.ZodType<GroupOut<E>, GroupIn<E>> {
  const members = strategiesOf(kind).map((s) =>
    z.strictObject({
      count: nonNegInt().max(10_000_000).describe("number of agents"),
      strategy: z.literal(s.name).describe(s.doc),
      params: z.strictObject(s.params).default(z.strictObject(s.params).parse({}) as never),
      ...extra,
    }),
  );
  return z.discriminatedUnion("strategy", members as unknown as [z.ZodObject<{ strategy: z.ZodLiteral<string> }>]) as unknown as z.ZodType<
    GroupOut<E>,
    GroupIn<E>
  >;
}

export const populationsSchema = z
  .strictObject({
    miners: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/, "group names are snake_case"),
        strategyUnion("miners", {
          quality: valueSpecSchema.default(1).describe("true quality of the served model, ≥ 0"),
          cost_usd_per_day: valueSpecSchema.default(0).describe("running cost of serving (hardware, power), USD per day; converted at the TAO price"),
          stake_tao: valueSpecSchema.default(0).describe("stake on the miner's hotkey at the start"),
          subnets: subnetList.optional(),
        }),
      )
      .default({}),
    validators: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/, "group names are snake_case"),
        strategyUnion("validators", {
          stake_tao: valueSpecSchema.describe("the owner's own stake on the validator hotkey"),
          take_frac: valueSpecSchema.default(11_796 / U16_MAX).describe("delegate take, in [0, 0.18]"),
        }),
      )
      .default({}),
    stakers: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/, "group names are snake_case"),
        strategyUnion("stakers", {
          stake_tao: valueSpecSchema.describe("TAO each staker delegates"),
          delegate_to: z.enum(["by_stake", "uniform"]).default("by_stake").describe("how a staker picks its validator"),
        }),
      )
      .default({}),
  })
  .describe("agent populations by kind; each group is keyed by a name");

export const recordSchema = z
  .strictObject({
    every_blocks: posInt().default(7200).describe("recording interval (7,200 = daily)"),
  })
  .describe("what the recorder samples");

export const sweepSchema = z
  .strictObject({
    grid: z
      .record(z.string(), z.array(z.unknown()).min(1))
      .default({})
      .describe("parameter path → values: every combination of the listed values is run (Cartesian product)"),
    zip: z
      .record(z.string(), z.array(z.unknown()).min(1))
      .default({})
      .describe("parameter path → values, all lists of the same length, stepped together (the k-th values form one variant), crossed with the grid"),
    seeds: z
      .union([posInt(), z.array(nonNegInt()).min(1)])
      .default(1)
      .describe("replicates per variant: N (the scenario's seed, seed + 1, …, seed + N − 1) or an explicit list of seeds"),
    max_runs: posInt().default(10_000).describe("the largest expansion accepted: raise it on purpose for bigger sweeps"),
    summary: z
      .array(z.string())
      .min(1)
      .optional()
      .describe("network columns summarised per run in summary.csv (each as _mean and _last); default: a standard set"),
  })
  .describe("batch variants of this scenario for `taosim sweep` (ignored by `taosim run`)");

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, . _ - only").describe("scenario name (used in run ids)"),
    description: z.string().default(""),
    extends: z.string().optional().describe("path of a base scenario this one overrides key by key"),
    seed: z.number().int().nonnegative().max(2 ** 32 - 1).default(0).describe("root seed of every random stream"),
    start: z
      .strictObject({
        date: isoDate.describe("calendar date of the first block (UTC)"),
        block: nonNegInt().optional().describe("block height at the start (overrides network.start_block)"),
      })
      .describe("where the run starts"),
    horizon: horizonSchema,
    token: tokenSchema,
    network: networkSchema.default(networkSchema.parse({})),
    populations: populationsSchema.default(populationsSchema.parse({})),
    record: recordSchema.default(recordSchema.parse({})),
    sweep: sweepSchema.optional(),
  })
  .describe("a taosim scenario");

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Hyperparameters = z.output<typeof hyperparametersSchema>;
export type SweepSpec = z.output<typeof sweepSchema>;

export { AGENT_KINDS };

/** The scenario schema as JSON Schema (draft 2020-12), for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const js = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...js, $id: "https://taosim.dev/scenario.schema.json", title: "taosim scenario" };
}
