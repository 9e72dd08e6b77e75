/**
 * The dTAO eras' scenario section `network.dtao` (spec mechanics.md §4–§5, §7–§12, dtao.md). One
 * section serves the three dTAO eras (dtao-2025, taoflow, dtao-2026); each era supplies its own
 * rule defaults (share function, injection cap, AMM) and a scenario may override any of them for a
 * what-if study. The section is optional: an absent key takes the era's default, and a 2023
 * scenario's resolved form is unchanged by it.
 */
import { z } from "zod";
import { U16_MAX } from "../units.js";

const frac = () => z.number().min(0).max(1);
const nonNeg = () => z.number().nonnegative();
const posInt = () => z.number().int().positive();

/**
 * One number for every subnet, one per subnet (a list as long as network.subnets), or an expression
 * in `s` (the subnet index, 0-based) and `n` (the number of subnets), evaluated at compile.
 */
const perSubnet = (inner: z.ZodNumber) =>
  z.union([inner, z.array(inner).min(1), z.string().min(1).describe("expression in s (subnet index) and n (subnets)")]);

/** The per-subnet keys of the section, with the bounds compile checks their values against. */
export const PER_SUBNET_KEYS = {
  pool_tao: { min: 0, exclusiveMin: true, what: "pool_tao (TAO reserve)" },
  pool_alpha: { min: 0, exclusiveMin: true, what: "pool_alpha (alpha reserve)" },
  alpha_out: { min: 0, what: "alpha_out" },
  moving_price: { min: 0, what: "moving_price" },
  subnet_age_blocks: { min: 0, what: "subnet_age_blocks" },
  owner_miner_burn_frac: { min: 0, max: 1, what: "owner_miner_burn_frac" },
  neuron_burn_tao: { min: 0, exclusiveMin: true, what: "neuron_burn_tao (neuron registration burn)" },
} as const;
export type PerSubnetKey = keyof typeof PER_SUBNET_KEYS;

