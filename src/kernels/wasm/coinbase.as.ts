// AssemblyScript source of the dTAO coinbase's block loop, compiled to coinbase.wasm by
// `npm run build:wasm`. The semantics, the loop order and the summation order are those of
// ../../mechanisms/dtao/coinbase.ts :: coinbaseBlock (and shares.ts, amm.ts, flows.ts), which stays
// the reference: test/mechanisms/dtao/coinbase-kernel.test.ts runs both over the same blocks and requires
// identical bytes. The subnets' columns the coinbase reads and writes live in this module's linear
// memory (the run's state holds views of them: ../../mechanisms/dtao/coinbase-kernel.ts); the layout (pointers, in
// the order of the same module's coinbaseLayout) is written once with setLayout.
// Transcendental functions are the host's (Math.pow, Math.log, Math.expm1), and the alpha
// emission past the first alpha halving is the host's function, so results match JavaScript's to
// the bit.

// Layout: pointers into linear memory, written by setLayout (names: the state's columns).
let POOL_TAO: usize = 0; // f64[S]
let POOL_ALPHA: usize = 0; // f64[S]
let POOL_WEIGHT: usize = 0; // f64[S]
let ALPHA_OUT: usize = 0; // f64[S]
let PROTOCOL_ALPHA: usize = 0; // f64[S]
let ALPHA_ISSUED: usize = 0; // f64[S]
let ALPHA_RECYCLED: usize = 0; // f64[S]
let EMISSION_SHARE_FRAC: usize = 0; // f64[S]
let ROOT_PROP_FRAC: usize = 0; // f64[S]
let PENDING_OWNER_ALPHA: usize = 0; // f64[S]
let PENDING_SERVER_ALPHA: usize = 0; // f64[S]
let PENDING_VALIDATOR_ALPHA: usize = 0; // f64[S]
let PENDING_ROOT_ALPHA: usize = 0; // f64[S]
let FLOW_TAO: usize = 0; // f64[S]
let FLOW_EMA_TAO: usize = 0; // f64[S]
let PROTOCOL_FLOW_TAO: usize = 0; // f64[S]
let PROTOCOL_FLOW_EMA_TAO: usize = 0; // f64[S]
let INTERVAL_CHAIN_BUY_TAO: usize = 0; // f64[S]
let INTERVAL_TAO_IN_TAO: usize = 0; // f64[S]
let INTERVAL_ALPHA_IN_ALPHA: usize = 0; // f64[S]
let INTERVAL_ALPHA_OUT_ALPHA: usize = 0; // f64[S]
let INTERVAL_RECYCLED_ALPHA: usize = 0; // f64[S]
let MOVING_PRICE: usize = 0; // f64[S]
let MINER_BURNED_FRAC: usize = 0; // f64[S]
let FIRST_EMISSION_BLOCK: usize = 0; // f64[S]
let ACTIVE: usize = 0; // u8[S]
let EMISSION_ENABLED: usize = 0; // u8[S]
let EMIT: usize = 0; // i32[S] scratch: the emitting subnets of the block
let SHARES: usize = 0; // f64[S] scratch: their shares (k-th emitting subnet at k)
let PRICE: usize = 0; // f64[S] scratch: the spot price after a block's update (its EMA input) …
let PRICE_BLOCK: usize = 0; // f64[S] … valid as the spot price at the start of this block (nothing trades in between)
let NET: usize = 0; // f64[6] in and out: the network's emitted, recycled, chain-buy and interval chain-buy TAO, issuance, root sell flag

@external("Math", "pow")
declare function hostPow(x: f64, y: f64): f64;
@external("Math", "log")
declare function hostLog(x: f64): f64;
@external("Math", "expm1")
declare function hostExpm1(x: f64): f64;
/** alpha-issuance.ts :: alphaBlockEmission (the chain's integer halving rule), for issuance in [10.5M, 21M). */
@external("host", "alphaBlockEmission")
declare function hostAlphaBlockEmission(issuance: f64): f64;

