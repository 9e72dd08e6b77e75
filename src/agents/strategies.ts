/**
 * The strategies available to populations. Each registers here with its parameters (validated
 * from the scenario), the per-agent columns it sets (inputs, labels, static intents) and the hooks
 * through which its agents decide (src/intents.ts): weights and root votes (weights.ts),
 * re-delegation (stakers.ts), quitting and registering (miners.ts). Mechanisms call the hooks;
 * nothing tests a strategy's name.
 *
 * Miners: a miner's behaviour is its true quality (drawn per agent by the scenario), how that
 * quality drifts, and whether it belongs to the cartel.
 * Validators: how weights are formed from what the validator sees (weights.ts).
 * Stakers: whether rewards compound, and whether (and how) they re-delegate.
 */
import { z } from "zod";
import { defineStrategy } from "./registry.js";
import { cartelRootVote, cartelWeights, copierWeights, honestWeights } from "./weights.js";
import { yieldChasing } from "./stakers.js";
import { alphaYield, holder, momentum } from "./portfolio.js";

const drift = z
  .number()
  .min(0)
  .max(1)
  .default(0)
  .describe("σ of the log-change of true quality per epoch of the miner's subnet (0: quality is fixed)");

export const honestMiner = defineStrategy({
  kind: "miners",
  name: "honest",
  doc: "serves the subnet's task at its true quality; paid by incentive",
  params: { quality_drift_per_epoch: drift },
  columns: (p) => ({ quality_drift: p.quality_drift_per_epoch, cartel: 0 }),
});

export const lazyMiner = defineStrategy({
  kind: "miners",
  name: "lazy",
  doc: "serves a cheap, low-quality model (give it a low `quality`); paid by incentive like any miner",
  params: { quality_drift_per_epoch: drift },
  columns: (p) => ({ quality_drift: p.quality_drift_per_epoch, cartel: 0 }),
});

export const cartelMiner = defineStrategy({
  kind: "miners",
  name: "cartel",
  doc: "a miner owned by the validator cartel; serves at its `quality`; cartel validators favour it",
  params: { quality_drift_per_epoch: drift },
  columns: (p) => ({ quality_drift: p.quality_drift_per_epoch, cartel: 1 }),
});

export const sybilMiner = defineStrategy({
  kind: "miners",
  name: "sybil",
  doc: "one model behind k uids: each agent is a model registered k times (quality shared, stake and cost split)",
  params: {
    uids_per_model: z.number().int().min(1).max(256).default(2).describe("k: uids per model"),
    quality_drift_per_epoch: drift,
  },
  columns: (p) => ({ quality_drift: p.quality_drift_per_epoch, cartel: 0, uids_per_model: p.uids_per_model }),
});

const noise = z.number().min(0).max(10).default(0).describe("σ of the relative noise on each observed quality (w = q·max(0, 1 + σ·z))");

export const honestValidator = defineStrategy({
  kind: "validators",
  name: "honest",
  doc: "scores miners by their observed quality (noise σ) and sets weights every tempo",
  params: { noise_sigma: noise },
  columns: () => ({ cartel: 0 }),
  weights: (p) => honestWeights(p.noise_sigma, 1),
});

export const staleValidator = defineStrategy({
  kind: "validators",
  name: "stale",
  doc: "honest, but sets weights only every k epochs, so its weights age and the activity cutoff can bite",
  params: {
    noise_sigma: noise,
    every_epochs: z.number().int().min(1).max(10_000).default(10).describe("epochs between two weight settings (k)"),
  },
  columns: () => ({ cartel: 0 }),
  weights: (p) => honestWeights(p.noise_sigma, p.every_epochs),
});

export const copierValidator = defineStrategy({
  kind: "validators",
  name: "copier",
  doc: "does no evaluation: copies the subnet's last public consensus, `lag_epochs` old",
  params: { lag_epochs: z.number().int().min(1).max(1000).default(1).describe("age of the consensus it copies, in epochs") },
  columns: () => ({ cartel: 0, copier: 1 }),
  weights: (p) => copierWeights(p.lag_epochs),
});