export const dtaoSchema = z
  .strictObject({
    active_subnets: z.number().int().nonnegative().max(1024).optional().describe("subnets registered and emitting at the start (default: network.subnets); the other slots wait for registrations"),
    subnet_limit: posInt().max(1024).default(128).describe("SubnetLimit: the most subnets at once; a registration beyond it dissolves the lowest-EMA-price non-immune subnet"),
    tao_weight_frac: frac().default(0.18).describe("TaoWeight (u64/2^64): weight of root TAO in stake weight and root proportion; 0.18 on mainnet since migrate_rao"),
    share_function: z.string().optional().describe("subnet share of the TAO emission (mechanisms/dtao/shares.ts): price_ema, price_ema_burn, price_ema_root_prop, flow; default: the era's"),
    injection: z.string().optional().describe("injection cap (mechanisms/dtao/injection.ts): alpha_emission (eras C/D), alpha_emission_recycle (E), root_prop (F); default: the era's"),
    amm: z.string().optional().describe("pool curve (mechanisms/dtao/amm.ts): cpmm (x·y = k) or balancer (weighted); default: the era's"),
    swap_fee_frac: frac().optional().describe("swap fee on the input (FeeRate/65535); default: the era's (0 at launch, 196/65535 in 2025, 33/65535 today)"),
    moving_price_alpha: nonNeg().max(1).default(3e-6).describe("SubnetMovingAlpha: per-block EMA factor of the subnet price"),
    ema_price_halving_blocks: nonNeg().default(201_600).describe("EMAPriceHalvingBlocks: warm-up of the EMA factor, a·b/(b + h) (0: no warm-up, as in era C)"),
    cap_moving_price: z.boolean().optional().describe("EMA of min(price, 1) (from era D) instead of the raw price (era C); default: the era's"),
    flow_cutoff_tao: z.number().default(0).describe("TaoFlowCutoff (era E): flows below it earn nothing"),
    flow_exponent: z.number().positive().max(10).default(1).describe("FlowNormExponent p (era E): shares ∝ z^p"),
    net_flow: z.boolean().default(true).describe("era E from v3.4.0: user flows netted against protocol flows"),
    flow_ema_alpha: frac().default(29_597_889_189_277 / (2 ** 63 - 1)).describe("FlowEmaSmoothingFactor/(2^63−1): per-block EMA factor of net TAO flows (era E)"),
    pool_tao: perSubnet(z.number().positive()).default(1).describe("TAO reserve of each pool at the start (the launch seeded 1 TAO)"),
    pool_alpha: perSubnet(z.number().positive()).default(1).describe("alpha reserve of each pool at the start (the launch seeded 1 alpha)"),
    alpha_out: perSubnet(nonNeg()).default(0).describe("alpha outstanding at the start that no modelled agent holds (counts toward alpha issuance and halvings)"),
    moving_price: perSubnet(nonNeg()).optional().describe("EMA price at the start (default: the pool's spot price, capped at 1 where the era caps)"),
    subnet_age_blocks: perSubnet(nonNeg()).default(0).describe("blocks since each subnet's first emission at the start (the EMA warm-up and immunity use it)"),
    owner_miner_burn_frac: perSubnet(frac()).default(0).describe("share of miner incentive that goes to owner-controlled hotkeys and is recycled (MinerBurned)"),
    owner_sell_frac: frac().default(0).describe("share of each owner cut the subnet owner sells for TAO at once"),
    owner_cut_auto_lock: z.boolean().default(false).describe("OwnerCutAutoLockEnabled (dtao.md §3.3): the owner cut is conviction-locked, so the owner sells none of it (owner_sell_frac has no effect)"),
    root_claim: z.enum(["swap"]).default("swap").describe("root dividends: swapped to TAO through the subnet pool and restaked on root (claim type Swap, the default)"),
    claimable_root: z.boolean().optional().describe("root dividends accrue as claimable alpha and are claimed over time by the chain's auto-claim (eras E, F) instead of being sold at the epoch (eras C/D); default: the era's"),
    root_claims_per_block: z.number().int().min(0).max(1_000_000).default(5).describe("NumRootClaim: root-staking coldkeys whose root dividends run_auto_claim_root_divs claims each block"),
    root_claim_coldkeys: posInt().max(1e9).optional().describe("root-staking coldkeys the auto-claim draws from (default: the run's root positions, stakers on root and validators' owners, at the era's start): each is claimed every root_claim_coldkeys / root_claims_per_block blocks on average"),
    tempo: z.number().int().min(1).max(50_400).optional().describe("Tempo of the dTAO eras' subnets (default: network.hyperparameters.tempo); lets a run that starts in 2023 (tempo 99) continue at 360"),
    max_epochs_per_block: posInt().max(1024).default(2).describe("MaxEpochsPerBlock: due epochs beyond it wait a block"),
    user_buy_tao_per_day: nonNeg().default(0).describe("TAO that users outside the modelled populations stake into subnets per day, split ∝ each subnet's task demand × its miners' mean quality (their alpha is held, unmodelled)"),
    user_sell_frac_per_day: frac().default(0).describe("share of the unmodelled holders' alpha they sell per day"),
    start_on_root: z.boolean().default(false).describe("every staker starts on root and trades through the pools from its first review (as at the launch, when migrate_rao moved all stake to root); always so when a 2023 era comes first"),
    decision_interval_blocks: posInt().max(50_400).default(7200).describe("blocks between stakers' portfolio reviews"),
    subnet_registrations_per_day: nonNeg().max(100).default(0).describe("new subnets registered per day (each pays the lock cost; at the limit the lowest-EMA-price non-immune subnet is dissolved); arrivals wait for the rate limit and for the lock cost to fall to subnet_max_lock_tao (mechanisms/dtao/subnet-registry.ts)"),
    subnet_registration_process: z.enum(["poisson", "deterministic"]).default("poisson").describe("arrivals of subnet registrants: a Poisson process at subnet_registrations_per_day (named stream process/subnet-registrations) or one every 1/rate days"),
    subnet_max_lock_tao: z.number().positive().optional().describe("the most a registrant pays: a waiting registrant registers once the lock cost has decayed to it (default: any cost its TAO covers)"),
    start_call_delay_blocks: nonNeg().int().default(0).describe("StartCallDelay: blocks after registration before the owner's start_call (the new subnet's first emission is the block after it)"),
    min_lock_tao: z.number().positive().default(1).describe("NetworkMinLockCost (1 TAO after migrate_rao)"),
    last_lock_tao: z.number().positive().default(1250).describe("NetworkLastLockCost: the last lock paid, taken as paid at the start block (the lock cost starts at twice it and decays)"),
    lock_reduction_interval_blocks: posInt().default(57_600).describe("NetworkLockReductionInterval (57,600 after migrations; scaled by the block emission)"),
    network_immunity_blocks: nonNeg().default(864_000).describe("NetworkImmunityPeriod: a subnet younger than this is not dissolved"),
    network_rate_limit_blocks: nonNeg().default(28_800).describe("NetworkRateLimit: blocks between two subnet registrations"),
    new_subnet_emission_delay_days: nonNeg().default(0).describe("days before governance enables a new subnet's TAO emission (SubnetEmissionEnabled starts false; its alpha emission runs)"),
    lock_in_pool: z.boolean().optional().describe("a new subnet's pool keeps the whole lock at the median price (Apr 2026 on) instead of min lock at price 1 with the rest recycled; default: the era's"),
    // Neuron registration, the Jan-2026 burn (mechanisms/dtao/neuron-registration.ts, spec §11.1, §15).
    neuron_burn_tao: perSubnet(z.number().positive()).default(1).describe("Burn: each subnet's neuron registration price at the start, TAO (DefaultNeuronBurnCost 1 TAO)"),
    neuron_min_burn_tao: nonNeg().default(0.0005).describe("MinBurn: the burn price's floor, TAO (runtime default 500,000 rao)"),
    neuron_max_burn_tao: z.number().positive().default(100).describe("MaxBurn: the burn price's cap, TAO"),
    neuron_burn_half_life_blocks: z.number().int().min(0).max(36_100).default(360).describe("BurnHalfLife: the burn price halves every this many blocks (0: no decay)"),
    neuron_burn_increase_mult: z.number().min(1).max(1000).default(1.26).describe("BurnIncreaseMult: the burn price is multiplied by this after each registration"),
    neuron_immunity_blocks: nonNeg().int().optional().describe("ImmunityPeriod: a uid younger than this is pruned only when too few others are not (default: network.hyperparameters.immunity_period_blocks)"),
    neuron_min_non_immune_uids: z.number().int().min(0).max(4096).default(10).describe("MinNonImmuneUids: immune uids are pruned only when at most this many are outside immunity"),
  })
  .optional()
  .describe("dTAO eras only (dtao-2025, taoflow, dtao-2026): pools, emission rules, root and alpha staking (spec §5, §7–§12)");