const FIRST_ALPHA_HALVING: f64 = 10_500_000;
const MIN_POOL_WEIGHT: f64 = 0.01;
const MAX_POOL_WEIGHT: f64 = 0.99;

// The rules (setRules): share function, injection rule, pool curve and parameters.
const SHARE_PRICE_EMA: i32 = 0;
const SHARE_PRICE_EMA_BURN: i32 = 1;
const SHARE_PRICE_EMA_ROOT_PROP: i32 = 2;
const SHARE_FLOW: i32 = 3;
let SHARE_KIND: i32 = 0;
let CAP_BY_ROOT_PROP: bool = false;
let BUYS_EXCESS: bool = false;
let RECYCLE_BOUGHT: bool = false;
let REWEIGHTS: bool = false;
let USES_FLOWS: bool = false;
let NET_FLOW: bool = false;
let OWNER_CUT: f64 = 0;
let RECYCLE_FRAC: f64 = 0;
let MOVING_ALPHA: f64 = 0;
let EMA_HALVING: f64 = 0;
let CAP_EMA: bool = true;
let FLOW_CUTOFF: f64 = 0;
let FLOW_EXPONENT: f64 = 1;
let FLOW_EMA_ALPHA: f64 = 0;

export function setLayout(tab: usize): void {
  POOL_TAO = load<u32>(tab);
  POOL_ALPHA = load<u32>(tab + 4);
  POOL_WEIGHT = load<u32>(tab + 8);
  ALPHA_OUT = load<u32>(tab + 12);
  PROTOCOL_ALPHA = load<u32>(tab + 16);
  ALPHA_ISSUED = load<u32>(tab + 20);
  ALPHA_RECYCLED = load<u32>(tab + 24);
  EMISSION_SHARE_FRAC = load<u32>(tab + 28);
  ROOT_PROP_FRAC = load<u32>(tab + 32);
  PENDING_OWNER_ALPHA = load<u32>(tab + 36);
  PENDING_SERVER_ALPHA = load<u32>(tab + 40);
  PENDING_VALIDATOR_ALPHA = load<u32>(tab + 44);
  PENDING_ROOT_ALPHA = load<u32>(tab + 48);
  FLOW_TAO = load<u32>(tab + 52);
  FLOW_EMA_TAO = load<u32>(tab + 56);
  PROTOCOL_FLOW_TAO = load<u32>(tab + 60);
  PROTOCOL_FLOW_EMA_TAO = load<u32>(tab + 64);
  INTERVAL_CHAIN_BUY_TAO = load<u32>(tab + 68);
  INTERVAL_TAO_IN_TAO = load<u32>(tab + 72);
  INTERVAL_ALPHA_IN_ALPHA = load<u32>(tab + 76);
  INTERVAL_ALPHA_OUT_ALPHA = load<u32>(tab + 80);
  INTERVAL_RECYCLED_ALPHA = load<u32>(tab + 84);
  MOVING_PRICE = load<u32>(tab + 88);
  MINER_BURNED_FRAC = load<u32>(tab + 92);
  FIRST_EMISSION_BLOCK = load<u32>(tab + 96);
  ACTIVE = load<u32>(tab + 100);
  EMISSION_ENABLED = load<u32>(tab + 104);
  EMIT = load<u32>(tab + 108);
  SHARES = load<u32>(tab + 112);
  PRICE = load<u32>(tab + 116);
  PRICE_BLOCK = load<u32>(tab + 120);
  NET = load<u32>(tab + 124);
}

