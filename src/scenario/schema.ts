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
import { hyperparametersSchema, type Hyperparameters } from "../params/hyperparameters.js";
import { registrationSchema } from "../params/registration.js";
import { ERAS } from "../mechanisms/index.js";
import { SUBNET_SHARE_FUNCTIONS } from "../mechanisms/subnet-shares.js";
import { CONSENSUS_MODELS } from "../mechanisms/consensus/index.js";

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

export { hyperparametersSchema } from "../params/hyperparameters.js";
export { registrationSchema } from "../params/registration.js";

/** A `z.enum` of a registry's names (the schema never lists them itself). */
function namesOf(entries: readonly { name: string }[]): [string, ...string[]] {
  return entries.map((e) => e.name) as [string, ...string[]];
}

export const networkSchema = z
  .strictObject({
    era: z
      .enum(namesOf(ERAS))
      .default("2023")
      .describe(`mechanism era: ${ERAS.map((e) => `${e.name} = ${e.doc}`).join("; ")}`),
    eras: z
      .array(
        z.strictObject({
          era: z.enum(namesOf(ERAS)).describe("mechanism era"),
          from: isoDate.optional().describe("first day of this era (YYYY-MM-DD); the first era starts with the run"),
          recycle_frac: frac().optional().describe("share of emission recycled during this era (default: token.recycle_frac)"),
        }),
      )
      .min(1)
      .optional()
      .describe("eras the run passes through, in order (e.g. 2023 → dtao-2025 from 2025-02-13 → taoflow → dtao-2026); the first dTAO era migrates the 2023 state (pools 1 TAO : 1 alpha, all stake to root)"),
    // Each era's own section (e.g. legacy_trust of whitepaper-2020), from the era registry.
    ...Object.fromEntries(ERAS.flatMap((e) => (e.section ? [[e.section.key, e.section.schema]] : []))),
    subnets: nonNegInt().max(1024).default(32).describe("number of emitting subnets"),
    start_block: nonNegInt().default(0).describe("chain block height at the start date"),
    subnet_emission: z
      .enum(namesOf(SUBNET_SHARE_FUNCTIONS))
      .default("equal")
      .describe(`how emission is split among subnets: ${SUBNET_SHARE_FUNCTIONS.map((f) => `${f.name} (${f.doc})`).join("; ")}`),
    registration: registrationSchema.default(registrationSchema.parse({})),
    task_demand_per_day: z
      .union([z.number().nonnegative(), z.array(z.number().nonnegative()).min(1), z.string().min(1)])
      .default(1)
      .describe("users' tasks per day on each subnet (one number for all, one per subnet, or an expression in s, the subnet index, and n, the subnets); routed to miners ∝ incentive"),
    consensus: z
      .enum(namesOf(CONSENSUS_MODELS))
      .default("ideal")
      .describe(`epoch model: ${CONSENSUS_MODELS.map((m) => `${m.name} (${m.doc})`).join("; ")}`),
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
          sell_frac: frac().optional().describe("dTAO eras: share of the alpha each miner earns that it sells for TAO at once (the main sell pressure); default 0"),
        }),
      )
      .default({}),
    validators: z
      .record(
        z.string().regex(/^[a-z][a-z0-9_]*$/, "group names are snake_case"),
        strategyUnion("validators", {
          stake_tao: valueSpecSchema.describe("the owner's own stake on the validator hotkey"),
          take_frac: valueSpecSchema.default(11_796 / U16_MAX).describe("delegate take, in [0, 0.18]"),
          sell_frac: frac().optional().describe("dTAO eras: share of the alpha the validator's owner earns (its take) that it sells for TAO at once; default 0"),
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
export type { Hyperparameters };
export type SweepSpec = z.output<typeof sweepSchema>;

export { AGENT_KINDS };

/** The scenario schema as JSON Schema (draft 2020-12), for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const js = z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return { ...js, $id: "https://taosim.dev/scenario.schema.json", title: "taosim scenario" };
}