export const cartelValidator = defineStrategy({
  kind: "validators",
  name: "cartel",
  doc: "a cartel member: puts a fraction W_C of its weight on the cartel's miners (and, on the root network, on the subnets where the cartel mines), the rest honestly",
  params: {
    cartel_weight_frac: z.number().min(0).max(1).default(1).describe("W_C: share of weight on cartel miners"),
    noise_sigma: noise,
  },
  columns: () => ({ cartel: 1 }),
  weights: (p, ctx) => cartelWeights(p.cartel_weight_frac, p.noise_sigma, ctx.minerCartel),
  rootVote: (p, ctx) => cartelRootVote(p.cartel_weight_frac, ctx.minerCartel),
});

const compound = z.boolean().default(true).describe("restake rewards (true) or withdraw them as liquid TAO (false)");

export const passiveStaker = defineStrategy({
  kind: "stakers",
  name: "passive",
  doc: "delegates once and stays; rewards compound as stake unless compound is false",
  params: { compound },
  columns: (p) => ({ compound: p.compound ? 1 : 0 }),
});

export const yieldChasingStaker = defineStrategy({
  kind: "stakers",
  name: "yield_chasing",
  doc: "re-delegates to the validator with the best recent yield net of take, with inertia and a switching threshold",
  params: {
    compound,
    switch_threshold_frac: z.number().min(0).max(10).default(0.05).describe("moves only if the best yield beats its validator's by this relative margin"),
    inertia_frac: z.number().min(0).max(1).default(0.8).describe("probability of not reviewing on a given day"),
  },
  columns: (p) => ({ compound: p.compound ? 1 : 0 }),
  restake: (p, ctx) => yieldChasing(p.switch_threshold_frac, p.inertia_frac, ctx.stream()),
});

export const loyalStaker = defineStrategy({
  kind: "stakers",
  name: "loyal",
  doc: "stays with its validator whatever the yield (same flows as passive; a separate label for analysis)",
  params: { compound },
  columns: (p) => ({ compound: p.compound ? 1 : 0 }),
});

// dTAO stakers (eras dtao-2025, taoflow, dtao-2026): where the stake sits, root or a subnet's alpha
// (agents/portfolio.ts). In the 2023 era they delegate once and compound, like `passive`.
const inertia = z.number().min(0).max(1).default(0.8).describe("probability of not reviewing on a given review day");

export const rootStaker = defineStrategy({
  kind: "stakers",
  name: "root",
  doc: "dTAO: stakes TAO on root through its validator and stays (root dividends arrive as TAO)",
  params: {},
  columns: () => ({ compound: 1 }),
});

export const holderStaker = defineStrategy({
  kind: "stakers",
  name: "holder",
  doc: "dTAO: buys one subnet's alpha at the start (drawn ∝ pool TAO) and holds it",
  params: {},
  columns: () => ({ compound: 1 }),
  portfolio: (_p, ctx) => holder(ctx.stream()),
});

export const alphaYieldStaker = defineStrategy({
  kind: "stakers",
  name: "alpha_yield",
  doc: "dTAO: moves between root and subnets to the best expected yield over its horizon, net of fees and slippage, with inertia",
  params: {
    min_gain_frac: z.number().min(0).max(10).default(0.01).describe("moves only if the expected gain over the horizon, net of costs, exceeds this fraction of the position"),
    horizon_days: z.number().positive().max(3650).default(30).describe("holding horizon over which yields are compared, days"),
    inertia_frac: inertia,
  },
  columns: () => ({ compound: 1 }),
  portfolio: (p, ctx) => alphaYield(p.min_gain_frac, p.inertia_frac, p.horizon_days, ctx.stream()),
});

export const momentumStaker = defineStrategy({
  kind: "stakers",
  name: "momentum",
  doc: "dTAO: follows price trends, holding the subnet whose spot price is furthest above its EMA price, root otherwise",
  params: {
    trend_margin_frac: z.number().min(0).max(10).default(0.05).describe("p/p̄ − 1 a subnet must exceed"),
    inertia_frac: inertia,
  },
  columns: () => ({ compound: 1 }),
  portfolio: (p, ctx) => momentum(p.trend_margin_frac, p.inertia_frac, ctx.stream()),
});
