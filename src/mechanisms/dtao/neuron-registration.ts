/**
 * Neuron registration in the dTAO eras: the Jan-2026 burn price, miners' entry and exit, pruning
 * (spec §11.1, §11.3, §15; dtao.md D7–D9). Mirrors subtensor (commit 14bc6f9f5)
 *   `subnets/registration.rs :: update_registration_prices_for_networks`     (every block, block_step)
 *   `subnets/registration.rs :: do_burned_registration` (`do_register`)       (the extrinsic)
 *   `subnets/registration.rs :: bump_registration_price_after_registration`  (after it)
 *   `subnets/uids.rs :: get_neuron_to_prune, replace_neuron`                 (when the subnet is full)
 *
 * Burn price per registered subnet s, TAO (burn-price.ts, float layer):
 *   every block        burn ← clamp(burn · 2^(−1/h), MinBurn, MaxBurn)     h = BurnHalfLife (0: none)
 *   per registration   burn ← clamp(burn · max(mult, 1), MinBurn, MaxBurn)  mult = BurnIncreaseMult
 * Between two events n blocks apart the decay is applied in closed form, burnAfterBlocks(burn, n),
 * which equals n per-block steps (test/mechanisms/dtao/neuron-registration.test.ts, to 1e-9).
 * Steady state: r registrations per h blocks hold the price when mult^r = 2 (r ≈ 3 at 1.26, 360).
 *
 * Payment (`do_burned_registration` in dTAO; spec §11.1, §9.3): the burn b leaves the miner's
 * liquid TAO and is staked into the subnet's pool like a stake, with the swap fee to the block author:
 *     fee = f·b (liquid),  T += b − fee,  A −= α,  α = buy(b − fee)  (a user inflow: record_tao_inflow)
 * and the alpha bought is burned: SubnetAlphaOut −= α, so alpha issuance (In + Out) falls by α
 * (recorded as recycled alpha). No TAO leaves issuance: the TAO stays in the pool, where it raises
 * the price. RAORecycledForRegistration is `network.neuron_registration_tao`.
 *
 * Miners (`network.registration.enabled`, the round of ../miner-entry.ts every
 * `adjustment_interval_blocks`): exit below cost; entry best expected profit first at the current
 * burn, with
 *     M_s = 7,200 · α_em(A_s) · (1 − owner_cut) / 2 · (1 − MinerBurned_s) · p_s    TAO/day
 * (the server half of the subnet's alpha emission at its spot price; 0 before its first emission);
 * at most `max_registrations_per_interval` per subnet and round; pruning: the lowest last-epoch
 * emission among uids older than `neuron_immunity_blocks`, immune ones only when at most
 * `neuron_min_non_immune_uids` are not (the owner's immortal uid is not modelled: no owner miner).
 * Approximation: a round's registrations on a subnet happen at the round's block, each at the
 * price the previous one bumped (the chain allows one per block, MaxRegistrationsPerBlock = 1; the
 * decay over those few blocks, 2^(−k/h), is left out). With registration off only the price decays.
 * The price rule is the Jan-2026 one in every dTAO era (eras C–E had the legacy adjustment, §11.2).
 */
import { defineMechanism, nextMultiple } from "../mechanism.js";
import type { SimState } from "../../state/state.js";
import type { ResolvedScenario } from "../../state/compiled.js";
import { BLOCKS_PER_DAY } from "../../units.js";
import { priceAtBlock } from "../../processes/price.js";
import { entryScratch, enterSubnet, exitRound, gatherCandidates, MINER_ENTRY_READS, MINER_ENTRY_WRITES, type EntryScratch, type EntryTerms } from "../miner-entry.js";
import { dtaoRules } from "./coinbase.js";
import { alphaBlockEmission } from "./alpha-issuance.js";
import { burnAfterBlocksWith, burnDecayFactors, bumpBurn } from "./burn-price.js";
import { stakeIntoSubnet, subnetPrice } from "./swap.js";

/** The burn-price settings of `network.dtao` (read at every event). */
const BURN_PATHS = ["neuron_min_burn_tao", "neuron_max_burn_tao", "neuron_burn_half_life_blocks"].map((k) => `network.dtao.${k}`);
/** What a registration round reads besides (max_allowed_uids sets the miner slots, state.ts). */
const ROUND_PATHS = [
  "network.dtao.neuron_burn_increase_mult", "network.dtao.neuron_immunity_blocks", "network.dtao.neuron_min_non_immune_uids", "network.dtao.swap_fee_frac",
  "network.hyperparameters.owner_cut_frac", "network.hyperparameters.max_allowed_uids", "network.registration.adjustment_interval_blocks", "network.registration.max_registrations_per_interval",
  "network.registration.payback_days", "network.registration.patience_days",
];

interface NeuronRegistrationPrivate {
  /** The block the burn prices have been decayed to. */
  decayedTo: number;
  halfLife: number;
  mult: number;
  minBurn: number;
  maxBurn: number;
  /** The miners' round (only with registration on). */
  round?: { X: EntryScratch; terms: EntryTerms; ownerCut: number; interval: number };
}

/** Decay every registered subnet's burn price from P.decayedTo to block t (closed form). */
function decayBurnsTo(st: SimState, t: number, P: NeuronRegistrationPrivate): void {
  const n = t - P.decayedTo;
  if (!(n > 0)) return;
  const sn = st.subnets;
  const f = burnDecayFactors(n, P.halfLife);
  for (let s = 0; s < sn.n; s++) if (sn.active[s]) sn.burn_tao[s] = burnAfterBlocksWith(sn.burn_tao[s]!, f, P.minBurn, P.maxBurn);
  P.decayedTo = t;
}

