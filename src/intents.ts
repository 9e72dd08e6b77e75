/**
 * The contract between agents and mechanisms: what an agent sees (views, read-only arrays) and
 * what it decides (intents), as hooks. Agents (src/agents/) implement the hooks in the strategy
 * registry; mechanisms (src/mechanisms/) call them and apply the intents to the state. Neither side
 * imports the other: both import this file, which imports nothing of either.
 *
 *   decision              hook                          applied by
 *   weights on a subnet   WeightSetter.set              epoch (consensus model yuma)
 *   root-network vote     RootVoter.vote                subnet_shares/root
 *   re-delegation         Restaker.review               restake
 *   quit / register       MinerEconomics.quits/enters   registration
 *   compound or withdraw  the `stakers.compound` intent column (set from the strategy)  drain
 *   dTAO position         PortfolioManager.start/review     dtao_genesis, dtao_staking
 *
 * A view's arrays belong to the mechanism: an agent reads them during the call and never keeps or
 * writes them. A hook writes only its `out` argument or returns its decision.
 */

/** What a validator sees of one subnet when it sets weights (vectors in the subnet's miner-slot order). */
export interface WeightView {
  /** Current block and this subnet's epoch counter. */
  block: number;
  epoch: number;
  /** The miners' true quality (an honest validator observes it with noise). */
  quality: Float64Array;
  /** The miner in each slot (−1: empty): lets an agent recognise miners it knows (e.g. its cartel's). */
  slotMiner: Int32Array;
  /** The subnet's public consensus on its miners `lag` ≥ 1 epochs ago (undefined before it exists). */
  consensus(lag: number): Float64Array | undefined;
  /**
   * out[j] = quality[j]·max(0, 1 + σ·z_j), z ~ N(0, 1): an observation with noise, z the next
   * draws of the validator group's stream behaviour/validators/<group>.
   */
  observe(sigma: number, out: Float64Array): void;
}

export interface WeightSetter {
  /**
   * Write validator `i`'s weights on the subnet's miners into `out` (values ≥ 0, any scale; the
   * chain max-upscales them to u16) and return true, or return false to leave the stored weights
   * as they are this epoch.
   */
  set(i: number, view: WeightView, out: Float64Array): boolean;
  /** How many epochs of past consensus `view.consensus` must keep for this setter (default 1). */
  readonly historyEpochs?: number;
}

/** What a root-network member sees when it votes (one entry per subnet). */
export interface RootView {
  block: number;
  /** Subnet value: the mean true quality of its registered miners. */
  value: Float64Array;
  /** Miner uid slots per subnet and the miner in each (slotMiner[s·slots + k], −1: empty). */
  slots: number;
  slotMiner: Int32Array;
  /** out[s] = value[s]·max(0, 1 + σ·z_s): the member's noisy view (σ = root_noise_sigma, stream behaviour/root); returns Σ out. */
  observe(out: Float64Array): number;
}

export interface RootVoter {
  /**
   * Write member `i`'s weights over the subnets into `out` (≥ 0) and return their total: the
   * mechanism normalises the row by it (w_s = out[s] / total). A total ≤ 0 means no vote.
   */
  vote(i: number, view: RootView, out: Float64Array): number;
}

/** What a staker sees at its daily review. */
export interface RestakeView {
  /** Smoothed yield per TAO staked, net of take, per validator (NaN: none yet). */
  yieldEma: Float64Array;
  /** The validator with the best smoothed yield (ties: the lowest index) and that yield. */
  best: number;
  bestYield: number;
  /** Each staker's current validator. */
  validatorOf: Int32Array;
}

export interface Restaker {
  /** Staker `k` reviews: the validator to move its whole stake to, or −1 to stay. */
  review(k: number, view: RestakeView): number;
}

/** A miner's business decisions at each registration round (TAO amounts at the current price). */
export interface MinerEconomics {
  /** A registered, serving miner: stop serving? `belowCostBlocks` = consecutive blocks with reward < cost. */
  quits(j: number, rewardTaoPerDay: number, costTaoPerDay: number, belowCostBlocks: number): boolean;
  /** An unregistered miner: pay `burnTao` to register, expecting `rewardTaoPerDay`? */
  enters(j: number, rewardTaoPerDay: number, costTaoPerDay: number, burnTao: number): boolean;
}

/** What a dTAO staker sees at its portfolio review (one entry per subnet slot; −1 names root). */
export interface PortfolioView {
  block: number;
  /** 1 where the subnet is registered (only those can be chosen). */
  active: Uint8Array;
  /** Expected yield of staking `tao` more TAO as alpha on subnet s, per year, in alpha per alpha (net of the average take). */
  alphaYield(s: number, tao: number): number;
  /** Expected yield of staking `tao` more TAO on root, per year, in TAO per TAO (net of the average take). */
  rootYield(tao: number): number;
  /** Each subnet's first emission block (its EMA price warms up from there). */
  firstEmissionBlock: Float64Array;
  /** Spot and EMA prices (TAO per alpha) and each pool's TAO reserve. */
  price: Float64Array;
  movingPrice: Float64Array;
  poolTao: Float64Array;
  /** Each staker's current position (−1: root). */
  positionOf: Int32Array;
  /** TAO value of staker k's position at the spot price. */
  valueTao(k: number): number;
  /** Alpha held by staker k (0 on root). */
  alphaOf(k: number): number;
  /** TAO staker k would receive by unstaking its whole position now (fee and slippage; root: its TAO). */
  exitTao(k: number): number;
  /**
   * TAO that `alpha` alpha of subnet s would fetch once the pool's price has moved `revert_frac` of
   * the way from its spot to its EMA price along the same invariant (fee and slippage included).
   */
  expectedExitTao(s: number, alpha: number, revert_frac: number): number;
  /**
   * The same for the alpha bought by staking `tao` into s now, times `growth` (1 + the dividends
   * expected on it), the reversion starting from the price after that buy.
   */
  entryExpectedTao(s: number, tao: number, revert_frac: number, growth: number): number;
}

export interface PortfolioManager {
  /** Where staker k's stake starts: −1 root, or a subnet index. */
  start(k: number, view: PortfolioView): number;
  /** At a review: the position to move the whole stake to (−1 root, a subnet), or −2 to stay. */
  review(k: number, view: PortfolioView): number;
}

export const STAY = -2;
export const ROOT = -1;

/** The hooks of one population group (undefined: the group takes no such decision). */
export interface GroupHooks {
  weights?: WeightSetter;
  rootVote?: RootVoter;
  restake?: Restaker;
  economics?: MinerEconomics;
  portfolio?: PortfolioManager;
}

/** Every group's hooks, indexed like the compiled scenario's `populations.groups`. */
export interface AgentHooks {
  readonly groups: readonly GroupHooks[];
}