export function setRules(shareKind: i32, capByRootProp: i32, buysExcess: i32, recycleBought: i32, reweights: i32, usesFlows: i32, netFlow: i32, ownerCut: f64, recycleFrac: f64, movingAlpha: f64, emaHalving: f64, capEma: i32, flowCutoff: f64, flowExponent: f64, flowEmaAlpha: f64): void {
  SHARE_KIND = shareKind;
  CAP_BY_ROOT_PROP = capByRootProp != 0;
  BUYS_EXCESS = buysExcess != 0;
  RECYCLE_BOUGHT = recycleBought != 0;
  REWEIGHTS = reweights != 0;
  USES_FLOWS = usesFlows != 0;
  NET_FLOW = netFlow != 0;
  OWNER_CUT = ownerCut;
  RECYCLE_FRAC = recycleFrac;
  MOVING_ALPHA = movingAlpha;
  EMA_HALVING = emaHalving;
  CAP_EMA = capEma != 0;
  FLOW_CUTOFF = flowCutoff;
  FLOW_EXPONENT = flowExponent;
  FLOW_EMA_ALPHA = flowEmaAlpha;
}

@inline function f(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function setf(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline function addf(p: usize, i: i32, v: f64): void { const q = p + (<usize>i << 3); store<f64>(q, load<f64>(q) + v); }
@inline function emitAt(k: i32): i32 { return load<i32>(EMIT + (<usize>k << 2)); }
@inline function clamp01(v: f64): f64 { return v > 1 ? 1 : v > 0 ? v : 0; }

/** shares.ts :: priceShares over the m emitting subnets. */
function priceShares(m: i32): void {
  let total: f64 = 0;
  for (let k = 0; k < m; k++) total += f(MOVING_PRICE, emitAt(k));
  for (let k = 0; k < m; k++) setf(SHARES, k, total > 0 ? f(MOVING_PRICE, emitAt(k)) / total : 0);
}

/** shares.ts :: the raw shares of the rule in force, then applyEmissionEnabledInPlace. */
function shares(m: i32): void {
  if (SHARE_KIND == SHARE_PRICE_EMA) priceShares(m);
  else if (SHARE_KIND == SHARE_PRICE_EMA_BURN) {
    let total: f64 = 0;
    let weighted: f64 = 0;
    for (let k = 0; k < m; k++) {
      const s = emitAt(k);
      const p = f(MOVING_PRICE, s);
      total += p;
      weighted += p * (1 - clamp01(f(MINER_BURNED_FRAC, s)));
    }
    if (weighted > 0 && total > 0) {
      const inv = 1 / weighted;
      for (let k = 0; k < m; k++) {
        const s = emitAt(k);
        setf(SHARES, k, f(MOVING_PRICE, s) * (1 - clamp01(f(MINER_BURNED_FRAC, s))) * inv);
      }
    } else priceShares(m);
  } else if (SHARE_KIND == SHARE_PRICE_EMA_ROOT_PROP) {
    priceShares(m);
    let total: f64 = 0;
    for (let k = 0; k < m; k++) {
      const s = emitAt(k);
      total += f(SHARES, k) * (clamp01(f(ROOT_PROP_FRAC, s)) * (1 - clamp01(f(MINER_BURNED_FRAC, s))));
    }
    if (total > 0) {
      for (let k = 0; k < m; k++) {
        const s = emitAt(k);
        setf(SHARES, k, (f(SHARES, k) * (clamp01(f(ROOT_PROP_FRAC, s)) * (1 - clamp01(f(MINER_BURNED_FRAC, s))))) / total);
      }
    }
  } else {
    // flow
    let fr: f64 = 0;
    if (NET_FLOW) {
      let userPos: f64 = 0;
      let protPos: f64 = 0;
      for (let k = 0; k < m; k++) {
        const s = emitAt(k);
        userPos += max<f64>(f(FLOW_EMA_TAO, s), 0);
        protPos += max<f64>(f(PROTOCOL_FLOW_EMA_TAO, s), 0);
      }
      fr = protPos > 0 ? min<f64>(1, userPos / protPos) : 0;
    }
    for (let k = 0; k < m; k++) {
      const s = emitAt(k);
      const user = f(FLOW_EMA_TAO, s);
      const prot = f(PROTOCOL_FLOW_EMA_TAO, s);
      setf(SHARES, k, NET_FLOW ? user - (prot > 0 ? fr * prot : prot) : user);
    }
    let lowest: f64 = 0;
    for (let k = 0; k < m; k++) if (f(SHARES, k) < lowest) lowest = f(SHARES, k);
    const L = max<f64>(FLOW_CUTOFF, lowest);
    for (let k = 0; k < m; k++) setf(SHARES, k, f(SHARES, k) > L ? f(SHARES, k) - L : 0);
    // powNormalizeInPlace
    let mx: f64 = 0;
    for (let k = 0; k < m; k++) if (f(SHARES, k) > mx) mx = f(SHARES, k);
    if (!(mx > 0)) {
      for (let k = 0; k < m; k++) setf(SHARES, k, 0);
    } else {
      let sum: f64 = 0;
      for (let k = 0; k < m; k++) {
        const x = f(SHARES, k);
        const v = x > 0 ? hostPow(x / mx, FLOW_EXPONENT) : 0;
        setf(SHARES, k, v);
        sum += v;
      }
      for (let k = 0; k < m; k++) setf(SHARES, k, f(SHARES, k) / sum);
    }
  }
  // applyEmissionEnabledInPlace
  let anyDisabled = false;
  let sum: f64 = 0;
  for (let k = 0; k < m; k++) {
    if (load<u8>(EMISSION_ENABLED + <usize>emitAt(k)) != 0) sum += f(SHARES, k);
    else anyDisabled = true;
  }
  if (anyDisabled) {
    for (let k = 0; k < m; k++) setf(SHARES, k, load<u8>(EMISSION_ENABLED + <usize>emitAt(k)) != 0 && sum > 0 ? f(SHARES, k) / sum : 0);
  }
}

@inline function spot(T: f64, A: f64, w: f64): f64 {
  return !(A > 0) ? 0 : w == 0.5 ? T / A : ((1 - w) / w) * (T / A);
}

/**
 * Blocks b0..t of the coinbase (coinbase.ts :: coinbaseBlock for each, with the EMA price update
 * for blocks before t), the network's totals in NET updated in coinbaseBlock's order. Stops after
 * the first block at which issuance reaches nextThreshold, where the host's block emission
 * changes. Returns the number of blocks run.
 */
export function run(S: i32, b0: i32, t: i32, E: f64, twR: f64, nextThreshold: f64): i32 {
  let emittedNet = load<f64>(NET);
  let recycledNet = load<f64>(NET + 8);
  let chainBuyNet = load<f64>(NET + 16);
  let intervalChainBuyNet = load<f64>(NET + 24);
  let iss = load<f64>(NET + 32);
  let sellNet = load<f64>(NET + 40);
  const T = POOL_TAO;
  const A = POOL_ALPHA;
  const W = POOL_WEIGHT;
  const OUT = ALPHA_OUT;
  const PBAR = MOVING_PRICE;
  const FIRST = FIRST_EMISSION_BLOCK;
  const recycledNow = E * RECYCLE_FRAC;
  const Enet = E - recycledNow;
  const ownerCut = OWNER_CUT;
  const mAlpha = MOVING_ALPHA;
  const hEma = EMA_HALVING;
  const capEma = CAP_EMA;
  let n = 0;
  for (let b = b0; b <= t; b++) {
    const bf = <f64>b;
    let m = 0;
    for (let s = 0; s < S; s++) {
      if (load<u8>(ACTIVE + <usize>s) != 0 && f(FIRST, s) <= bf) {
        store<i32>(EMIT + (<usize>m << 2), s);
        m++;
      }
    }
    let spent: f64 = 0;
    let chainBuy: f64 = 0;
    if (m > 0) {
      shares(m);
      let sumP: f64 = 0;
      for (let k = 0; k < m; k++) sumP += f(PBAR, emitAt(k));
      const sell = sumP > 1;
      sellNet = sell ? 1 : 0;
      const updatePrices = b < t;
      let aFirst: f64 = NaN;
      let aNow: f64 = 0;
      for (let k = 0; k < m; k++) {
        const s = emitAt(k);
        const share = f(SHARES, k);
        setf(EMISSION_SHARE_FRAC, s, share);
        const Ts = f(T, s);
        const As = f(A, s);
        const ws = f(W, s);
        const issuance = As + f(OUT, s);
        const aem: f64 = issuance < FIRST_ALPHA_HALVING ? 1 : issuance >= 21e6 ? 0 : hostAlphaBlockEmission(issuance);
        const tau = Enet * share;
        // The spot price: the one the previous block's EMA update computed from these reserves,
        // when it ran in this call's blocks (the same expression on the same values), else anew.
        const p = f(PRICE_BLOCK, s) == bf ? f(PRICE, s) : spot(Ts, As, ws);
        const d0 = twR + issuance;
        const cap = CAP_BY_ROOT_PROP ? (d0 > 0 ? (twR / d0) * aem : 0) : aem;
        const want = p > 0 ? tau / p : 0;
        let alphaIn: f64;
        let taoIn: f64;
        let excess: f64 = 0;
        if (want > cap) {
          alphaIn = cap;
          if (BUYS_EXCESS) {
            taoIn = cap * p;
            excess = tau - taoIn;
          } else taoIn = tau;
        } else {
          alphaIn = want;
          taoIn = p > 0 ? tau : 0;
          if (BUYS_EXCESS) excess = tau - taoIn;
        }
        if (taoIn > 0 || alphaIn > 0) {
          if (!REWEIGHTS || (ws == 0.5 && abs<f64>(taoIn - alphaIn * p) <= 1e-12 * taoIn)) {
            setf(T, s, Ts + taoIn);
            setf(A, s, As + alphaIn);
          } else {
            // amm.ts :: balancer.inject
            const tt = Ts + taoIn;
            const aa = As + alphaIn;
            const pp = spot(Ts, As, ws);
            if (ws == 0.5 && abs<f64>(taoIn - alphaIn * pp) <= 1e-12 * max<f64>(taoIn, 1e-300)) {
              setf(T, s, tt);
              setf(A, s, aa);
            } else {
              const w = pp > 0 ? tt / (aa * pp + tt) : 0.5;
              if (!(w >= MIN_POOL_WEIGHT && w <= MAX_POOL_WEIGHT)) {
                taoIn = 0;
                alphaIn = 0;
              } else {
                setf(T, s, tt);
                setf(A, s, aa);
                setf(W, s, w);
              }
            }
          }
        }
        if (excess > 0) {
          const t1 = f(T, s);
          const a1 = f(A, s);
          const w1 = f(W, s);
          const bought = w1 == 0.5 ? (a1 * excess) / (t1 + excess) : a1 * -hostExpm1((w1 / (1 - w1)) * hostLog(t1 / (t1 + excess)));
          setf(T, s, t1 + excess);
          setf(A, s, a1 - bought);
          if (RECYCLE_BOUGHT) {
            addf(ALPHA_RECYCLED, s, bought);
            addf(INTERVAL_RECYCLED_ALPHA, s, bought);
          } else {
            addf(OUT, s, bought);
            addf(PROTOCOL_ALPHA, s, bought);
          }
          addf(INTERVAL_CHAIN_BUY_TAO, s, excess);
          chainBuy += excess;
        }
        const emitted = taoIn + excess;
        spent += emitted;
        if (USES_FLOWS) addf(PROTOCOL_FLOW_TAO, s, emitted);
        addf(INTERVAL_TAO_IN_TAO, s, taoIn);
        addf(INTERVAL_ALPHA_IN_ALPHA, s, alphaIn);
        addf(ALPHA_ISSUED, s, alphaIn + aem);
        addf(INTERVAL_ALPHA_OUT_ALPHA, s, aem);
        const owner = aem * ownerCut;
        const half = 0.5 * (aem - owner);
        const d1 = twR + f(A, s) + f(OUT, s) + aem;
        const rp = d1 > 0 ? twR / d1 : 0;
        setf(ROOT_PROP_FRAC, s, rp);
        const root = half * rp;
        addf(PENDING_OWNER_ALPHA, s, owner);
        addf(PENDING_SERVER_ALPHA, s, half);
        addf(PENDING_VALIDATOR_ALPHA, s, half - root);
        if (sell) {
          addf(PENDING_ROOT_ALPHA, s, root);
          addf(OUT, s, aem);
        } else {
          addf(OUT, s, aem - root);
          addf(ALPHA_RECYCLED, s, root);
          addf(INTERVAL_RECYCLED_ALPHA, s, root);
        }
        if (updatePrices) {
          const fs = f(FIRST, s);
          if (fs != aFirst) {
            const age = bf - (fs - 1);
            aFirst = fs;
            aNow = hEma > 0 ? (mAlpha * age) / (age + hEma) : mAlpha;
          }
          const a = aNow;
          const p2 = spot(f(T, s), f(A, s), f(W, s));
          setf(PBAR, s, a * (capEma ? min<f64>(p2, 1) : p2) + (1 - a) * f(PBAR, s));
          setf(PRICE, s, p2);
          setf(PRICE_BLOCK, s, bf + 1);
        }
      }
    }
    if (chainBuy != 0) {
      chainBuyNet += chainBuy;
      intervalChainBuyNet += chainBuy;
    }
    emittedNet += spent + recycledNow;
    recycledNet += recycledNow;
    n++;
    // Flow EMAs (flows.ts :: updateFlowEma), or the flows reset.
    if (!USES_FLOWS) {
      memory.fill(FLOW_TAO, 0, <usize>S << 3);
    } else {
      const a = FLOW_EMA_ALPHA;
      const keep = 1 - a;
      for (let s = 0; s < S; s++) {
        setf(FLOW_EMA_TAO, s, keep * f(FLOW_EMA_TAO, s) + a * f(FLOW_TAO, s));
        setf(FLOW_TAO, s, 0);
      }
      for (let s = 0; s < S; s++) {
        setf(PROTOCOL_FLOW_EMA_TAO, s, keep * f(PROTOCOL_FLOW_EMA_TAO, s) + a * f(PROTOCOL_FLOW_TAO, s));
        setf(PROTOCOL_FLOW_TAO, s, 0);
      }
    }
    // SupplyClock.issue: the host's rate changes once issuance reaches the next threshold.
    iss += spent;
    if (iss >= nextThreshold) break;
  }
  store<f64>(NET, emittedNet);
  store<f64>(NET + 8, recycledNet);
  store<f64>(NET + 16, chainBuyNet);
  store<f64>(NET + 24, intervalChainBuyNet);
  store<f64>(NET + 32, iss);
  store<f64>(NET + 40, sellNet);
  return n;
}

/**
 * The EMA price update of event block b for every emitting subnet, after the block's trades
 * (coinbase.ts :: movingPriceBlock, with moving-price.ts's movingPriceAlpha, blocksSinceStart and
 * updateMovingPrice, operation for operation).
 */
export function movingPrices(S: i32, b: i32, alpha: f64, h: f64, cap: i32): void {
  const bf = <f64>b;
  for (let s = 0; s < S; s++) {
    const first = f(FIRST_EMISSION_BLOCK, s);
    if (load<u8>(ACTIVE + <usize>s) == 0 || !(first <= bf)) continue;
    let a = alpha;
    if (h > 0) {
      const since = max<f64>(0, bf - max<f64>(0, first - 1));
      const den = since + h;
      a = den > 0 ? (alpha * since) / den : 0;
    }
    const spotNow = spot(f(POOL_TAO, s), f(POOL_ALPHA, s), f(POOL_WEIGHT, s));
    const p = cap != 0 ? min<f64>(spotNow, 1) : spotNow;
    setf(MOVING_PRICE, s, a * p + (1 - a) * f(MOVING_PRICE, s));
  }
}
