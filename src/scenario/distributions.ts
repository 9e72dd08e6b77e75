/**
 * Named distributions for population attributes (stake, quality, cost …) and their samplers.
 *
 * A value in a scenario is one of
 *   - a number                          (every agent gets it)
 *   - a string                          (a mathjs expression in i, n, u, z — see expr.ts)
 *   - { dist: <name>, …params, min?, max?, scale_to_total? }
 * Samples are clipped to [min, max] and then, when `scale_to_total` is given, rescaled so the
 * population's values sum to it. All draws come from the population's named seeded stream.
 */
import { z } from "zod";
import { normal01, type Rng } from "../rng.js";

const common = {
  min: z.number().optional().describe("clip samples below this value"),
  max: z.number().optional().describe("clip samples above this value"),
  scale_to_total: z.number().nonnegative().optional().describe("rescale so the population's values sum to this"),
};

export interface DistributionDef<P extends z.ZodRawShape = z.ZodRawShape> {
  name: string;
  doc: string;
  params: P;
  /** Draw one sample. */
  sample(p: z.infer<z.ZodObject<P>>, rng: Rng): number;
}

function defineDistribution<P extends z.ZodRawShape>(d: DistributionDef<P>): DistributionDef<P> {
  return d;
}

/** Gamma(shape, 1) by Marsaglia–Tsang. */
export function gamma(shape: number, rng: Rng): number {
  if (shape < 1) return gamma(shape + 1, rng) * Math.pow(rng() || Number.MIN_VALUE, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal01(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

const positive = () => z.number().positive();

export const DISTRIBUTIONS = [
  defineDistribution({
    name: "constant",
    doc: "every agent gets `value`",
    params: { value: z.number() },
    sample: (p) => p.value,
  }),
  defineDistribution({
    name: "uniform",
    doc: "uniform on [low, high)",
    params: { low: z.number(), high: z.number() },
    sample: (p, rng) => p.low + (p.high - p.low) * rng(),
  }),
  defineDistribution({
    name: "normal",
    doc: "normal with `mean` and standard deviation `sd`",
    params: { mean: z.number(), sd: z.number().nonnegative() },
    sample: (p, rng) => p.mean + p.sd * normal01(rng),
  }),
  defineDistribution({
    name: "lognormal",
    doc: "exp(N(mu, sigma²)); `median` = exp(mu)",
    params: { median: positive(), sigma: z.number().nonnegative() },
    sample: (p, rng) => p.median * Math.exp(p.sigma * normal01(rng)),
  }),
  defineDistribution({
    name: "pareto",
    doc: "Pareto type I: scale·U^(−1/shape) (heavy-tailed stakes)",
    params: { scale: positive(), shape: positive() },
    sample: (p, rng) => p.scale * Math.pow(1 - rng(), -1 / p.shape),
  }),
  defineDistribution({
    name: "exponential",
    doc: "exponential with `mean`",
    params: { mean: positive() },
    sample: (p, rng) => -p.mean * Math.log(1 - rng()),
  }),
  defineDistribution({
    name: "beta",
    doc: "Beta(a, b) on [0, 1] (qualities)",
    params: { a: positive(), b: positive() },
    sample: (p, rng) => {
      const x = gamma(p.a, rng);
      const y = gamma(p.b, rng);
      return x / (x + y);
    },
  }),
  defineDistribution({
    name: "list",
    doc: "explicit values, one per agent (length must equal the population count)",
    params: { values: z.array(z.number()).min(1) },
    sample: () => NaN, // handled by the sampler: index-based, no draw
  }),
] as const;

export const DISTRIBUTION_NAMES = DISTRIBUTIONS.map((d) => d.name);

/** Zod schema of a distribution object: `{dist: name, ...}`, strict per name. */
export const distributionObjectSchema = z.discriminatedUnion(
  "dist",
  DISTRIBUTIONS.map((d) =>
    z.strictObject({ dist: z.literal(d.name).describe(d.doc), ...d.params, ...common }),
  ) as unknown as [z.ZodObject<{ dist: z.ZodLiteral<string> }>, ...z.ZodObject<{ dist: z.ZodLiteral<string> }>[]],
);

/** A population value: number, expression string, or distribution object. */
export const valueSpecSchema = z.union([
  z.number().describe("the same value for every agent"),
  z.string().min(1).describe("mathjs expression in i (0-based index), n (count), u ~ U[0,1), z ~ N(0,1)"),
  distributionObjectSchema,
]);

export type ValueSpec = number | string | ({ dist: string; min?: number; max?: number; scale_to_total?: number } & Record<string, unknown>);

export function findDistribution(name: string): DistributionDef | undefined {
  return DISTRIBUTIONS.find((d) => d.name === name) as DistributionDef | undefined;
}