/** The miners' share of subnet s's alpha emission per day, in TAO at its spot price (0 before its first emission). */
export function minerTaoPerDay(st: SimState, s: number, block: number, ownerCut: number): number {
  const sn = st.subnets;
  if (!sn.active[s] || sn.first_emission_block[s]! > block) return 0;
  const alphaPerBlock = alphaBlockEmission(sn.pool_alpha[s]! + sn.alpha_out[s]!);
  return BLOCKS_PER_DAY * alphaPerBlock * (1 - ownerCut) * 0.5 * (1 - sn.miner_burned_frac[s]!) * subnetPrice(st, s);
}

/** Pay a registration's burn on subnet s: staked into the pool, the alpha bought burned; then the bump. */
export function payNeuronBurn(st: SimState, s: number, burnTao: number, feeFrac: number, P: Pick<NeuronRegistrationPrivate, "mult" | "minBurn" | "maxBurn">): boolean {
  const net = st.network;
  const sn = st.subnets;
  if (net.liquid_tao < burnTao) return false;
  const alpha = stakeIntoSubnet(st, s, burnTao, feeFrac);
  sn.alpha_out[s]! -= alpha;
  sn.alpha_recycled[s]! += alpha;
  sn.interval_recycled_alpha[s]! += alpha;
  sn.burn_tao[s] = bumpBurn(burnTao, P.mult, P.minBurn, P.maxBurn);
  net.neuron_registration_tao += burnTao;
  net.interval_burn_tao += burnTao;
  net.interval_registrations++;
  sn.interval_neuron_registrations[s]!++;
  return true;
}

export const dtaoNeuronRegistration = defineMechanism<NeuronRegistrationPrivate>({
  name: "dtao_neuron_registration",
  mirrors: "subnets/registration.rs :: update_registration_prices_for_networks, do_burned_registration, bump_registration_price_after_registration; subnets/uids.rs :: get_neuron_to_prune, replace_neuron",
  reads: [...MINER_ENTRY_READS, "subnets.active", "subnets.first_emission_block", "subnets.pool_weight", "subnets.miner_burned_frac"],
  writes: [
    ...MINER_ENTRY_WRITES, "subnets.burn_tao", "subnets.pool_tao", "subnets.pool_alpha", "subnets.alpha_out", "subnets.alpha_recycled", "subnets.interval_recycled_alpha",
    "subnets.interval_neuron_registrations", "subnets.flow_tao", "network.liquid_tao", "network.fees_tao", "network.neuron_registration_tao", "network.interval_burn_tao", "network.interval_registrations",
  ],
  params: [...BURN_PATHS, ...ROUND_PATHS, "network.hyperparameters.immunity_period_blocks", "network.registration.enabled"],
  // With registration off only the price decays. (The hyperparameter immunity is the default of neuron_immunity_blocks.)
  paramsUsed: (sc: ResolvedScenario) =>
    sc.network.registration.enabled ? [...BURN_PATHS, ...ROUND_PATHS, "network.hyperparameters.immunity_period_blocks", "network.registration.enabled"] : [...BURN_PATHS, "network.registration.enabled"],
  private: "the block the burn prices are decayed to, the burn settings, the miners' round scratch (miner-entry.ts) and its terms",
  init(st) {
    const params = dtaoRules(st).params;
    const P: NeuronRegistrationPrivate = {
      decayedTo: st.network.block,
      halfLife: params.neuron_burn_half_life_blocks,
      mult: params.neuron_burn_increase_mult,
      minBurn: params.neuron_min_burn_tao,
      maxBurn: params.neuron_max_burn_tao,
    };
    if (!st.compiled.registration) return P;
    const R = st.compiled.scenario.network.registration;
    const fee = params.swap_fee_frac;
    st.miners.earned_at_round_tao.set(st.miners.earned_tao);
    const terms: EntryTerms = {
      minerTaoPerDay: 0,
      price: NaN,
      maxRegistrations: R.max_registrations_per_interval,
      immunity: params.neuron_immunity_blocks ?? st.compiled.hyper.immunity_period_blocks,
      minNonImmune: params.neuron_min_non_immune_uids,
      burn: (s) => st.subnets.burn_tao[s]!,
      pay: (s, burn) => payNeuronBurn(st, s, burn, fee, P),
    };
    P.round = { X: entryScratch(st), terms, ownerCut: st.compiled.hyper.owner_cut_frac, interval: R.adjustment_interval_blocks };
    return P;
  },
  nextBlock(st, P) {
    return P.round ? nextMultiple(st.network.block, P.round.interval) : Infinity;
  },
  step(st, t, P) {
    // update_registration_prices_for_networks, for every block up to t.
    decayBurnsTo(st, t, P);
    const R = P.round;
    if (!R || t % R.interval !== 0) return;
    const price = priceAtBlock(st.compiled, t);
    R.terms.price = price;
    exitRound(st, t, R.interval, price, R.X);
    gatherCandidates(st, R.X);
    for (let s = 0; s < st.subnets.n; s++) {
      if (!st.subnets.active[s]) continue;
      R.terms.minerTaoPerDay = minerTaoPerDay(st, s, t, R.ownerCut);
      enterSubnet(st, s, t, R.terms, R.X);
    }
  },
});