export type DtaoInput = z.output<typeof dtaoSchema>;
export type DtaoSection = NonNullable<DtaoInput>;

/** The rule choices an era fixes by default (a scenario may override each). */
export interface DtaoEraRules {
  share_function: string;
  injection: string;
  amm: string;
  swap_fee_frac: number;
  cap_moving_price: boolean;
  lock_in_pool: boolean;
  claimable_root: boolean;
}

/** The section with every default resolved: the era's rules under the scenario's overrides. */
export type DtaoParams = Omit<DtaoSection, keyof DtaoEraRules | "active_subnets"> & DtaoEraRules & { active_subnets: number };

export function resolveDtao(section: unknown, rules: DtaoEraRules, subnets: number): DtaoParams {
  const s = dtaoSchema.parse(section ?? {}) ?? dtaoSchema.unwrap().parse({});
  return {
    ...s,
    share_function: s.share_function ?? rules.share_function,
    injection: s.injection ?? rules.injection,
    amm: s.amm ?? rules.amm,
    swap_fee_frac: s.swap_fee_frac ?? rules.swap_fee_frac,
    cap_moving_price: s.cap_moving_price ?? rules.cap_moving_price,
    lock_in_pool: s.lock_in_pool ?? rules.lock_in_pool,
    claimable_root: s.claimable_root ?? rules.claimable_root,
    active_subnets: Math.min(s.active_subnets ?? subnets, subnets),
  };
}

export const FEE_RATE_NOW_FRAC = 33 / U16_MAX;
export const FEE_RATE_2025_FRAC = 196 / U16_MAX;

export const DTAO_PATHS = Object.keys(dtaoSchema.unwrap().shape).map((k) => `network.dtao.${k}`);
