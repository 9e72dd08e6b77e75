// AssemblyScript source of the Yuma epoch's hot loops, compiled to kernels.wasm by
// `npm run build:wasm` (asc, from the assemblyscript npm package). The TypeScript epoch
// (../../yuma/subnet.ts) owns the state; its typed arrays are views into this module's memory, whose
// layout (../layout.ts) it writes once with setLayout. Semantics are those of ../../yuma/subnet.ts and ../../yuma/bond-models.ts
// (conformance/yuma/README.md §5 steps 6–9), with the same loop and summation order.

// Layout: pointers into linear memory, written by setLayout.
let WS: usize = 0; // u16[n·RCAP] the stored weights of the slotted rows, slot-major: (slot r, uid j) at j·RCAP + r
let WPS: usize = 0; // u8[n·RCAP] their entry marks, same layout
let BS: usize = 0; // u16[n·RCAP] stored bonds by column, slot-major: (row/slot r, uid j) at j·RCAP + r
let BASE: usize = 0; // i32[R] uid of each row (the TypeScript side's uidOfSlot)
let INV: usize = 0; // f64[R] row normalisation: the factor 1/Σ, or with liquid alpha (divideRows) the divisor Σ (∞ for an empty row)
let ROWOKF: usize = 0; // f64[R] the same as 0/1
let LU: usize = 0; // f64[R] last_update per row
let REG: usize = 0; // f64[n] registration block per uid
let CONS: usize = 0; // f64[n] consensus (out)
let RANK: usize = 0; // f64[n] raw rank Σ A·W̄ (out)
let ACTIVE: usize = 0; // f64[R] active stake per row
let VT: usize = 0; // f64[R] validator trust (out)
let ROWOF: usize = 0; // i32[n] row of a uid, or −1 (the TypeScript side's slotOf)
let SLOWROWS: usize = 0; // i32[R] rows with possibly outdated entries
let MASK: usize = 0; // u8[n] bond columns to ignore
let TARGET: usize = 0; // u8[R] store this row's bonds
let DIV: usize = 0; // f64[R] dividends, unnormalised (out)
let BUCKET: usize = 0; // i32[R]
let HIST: usize = 0; // f64[NB]
let HEAD: usize = 0; // i32[NB] first row of each bucket
let NEXT: usize = 0; // i32[R] next row of the same bucket
let QV: usize = 0; // f64[R]
let QW: usize = 0; // f64[R]
let COLWT: usize = 0; // f64[R]
let COLB: usize = 0; // f64[R]
let COLV: usize = 0; // f64[R]
let COLW: usize = 0; // f64[R] the current column of W
let DEFERRED: usize = 0; // i32[n] columns whose bonds wait for the liquid-alpha condition
let COLPF: usize = 0; // f64[R] entry marks as 0/1 factors
let EXP2: usize = 0; // f64[64] 2^(i/64), then the v128 constants K_* (16 bytes each); filled by setLayout
let SELL: usize = 0; // i32[R + 3] the rows of a column where liquid alpha sells
let WST: usize = 0; // u16[n·n] every uid's stored weights, row-major: (i, j) at i·n + j
let WPRES: usize = 0; // u8[n·n] their entry marks
let FLUSH: usize = 0; // i32[2n] rows to copy into their slots: (row offset i·n, slot) pairs
let VALS: usize = 0; // f64[n] raw weights handed to setRow
let ACTROWS: usize = 0; // i32[R] the rows with A > 0, ascending
let ZIG: usize = 0; // f64[3·128] ziggurat tables K, W, F (written by the TypeScript side, rng.ts)
let RNG: usize = 0; // u32[4] xoshiro128** state of the stream in use (copied in and out per call)
let QUAL: usize = 0; // f64[n] miners' true quality, input of observe
let ROWBOND: usize = 0; // u8[rcap] 1 if the slot's stored bond row may be non-zero (out of epoch)
let STAGE: usize = 0; // f64[rcap·n] standard normals staged for observe (one epoch's weight setting)

/**
 * The host's Math.exp (imported; V8 intrinsifies a Math.exp import into a direct call of the
 * function JavaScript's Math.exp runs), so liquid alpha's sigmoid is the oracle's to the bit.
 */
@external("Math", "exp")
declare function hostExp(x: f64): f64;

const NB: i32 = 32;
// Offsets of the vector constants in the table at constants() (see setLayout).
const K_64_LN2: usize = 0;
const K_ROUND: usize = 16;
const K_LN2_HI: usize = 32;
const K_LN2_LO: usize = 48;
const K_C5: usize = 80;
const K_C4: usize = 96;
const K_C3: usize = 112;
const K_HALF: usize = 128;
const K_ONE: usize = 144;
const K_EBIAS: usize = 160;
const K_M63: usize = 176;
const K_NM63: usize = 192;
const K_20: usize = 208;
const K_M20: usize = 224;
const K_U16: usize = 240;
const K_EPS: usize = 256;
const K_INV16: usize = 272;
/** Where the vector constants start (after the 2^(i/64) table). */
@inline function constants(): usize { return EXP2 + 512; }
@inline function K(kp: usize, off: usize): v128 { return v128.load(kp + off); }
/** Bounds of the last gathered column (set by gatherW). */
let COL_LO: f64 = 0;
let COL_HI: f64 = 0;
/**
 * Liquid alpha: rows are normalised by dividing by their sum (INV holds Σ), as the oracle does
 * (test/yuma/reference/subnet.ts), so W, C and W̃ — whose comparisons choose each entry's α — are
 * the oracle's to the bit. Otherwise W = stored × (1/Σ).
 */
let divideRows = false;
/** Column stride of BS (the number of bond slots). */
let RCAP: i32 = 0;
/** Every row stores its bonds this epoch (all permit holders keep their permit): the common case. */
let allTargets = false;

export function setLayout(tab: usize): void {
  // One u32 pointer per buffer, in the order declared above (the TypeScript side writes them).
  WS = load<u32>(tab + 0);
  WPS = load<u32>(tab + 4);
  BS = load<u32>(tab + 8);
  BASE = load<u32>(tab + 12);
  INV = load<u32>(tab + 16);
  ROWOKF = load<u32>(tab + 20);
  LU = load<u32>(tab + 24);
  REG = load<u32>(tab + 28);
  CONS = load<u32>(tab + 32);
  RANK = load<u32>(tab + 36);
  ACTIVE = load<u32>(tab + 40);
  VT = load<u32>(tab + 44);
  ROWOF = load<u32>(tab + 48);
  SLOWROWS = load<u32>(tab + 52);
  MASK = load<u32>(tab + 56);
  TARGET = load<u32>(tab + 60);
  DIV = load<u32>(tab + 64);
  BUCKET = load<u32>(tab + 68);
  HIST = load<u32>(tab + 72);
  HEAD = load<u32>(tab + 76);
  NEXT = load<u32>(tab + 80);
  QV = load<u32>(tab + 84);
  QW = load<u32>(tab + 88);
  COLWT = load<u32>(tab + 92);
  COLB = load<u32>(tab + 96);
  COLV = load<u32>(tab + 100);
  COLW = load<u32>(tab + 104);
  DEFERRED = load<u32>(tab + 108);
  COLPF = load<u32>(tab + 112);
  EXP2 = load<u32>(tab + 116);
  SELL = load<u32>(tab + 120);
  WST = load<u32>(tab + 124);
  WPRES = load<u32>(tab + 128);
  FLUSH = load<u32>(tab + 132);
  VALS = load<u32>(tab + 136);
  ACTROWS = load<u32>(tab + 140);
  ZIG = load<u32>(tab + 144);
  RNG = load<u32>(tab + 148);
  QUAL = load<u32>(tab + 152);
  ROWBOND = load<u32>(tab + 156);
  STAGE = load<u32>(tab + 160);
  for (let i = 0; i < 64; i++) f64set(EXP2, i, Math.pow(2, <f64>i / 64));
  // Vector constants live in memory: V8 rebuilds a v128.const at every use inside a loop, while
  // a load from here is one instruction (often folded into the arithmetic).
  const kp = constants();
  v128.store(kp + K_64_LN2, f64x2.splat(92.33248261689366));
  v128.store(kp + K_ROUND, f64x2.splat(6755399441055744.0));
  v128.store(kp + K_LN2_HI, f64x2.splat(0.010830424667801708));
  v128.store(kp + K_LN2_LO, f64x2.splat(2.844743711427622e-11));
  v128.store(kp + K_C5, f64x2.splat(1.0 / 120.0));
  v128.store(kp + K_C4, f64x2.splat(1.0 / 24.0));
  v128.store(kp + K_C3, f64x2.splat(1.0 / 6.0));
  v128.store(kp + K_HALF, f64x2.splat(0.5));
  v128.store(kp + K_ONE, f64x2.splat(1));
  v128.store(kp + K_EBIAS, i64x2.splat(65472 - 0x4338000000000000));
  v128.store(kp + K_M63, i64x2.splat(63));
  v128.store(kp + K_NM63, i64x2.splat(~63));
  v128.store(kp + K_20, f64x2.splat(20));
  v128.store(kp + K_M20, f64x2.splat(-20));
  v128.store(kp + K_U16, f64x2.splat(65535));
  v128.store(kp + K_EPS, f64x2.splat(1e-6));
  v128.store(kp + K_INV16, f64x2.splat(1.0 / 65535.0));
}

@inline function f64at(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function f64set(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline function i32at(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function i32set(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
@inline function u8at(p: usize, i: i32): i32 { return <i32>load<u8>(p + <usize>i); }
@inline function u8set(p: usize, i: i32, v: i32): void { store<u8>(p + <usize>i, <u8>v); }
@inline function u16at(p: usize, i: i32): i32 { return <i32>load<u16>(p + (<usize>i << 1)); }
@inline function u16set(p: usize, i: i32, v: i32): void { store<u16>(p + (<usize>i << 1), <u16>v); }

@inline function v2(p: usize, i: i32): v128 { return v128.load(p + (<usize>i << 3)); }
@inline function v2set(p: usize, i: i32, v: v128): void { v128.store(p + (<usize>i << 3), v); }
@inline function hsum(v: v128): f64 { return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1); }

/** VT_r += min(W_r, c) for the column W (R values); returns Σ_r A_r·min(W_r, c). Two lanes at a time. */
function clipColumn(R: i32, W: usize, c: f64): f64 {
  const cv = f64x2.splat(c);
  let acc = f64x2.splat(0);
  let r = 0;
  for (; r + 1 < R; r += 2) {
    const cl = f64x2.pmin(v2(W, r), cv);
    v2set(COLWT, r, cl);
    v2set(VT, r, f64x2.add(v2(VT, r), cl));
    acc = f64x2.add(acc, f64x2.mul(v2(ACTIVE, r), cl));
  }
  let rk = hsum(acc);
  if (r < R) {
    const w = f64at(W, r);
    const cl = w < c ? w : c;
    f64set(COLWT, r, cl);
    f64set(VT, r, f64at(VT, r) + cl);
    rk += f64at(ACTIVE, r) * cl;
  }
  return rk;
}

/**
 * e^x for two lanes with x in [−20, 20] (the clamped sigmoid argument of liquid alpha):
 * x = (k/64)·ln2 + t with |t| ≤ ln2/128; e^x = 2^(k>>6) · 2^((k&63)/64) · e^t, e^t by its Taylor
 * polynomial to degree 5 in Estrin's form (truncation < 4e-17 relative). Within a few ulp of
 * Math.exp, not equal to it: liquid alpha uses it only where that provably cannot change a
 * result (liquidSellers). kp = constants().
 */
@inline function exp2Lanes(x: v128, kp: usize): v128 {
  // kk = x·64/ln2 + 1.5·2^52 rounds x·64/ln2 to the nearest integer k (ties to even) and holds
  // k in its low bits; e = k + 1023·64 as an integer.
  const kk = f64x2.add(f64x2.mul(x, K(kp, K_64_LN2)), K(kp, K_ROUND));
  const k = f64x2.sub(kk, K(kp, K_ROUND));
  const t = f64x2.sub(f64x2.sub(x, f64x2.mul(k, K(kp, K_LN2_HI))), f64x2.mul(k, K(kp, K_LN2_LO)));
  // e^t ≈ (1 + t) + t²(1/2 + t/6) + t⁴(1/24 + t/120)
  const t2 = f64x2.mul(t, t);
  const t4 = f64x2.mul(t2, t2);
  const a = f64x2.add(K(kp, K_ONE), t);
  const b = f64x2.add(K(kp, K_HALF), f64x2.mul(t, K(kp, K_C3)));
  const c = f64x2.add(K(kp, K_C4), f64x2.mul(t, K(kp, K_C5)));
  const p = f64x2.add(f64x2.add(a, f64x2.mul(t2, b)), f64x2.mul(t4, c));
  const e = i64x2.add(kk, K(kp, K_EBIAS));
  const idx = i64x2.shl(v128.and(e, K(kp, K_M63)), 3);
  const frac = v128.load64_lane(EXP2 + <usize>i64x2.extract_lane(idx, 1), v128.load64_zero(EXP2 + <usize>i64x2.extract_lane(idx, 0)), 1);
  // 2^(k >> 6) = ((e & ~63) >> 6) << 52.
  const two = i64x2.shl(v128.and(e, K(kp, K_NM63)), 46);
  return f64x2.mul(f64x2.mul(p, frac), two);
}

/** Weighted quantile of QV/QW[0..len): the x with Σ{w : v < x} ≤ m < Σ{w : v ≤ x}. Reorders. */
function weightedQuantile(len: i32, m: f64): f64 {
  let lo = 0;
  let hi = len;
  let target = m;
  let last: f64 = 0;
  while (hi - lo > 16) {
    const x = f64at(QV, lo);
    const y = f64at(QV, (lo + hi) >> 1);
    const z = f64at(QV, hi - 1);
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    last = pivot;
    let lt = lo;
    let i = lo;
    let gt = hi;
    let wl: f64 = 0;
    let we: f64 = 0;
    while (i < gt) {
      const v = f64at(QV, i);
      if (v < pivot) {
        const w = f64at(QW, i);
        wl += w;
        f64set(QV, i, f64at(QV, lt)); f64set(QW, i, f64at(QW, lt));
        f64set(QV, lt, v); f64set(QW, lt, w);
        lt++; i++;
      } else if (v > pivot) {
        gt--;
        const w = f64at(QW, i);
        f64set(QV, i, f64at(QV, gt)); f64set(QW, i, f64at(QW, gt));
        f64set(QV, gt, v); f64set(QW, gt, w);
      } else {
        we += f64at(QW, i);
        i++;
      }
    }
    if (wl > target) hi = lt;
    else if (wl + we > target) return pivot;
    else { target -= wl + we; lo = gt; }
  }
  for (let i = lo + 1; i < hi; i++) {
    const v = f64at(QV, i);
    const w = f64at(QW, i);
    let k = i - 1;
    while (k >= lo && f64at(QV, k) > v) {
      f64set(QV, k + 1, f64at(QV, k)); f64set(QW, k + 1, f64at(QW, k));
      k--;
    }
    f64set(QV, k + 1, v); f64set(QW, k + 1, w);
  }
  let cum: f64 = 0;
  for (let i = lo; i < hi; i++) {
    cum += f64at(QW, i);
    const v = f64at(QV, i);
    if (cum > target && (i + 1 == hi || f64at(QV, i + 1) != v)) return v;
    last = v;
  }
  return last;
}

/** Column j: zero the entries of row j itself and of rows whose weights predate j's registration. */
function dropSelfAndOutdated(j: i32, nSlow: i32, dst: usize): bool {
  let dropped = false;
  const self = i32at(ROWOF, j);
  if (self >= 0) {
    f64set(dst, self, 0);
    dropped = true;
  }
  const rj = f64at(REG, j);
  for (let q = 0; q < nSlow; q++) {
    const r = i32at(SLOWROWS, q);
    if (f64at(LU, r) <= rj) {
      f64set(dst, r, 0);
      dropped = true;
    }
  }
  return dropped;
}

/** Step 5 for column j: W_r = row factor × stored u16, minus the self weight and outdated entries. */
function gatherW(R: i32, j: i32, nSlow: i32, W: usize): f64 {
  const src = WS + (<usize>(j * RCAP) << 1);
  let mv = f64x2.splat(0);
  let lv = f64x2.splat(Infinity);
  let r = 0;
  if (divideRows) {
    // W = stored / Σ (Σ = ∞ for a row without weights: 0), lane by lane the oracle's division.
    for (; r + 3 < R; r += 4) {
      const i4 = i32x4.extend_low_i16x8_u(v128.load64_zero(src + (<usize>r << 1)));
      const a = f64x2.div(f64x2.convert_low_i32x4_s(i4), v2(INV, r));
      const b = f64x2.div(f64x2.convert_low_i32x4_s(i32x4.shuffle(i4, i4, 2, 3, 0, 1)), v2(INV, r + 2));
      v2set(W, r, a);
      v2set(W, r + 2, b);
      mv = f64x2.pmax(mv, f64x2.pmax(a, b));
      lv = f64x2.pmin(lv, f64x2.pmin(a, b));
    }
  } else {
    for (; r + 3 < R; r += 4) {
      const i4 = i32x4.extend_low_i16x8_u(v128.load64_zero(src + (<usize>r << 1)));
      const a = f64x2.mul(f64x2.convert_low_i32x4_s(i4), v2(INV, r));
      const b = f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(i4, i4, 2, 3, 0, 1)), v2(INV, r + 2));
      v2set(W, r, a);
      v2set(W, r + 2, b);
      mv = f64x2.pmax(mv, f64x2.pmax(a, b));
      lv = f64x2.pmin(lv, f64x2.pmin(a, b));
    }
  }
  let any = max(f64x2.extract_lane(mv, 0), f64x2.extract_lane(mv, 1));
  let lo = min(f64x2.extract_lane(lv, 0), f64x2.extract_lane(lv, 1));
  for (; r < R; r++) {
    const v = <f64>u16at(src, r);
    const w = divideRows ? v / f64at(INV, r) : v * f64at(INV, r);
    f64set(W, r, w);
    any = max(any, w);
    lo = min(lo, w);
  }
  // Bounds of the column for the bucket map (any monotone map is exact; these need not be tight
  // after the fix-ups below, only lo ≤ every value ≤ hi).
  if (dropSelfAndOutdated(j, nSlow, W)) lo = min(lo, 0);
  COL_LO = lo;
  COL_HI = any;
  // > 0 if some row may weight j (before the fix-ups: a bound, enough for the skip below).
  return any;
}

/** No row weights j and no stored bond to j: the column adds nothing and stores zeros that are already there. */
function emptyColumn(R: i32, j: i32): bool {
  if (u8at(MASK, j) == 1) return false;
  const o = j * RCAP;
  for (let r = 0; r < R; r++) if (u16at(BS, o + r) != 0) return false;
  return true;
}

/**
 * Step 6 for one column: the weighted κ-quantile of W over the rows with A > 0, by exact bucket
 * selection (the active values are spread over NB buckets by a monotone map of their range; the
 * stake per bucket locates the bucket holding the quantile; only its values are selected from).
 */
function consensusColumn(R: i32, nAct: i32, m: f64, W: usize): f64 {
  // Rows with A = 0 take part with no weight: they move no stake sum and are never the answer.
  if (nAct == 0) return 0;
  const lo = COL_LO;
  const hi = COL_HI;
  let r = 0;
  if (hi == lo) return lo;
  const scale = (<f64>NB - 0.5) / (hi - lo);
  for (let b = 0; b < NB; b++) {
    f64set(HIST, b, 0);
    i32set(HEAD, b, -1);
  }
  // Stake per bucket, and each bucket's rows as a linked list (HEAD[b] → NEXT[r] → … → −1).
  if (nAct < R) {
    // Only the active rows (ACTROWS): inactive permit holders carry no stake here.
    for (let q = 0; q < nAct; q++) {
      const row = i32at(ACTROWS, q);
      const b = <i32>((f64at(W, row) - lo) * scale);
      f64set(HIST, b, f64at(HIST, b) + f64at(ACTIVE, row));
      i32set(NEXT, row, i32at(HEAD, b));
      i32set(HEAD, b, row);
    }
  } else {
    const lov = f64x2.splat(lo);
    const scv = f64x2.splat(scale);
    r = 0;
    for (; r + 1 < R; r += 2) {
      v128.store64_lane(BUCKET + (<usize>r << 2), i32x4.trunc_sat_f64x2_s_zero(f64x2.mul(f64x2.sub(v2(W, r), lov), scv)), 0);
    }
    if (r < R) i32set(BUCKET, r, <i32>((f64at(W, r) - lo) * scale));
    for (let q = 0; q < R; q++) {
      const b = i32at(BUCKET, q);
      f64set(HIST, b, f64at(HIST, b) + f64at(ACTIVE, q));
      i32set(NEXT, q, i32at(HEAD, b));
      i32set(HEAD, b, q);
    }
  }
  let below: f64 = 0;
  let star = 0;
  while (star < NB - 1 && below + f64at(HIST, star) <= m) {
    below += f64at(HIST, star);
    star++;
  }
  let k = 0;
  for (let q = i32at(HEAD, star); q >= 0; q = i32at(NEXT, q)) {
    f64set(QV, k, f64at(W, q));
    f64set(QW, k, f64at(ACTIVE, q));
    k++;
  }
  return k == 1 ? f64at(QV, 0) : weightedQuantile(k, m - below);
}

/** Column j of the stored bonds × factor into COLB (zeros when the column is masked); returns its sum. */
function loadBondColumn(R: i32, j: i32, factor: f64): f64 {
  if (u8at(MASK, j) == 1) {
    for (let r = 0; r < R; r++) f64set(COLB, r, 0);
    return 0;
  }
  const src = BS + (<usize>(j * RCAP) << 1);
  const fv = f64x2.splat(factor);
  let sv = f64x2.splat(0);
  let r = 0;
  for (; r + 3 < R; r += 4) {
    const i4 = i32x4.extend_low_i16x8_u(v128.load64_zero(src + (<usize>r << 1)));
    const b0 = f64x2.mul(f64x2.convert_low_i32x4_s(i4), fv);
    const b1 = f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(i4, i4, 2, 3, 0, 1)), fv);
    v2set(COLB, r, b0);
    v2set(COLB, r + 2, b1);
    sv = f64x2.add(sv, f64x2.add(b0, b1));
  }
  let sb = hsum(sv);
  for (; r < R; r++) {
    const b = <f64>u16at(src, r) * factor;
    f64set(COLB, r, b);
    sb += b;
  }
  return sb;
}

/** Column j of W̃ (from the column W) into COLWT, entry marks (0/1) into COLPF when `presence`; column j of B into COLB. Returns ΣB. */
function gatherBondsInputs(R: i32, j: i32, W: usize, c: f64, beta: f64, presence: bool, nSlow: i32): f64 {
  // With β = 1 and no entry marks needed, COLWT = min(W, C) was already written by clipColumn.
  if (beta != 1 || presence) {
    for (let r = 0; r < R; r++) {
      const w = f64at(W, r);
      // An entry exists if the row counts and the setter listed j (self and outdated: below).
      const p = presence ? <i32>f64at(ROWOKF, r) & u8at(WPS, j * RCAP + r) : 1;
      const wb = w < c ? w : c;
      if (beta == 1) {
        f64set(COLWT, r, wb);
        f64set(COLPF, r, p != 0 && !(w > c && c == 0) ? 1 : 0);
      } else if (beta == 0) {
        f64set(COLWT, r, w);
        f64set(COLPF, r, <f64>p);
      } else {
        const v = w + beta * (wb - w);
        f64set(COLWT, r, v > 0 ? v : 0);
        f64set(COLPF, r, v > 0 ? 1 : 0);
      }
    }
    if (presence) dropSelfAndOutdated(j, nSlow, COLPF);
  }
  return loadBondColumn(R, j, 1);
}

/** DIV_r += COLV_r·g; then store. */
function payAndStore(R: i32, j: i32, g: f64, scale: f64): void {
  const gv = f64x2.splat(g);
  let r = 0;
  for (; r + 1 < R; r += 2) v2set(DIV, r, f64x2.add(v2(DIV, r), f64x2.mul(v2(COLV, r), gv)));
  if (r < R) f64set(DIV, r, f64at(DIV, r) + f64at(COLV, r) * g);
  storeBonds(R, j, scale);
}

/** Rows with a target get u16(COLV_r·scale) = floor(65535·x + 1e-6) stored in BS. */
function storeBonds(R: i32, j: i32, scale: f64): void {
  const dst = BS + (<usize>(j * RCAP) << 1);
  // v ≥ 0 and v·scale ≤ 1: floor(65535·0 + 1e-6) = 0, so zero needs no special case.
  if (allTargets) {
    const kp = constants();
    const eps = K(kp, K_EPS);
    const u16v = K(kp, K_U16);
    const sc = f64x2.splat(scale);
    let r = 0;
    for (; r + 3 < R; r += 4) {
      const a = i32x4.trunc_sat_f64x2_s_zero(f64x2.floor(f64x2.add(f64x2.mul(f64x2.mul(u16v, v2(COLV, r)), sc), eps)));
      const b = i32x4.trunc_sat_f64x2_s_zero(f64x2.floor(f64x2.add(f64x2.mul(f64x2.mul(u16v, v2(COLV, r + 2)), sc), eps)));
      const q = i32x4.shuffle(a, b, 0, 1, 4, 5);
      v128.store64_lane(dst + (<usize>r << 1), i16x8.narrow_i32x4_u(q, q), 0);
    }
    for (; r < R; r++) u16set(dst, r, <i32>min<f64>(65535, max<f64>(0, Math.floor(65535 * f64at(COLV, r) * scale + 1e-6))));
    return;
  }
  for (let r = 0; r < R; r++) {
    if (u8at(TARGET, r) == 1) u16set(dst, r, <i32>min<f64>(65535, max<f64>(0, Math.floor(65535 * f64at(COLV, r) * scale + 1e-6))));
  }
}

/** Classic bonds for column j (see ../../yuma/bond-models.ts). `rank` = Σ_r A_r·min(W_r, c). */
function classicColumn(R: i32, j: i32, W: usize, c: f64, rank: f64, beta: f64, a: f64): void {
  const sb = gatherBondsInputs(R, j, W, c, beta, false, 0);
  let sd: f64 = 0;
  // For β = 1, W̃ = min(W, C) and its stake-weighted column sum is the rank.
  if (beta == 1) sd = rank;
  else for (let r = 0; r < R; r++) sd += f64at(COLWT, r) * f64at(ACTIVE, r);
  const ib = sb > 0 ? (1 - a) / sb : 0;
  const id = sd > 0 ? a / sd : 0;
  // B' = a·colnorm(ΔB) + (1 − a)·colnorm(B) sums to a·[ΣΔB > 0] + (1 − a)·[ΣB > 0]: the factor
  // colnorm(B')·I for dividends is known before B' is formed, so one pass does B', max and D.
  const s = (sd > 0 ? a : 0) + (sb > 0 ? 1 - a : 0);
  const g = s > 0 ? rank / s : 0;
  const idv = f64x2.splat(id);
  const ibv = f64x2.splat(ib);
  const gv = f64x2.splat(g);
  let mv = f64x2.splat(0);
  let r = 0;
  for (; r + 1 < R; r += 2) {
    const v = f64x2.add(f64x2.mul(f64x2.mul(v2(COLWT, r), v2(ACTIVE, r)), idv), f64x2.mul(v2(COLB, r), ibv));
    v2set(COLV, r, v);
    mv = f64x2.pmax(mv, v);
    v2set(DIV, r, f64x2.add(v2(DIV, r), f64x2.mul(v, gv)));
  }
  let mx: f64 = max(f64x2.extract_lane(mv, 0), f64x2.extract_lane(mv, 1));
  if (r < R) {
    const v = f64at(COLWT, r) * f64at(ACTIVE, r) * id + f64at(COLB, r) * ib;
    f64set(COLV, r, v);
    mx = max(mx, v);
    f64set(DIV, r, f64at(DIV, r) + v * g);
  }
  storeBonds(R, j, mx > 0 ? 1 / mx : 0);
}

/**
 * alpha_sigmoid and B' of one entry (w = W̃, b = stored/65535, c = C_j): the oracle's operations in
 * its order (test/yuma/reference/bond-models.ts :: yuma3), with the host's Math.exp, so the result
 * is the oracle's to the bit.
 */
@inline function liquidBond(w: f64, b: f64, c: f64, lo: f64, hi: f64, slope: f64): f64 {
  const d = w >= b ? min<f64>(1, max<f64>(0, w - c)) : min<f64>(1, max<f64>(0, b - w));
  const x = min<f64>(20, max<f64>(-20, -slope * (d - 0.5)));
  const sig = 1 / (1 + hostExp(x));
  const alpha = min<f64>(hi, max<f64>(lo, lo + sig * (hi - lo)));
  const v = min<f64>(1, (1 - alpha) * b + max<f64>(alpha * w, 0));
  return v > 0 ? v : 0;
}

/**
 * Pass 2 of the β = 1 liquid path: B' of the selling entries listed in SELL[0..nSell) (W̃ < B),
 * two at a time, by liquidBond's operations in its order but with exp2Lanes for the host's exp.
 * The two exps differ by a few ulp, so B' may differ by ~1e-15 (dividends: far below 1e-9); the
 * stored u16 = floor(65535·B' + 1e-6) is the same unless 65535·B' + 1e-6 lies within LA_MARGIN
 * (1e-7, ~10⁵ × the difference) of an integer — then that entry is redone with liquidBond.
 */
const LA_MARGIN: f64 = 1e-7;
function liquidSellers(nSell: i32, W: usize, c: f64, lo: f64, hi: f64, slope: f64, kp: usize): void {
  const cv = f64x2.splat(c);
  const one = K(kp, K_ONE);
  const zero = f64x2.splat(0);
  const lov = f64x2.splat(lo);
  const hiv = f64x2.splat(hi);
  const spanv = f64x2.splat(hi - lo);
  const mslopev = f64x2.splat(-slope);
  const half = K(kp, K_HALF);
  const u16v = K(kp, K_U16);
  const eps = K(kp, K_EPS);
  const mv = f64x2.splat(LA_MARGIN);
  // An odd count: the last entry once more (the same value stored again).
  if (nSell & 1) i32set(SELL, nSell, i32at(SELL, nSell - 1));
  for (let q = 0; q < nSell; q += 2) {
    const o0 = <usize>i32at(SELL, q) << 3;
    const o1 = <usize>i32at(SELL, q + 1) << 3;
    const w = f64x2.pmin(v128.load64_lane(W + o1, v128.load64_zero(W + o0), 1), cv);
    const b = v128.load64_lane(COLB + o1, v128.load64_zero(COLB + o0), 1);
    // d = min(1, max(0, b − w)); x = min(20, max(−20, −slope·(d − 0.5))).
    const d = f64x2.pmin(one, f64x2.pmax(f64x2.sub(b, w), zero));
    const x = f64x2.pmin(K(kp, K_20), f64x2.pmax(f64x2.mul(mslopev, f64x2.sub(d, half)), K(kp, K_M20)));
    const sig = f64x2.div(one, f64x2.add(one, exp2Lanes(x, kp)));
    const alpha = f64x2.pmin(hiv, f64x2.pmax(f64x2.add(lov, f64x2.mul(sig, spanv)), lov));
    const v = f64x2.pmin(one, f64x2.add(f64x2.mul(f64x2.sub(one, alpha), b), f64x2.pmax(f64x2.mul(alpha, w), zero)));
    v128.store64_lane(COLV + o0, v, 0);
    v128.store64_lane(COLV + o1, v, 1);
    // The stored value's floor, checked with a margin on either side.
    const y = f64x2.add(f64x2.mul(u16v, v), eps);
    const near = v128.any_true(f64x2.ne(f64x2.floor(f64x2.sub(y, mv)), f64x2.floor(f64x2.add(y, mv))));
    if (near) {
      const r0 = i32at(SELL, q);
      const r1 = i32at(SELL, q + 1);
      f64set(COLV, r0, liquidBond(min<f64>(f64at(W, r0), c), f64at(COLB, r0), c, lo, hi, slope));
      f64set(COLV, r1, liquidBond(min<f64>(f64at(W, r1), c), f64at(COLB, r1), c, lo, hi, slope));
    }
  }
}

/** Σ of a column, two lanes then the tail (the order of the fused loops above). */
function sumColumn(R: i32, p: usize): f64 {
  let sv = f64x2.splat(0);
  let r = 0;
  for (; r + 3 < R; r += 4) sv = f64x2.add(f64x2.add(sv, v2(p, r)), v2(p, r + 2));
  let s = hsum(sv);
  for (; r < R; r++) s += f64at(p, r);
  return s;
}

/** Yuma3 bonds for column j, with liquid alpha when `liquid` (see ../../yuma/bond-models.ts). */
function yuma3Column(R: i32, j: i32, W: usize, c: f64, rank: f64, beta: f64, a: f64, liquid: bool, lo: f64, hi: f64, slope: f64, nSlow: i32): void {
  const k16: f64 = 1.0 / 65535.0;
  const b = 1 - a;
  let s: f64 = 0;
  if (liquid && beta == 1 && u8at(MASK, j) == 0) {
    // W̃ = min(W, C) ≤ C, so wherever an entry buys (W̃ ≥ B) d = max(0, W̃ − C) is exactly 0 and
    // its α is one value, α(0), computed once by the oracle's formula. Pass 1 reads W, B (=
    // stored/65535, divided as the oracle does) and the entry marks (the slot copy of the stored
    // marks × "the row counts", as 0/1 factors), four entries at a time, forms B' with α(0) by
    // the oracle's operations lane by lane, and lists the selling entries (W̃ < B, the negation
    // of the oracle's W̃ ≥ B); pass 2 redoes those (liquidSellers: the stored u16 exact). Self and outdated entries,
    // and with C_j = 0 the entries W > C (β = 1), are removed after. (A masked column, whose
    // stored bonds count as 0, takes the general path below.)
    const psrc = WPS + <usize>(j * RCAP);
    const bsrc = BS + (<usize>(j * RCAP) << 1);
    const kp = constants();
    const cv = f64x2.splat(c);
    const u16v = K(kp, K_U16);
    const one = K(kp, K_ONE);
    const zero = f64x2.splat(0);
    const d0: f64 = 0;
    const x0 = min<f64>(20, max<f64>(-20, -slope * (d0 - 0.5)));
    const sig0 = 1 / (1 + hostExp(x0));
    const alpha0 = min<f64>(hi, max<f64>(lo, lo + sig0 * (hi - lo)));
    const ab = f64x2.splat(alpha0);
    const omab = f64x2.splat(1 - alpha0);
    let nSell = 0;
    let r = 0;
    for (; r + 3 < R; r += 4) {
      const b4 = i32x4.extend_low_i16x8_u(v128.load64_zero(bsrc + (<usize>r << 1)));
      const p4 = i32x4.extend_low_i16x8_u(i16x8.extend_low_i8x16_u(v128.load32_zero(psrc + <usize>r)));
      const w0 = f64x2.pmin(v2(W, r), cv);
      const w1 = f64x2.pmin(v2(W, r + 2), cv);
      const bo0 = f64x2.div(f64x2.convert_low_i32x4_s(b4), u16v);
      const bo1 = f64x2.div(f64x2.convert_low_i32x4_s(i32x4.shuffle(b4, b4, 2, 3, 0, 1)), u16v);
      const pf0 = f64x2.mul(f64x2.convert_low_i32x4_s(p4), v2(ROWOKF, r));
      const pf1 = f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(p4, p4, 2, 3, 0, 1)), v2(ROWOKF, r + 2));
      v2set(COLV, r, f64x2.mul(f64x2.pmin(one, f64x2.add(f64x2.mul(omab, bo0), f64x2.pmax(f64x2.mul(ab, w0), zero))), pf0));
      v2set(COLV, r + 2, f64x2.mul(f64x2.pmin(one, f64x2.add(f64x2.mul(omab, bo1), f64x2.pmax(f64x2.mul(ab, w1), zero))), pf1));
      v2set(COLB, r, bo0);
      v2set(COLB, r + 2, bo1);
      // Selling entries that exist (pf = 1; with pf = 0, w < bo·pf = 0 is false).
      const m = i64x2.bitmask(f64x2.lt(w0, f64x2.mul(bo0, pf0))) | (i64x2.bitmask(f64x2.lt(w1, f64x2.mul(bo1, pf1))) << 2);
      i32set(SELL, nSell, r);
      nSell += m & 1;
      i32set(SELL, nSell, r + 1);
      nSell += (m >> 1) & 1;
      i32set(SELL, nSell, r + 2);
      nSell += (m >> 2) & 1;
      i32set(SELL, nSell, r + 3);
      nSell += m >> 3;
    }
    for (; r < R; r++) {
      const w = min<f64>(f64at(W, r), c);
      const bo = <f64>u16at(bsrc, r) / 65535;
      f64set(COLV, r, liquidBond(w, bo, c, lo, hi, slope) * (<f64>u8at(psrc, r) * f64at(ROWOKF, r)));
    }
    liquidSellers(nSell, W, c, lo, hi, slope, kp);
    dropSelfAndOutdated(j, nSlow, COLV);
    if (c == 0) for (let q = 0; q < R; q++) if (f64at(W, q) > 0) f64set(COLV, q, 0);
    s = sumColumn(R, COLV);
  } else if (liquid) {
    gatherBondsInputs(R, j, W, c, beta, true, nSlow);
    for (let r = 0; r < R; r++) {
      const v = f64at(COLPF, r) == 0 ? 0 : liquidBond(f64at(COLWT, r), f64at(COLB, r) / 65535, c, lo, hi, slope);
      f64set(COLV, r, v);
      s += v;
    }
  } else if (beta == 1) {
    loadBondColumn(R, j, k16);
    // B' = a·min(W, C) + (1 − a)·B/65535 (≥ 0 already), two lanes at a time.
    const cv = f64x2.splat(c);
    const av = f64x2.splat(a);
    const bv = f64x2.splat(b);
    let sv = f64x2.splat(0);
    let r = 0;
    for (; r + 1 < R; r += 2) {
      const v = f64x2.add(f64x2.mul(av, f64x2.pmin(v2(W, r), cv)), f64x2.mul(bv, v2(COLB, r)));
      v2set(COLV, r, v);
      sv = f64x2.add(sv, v);
    }
    s = hsum(sv);
    if (r < R) {
      const v = a * min(f64at(W, r), c) + b * f64at(COLB, r);
      f64set(COLV, r, v);
      s += v;
    }
  } else {
    gatherBondsInputs(R, j, W, c, beta, false, 0);
    for (let r = 0; r < R; r++) {
      const v = a * f64at(COLWT, r) + b * f64at(COLB, r) * k16;
      const kept = v > 0 ? v : 0;
      f64set(COLV, r, kept);
      s += kept;
    }
  }
  payAndStore(R, j, s > 0 ? rank / s : 0, 1);
}

/**
 * Steps 5–9 for every column, each column visited once: gather, consensus, clipping, bonds (the
 * column stays in COLW). model 0 = classic, 1 = yuma3 (lo, hi, slope: liquid alpha when
 * `liquidAlpha`). Liquid alpha applies only if some C_j ≠ 0 — a condition over all columns — so
 * the bonds of columns met before the first non-zero consensus wait until the end of the pass
 * (their weights are gathered again then). Columns that nobody weights and nobody is bonded to
 * are skipped. Leaves CONS, RANK, VT, DIV (unnormalised; × A for yuma3) and the stored bonds.
 */
export function epoch(R: i32, rcap: i32, n: i32, nAct: i32, nSlow: i32, m: f64, model: i32, beta: f64, a: f64, liquidAlpha: bool, lo: f64, hi: f64, slope: f64): void {
  RCAP = rcap;
  allTargets = true;
  for (let r = 0; r < R; r++) {
    f64set(VT, r, 0);
    f64set(DIV, r, 0);
    if (u8at(TARGET, r) == 0) allTargets = false;
  }
  const la = liquidAlpha && model == 1;
  divideRows = la;
  let anyC = false;
  let nDeferred = 0;
  for (let j = 0; j < n; j++) {
    if (gatherW(R, j, nSlow, COLW) == 0 && emptyColumn(R, j)) {
      f64set(CONS, j, 0);
      f64set(RANK, j, 0);
      continue;
    }
    const c = consensusColumn(R, nAct, m, COLW);
    f64set(CONS, j, c);
    const rk = clipColumn(R, COLW, c);
    f64set(RANK, j, rk);
    if (c != 0) anyC = true;
    if (model == 0) classicColumn(R, j, COLW, c, rk, beta, a);
    else if (!la || anyC) yuma3Column(R, j, COLW, c, rk, beta, a, la, lo, hi, slope, nSlow);
    else i32set(DEFERRED, nDeferred++, j);
  }
  for (let q = 0; q < nDeferred; q++) {
    const j = i32at(DEFERRED, q);
    gatherW(R, j, nSlow, COLW);
    yuma3Column(R, j, COLW, f64at(CONS, j), f64at(RANK, j), beta, a, anyC, lo, hi, slope, nSlow);
  }
  if (model == 1) for (let r = 0; r < R; r++) f64set(DIV, r, f64at(DIV, r) * f64at(ACTIVE, r));
  markBondRows(R, n);
}

/** ROWBOND[r] = 1 if row r stores any non-zero bond (an OR over the columns, eight rows at a time). */
function markBondRows(R: i32, n: i32): void {
  let r = 0;
  for (; r + 7 < R; r += 8) {
    let acc = i16x8.splat(0);
    for (let j = 0; j < n; j++) acc = v128.or(acc, v128.load(BS + (<usize>(j * RCAP + r) << 1)));
    const nz = i16x8.ne(acc, i16x8.splat(0));
    v128.store64_lane(ROWBOND + <usize>r, i8x16.narrow_i16x8_s(nz, nz), 0);
  }
  for (; r < R; r++) {
    let any = 0;
    for (let j = 0; j < n; j++) any |= u16at(BS, j * RCAP + r);
    u8set(ROWBOND, r, any != 0 ? 1 : 0);
  }
}

/**
 * Copy k changed rows of the row-major stored weights (and marks) into their slots of the
 * slot-major copies the epoch reads: FLUSH holds (row offset, slot) pairs.
 */
export function flush(k: i32, n: i32, rcap: i32): void {
  let q = 0;
  while (q < k) {
    // Eight rows bound for eight consecutive slots (the list is sorted by slot): 8 × 8 blocks
    // transposed with shuffles; other rows (and the last n mod 8 columns) one entry at a time.
    const s0 = i32at(FLUSH, 2 * q + 1);
    let run = q + 8 <= k;
    for (let i = 1; run && i < 8; i++) run = i32at(FLUSH, 2 * (q + i) + 1) == s0 + i;
    if (!run) {
      copyRow(i32at(FLUSH, 2 * q), s0, 0, n, rcap);
      q++;
      continue;
    }
    const b0 = <usize>i32at(FLUSH, 2 * q);
    const b1 = <usize>i32at(FLUSH, 2 * q + 2);
    const b2 = <usize>i32at(FLUSH, 2 * q + 4);
    const b3 = <usize>i32at(FLUSH, 2 * q + 6);
    const b4 = <usize>i32at(FLUSH, 2 * q + 8);
    const b5 = <usize>i32at(FLUSH, 2 * q + 10);
    const b6 = <usize>i32at(FLUSH, 2 * q + 12);
    const b7 = <usize>i32at(FLUSH, 2 * q + 14);
    const stride = <usize>rcap;
    let j = 0;
    for (; j + 8 <= n; j += 8) {
      const o = <usize>j;
      const a0 = v128.load(WST + ((b0 + o) << 1));
      const a1 = v128.load(WST + ((b1 + o) << 1));
      const a2 = v128.load(WST + ((b2 + o) << 1));
      const a3 = v128.load(WST + ((b3 + o) << 1));
      const a4 = v128.load(WST + ((b4 + o) << 1));
      const a5 = v128.load(WST + ((b5 + o) << 1));
      const a6 = v128.load(WST + ((b6 + o) << 1));
      const a7 = v128.load(WST + ((b7 + o) << 1));
      const t0 = i16x8.shuffle(a0, a1, 0, 8, 1, 9, 2, 10, 3, 11);
      const t1 = i16x8.shuffle(a0, a1, 4, 12, 5, 13, 6, 14, 7, 15);
      const t2 = i16x8.shuffle(a2, a3, 0, 8, 1, 9, 2, 10, 3, 11);
      const t3 = i16x8.shuffle(a2, a3, 4, 12, 5, 13, 6, 14, 7, 15);
      const t4 = i16x8.shuffle(a4, a5, 0, 8, 1, 9, 2, 10, 3, 11);
      const t5 = i16x8.shuffle(a4, a5, 4, 12, 5, 13, 6, 14, 7, 15);
      const t6 = i16x8.shuffle(a6, a7, 0, 8, 1, 9, 2, 10, 3, 11);
      const t7 = i16x8.shuffle(a6, a7, 4, 12, 5, 13, 6, 14, 7, 15);
      const u0 = i32x4.shuffle(t0, t2, 0, 4, 1, 5);
      const u1 = i32x4.shuffle(t0, t2, 2, 6, 3, 7);
      const u2 = i32x4.shuffle(t1, t3, 0, 4, 1, 5);
      const u3 = i32x4.shuffle(t1, t3, 2, 6, 3, 7);
      const u4 = i32x4.shuffle(t4, t6, 0, 4, 1, 5);
      const u5 = i32x4.shuffle(t4, t6, 2, 6, 3, 7);
      const u6 = i32x4.shuffle(t5, t7, 0, 4, 1, 5);
      const u7 = i32x4.shuffle(t5, t7, 2, 6, 3, 7);
      const d = WS + ((o * stride + <usize>s0) << 1);
      const st = stride << 1;
      v128.store(d, i64x2.shuffle(u0, u4, 0, 2));
      v128.store(d + st, i64x2.shuffle(u0, u4, 1, 3));
      v128.store(d + 2 * st, i64x2.shuffle(u1, u5, 0, 2));
      v128.store(d + 3 * st, i64x2.shuffle(u1, u5, 1, 3));
      v128.store(d + 4 * st, i64x2.shuffle(u2, u6, 0, 2));
      v128.store(d + 5 * st, i64x2.shuffle(u2, u6, 1, 3));
      v128.store(d + 6 * st, i64x2.shuffle(u3, u7, 0, 2));
      v128.store(d + 7 * st, i64x2.shuffle(u3, u7, 1, 3));
      // Entry marks (bytes): the same transposition one level deeper.
      const p0 = i8x16.shuffle(v128.load64_zero(WPRES + b0 + o), v128.load64_zero(WPRES + b1 + o), 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
      const p1 = i8x16.shuffle(v128.load64_zero(WPRES + b2 + o), v128.load64_zero(WPRES + b3 + o), 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
      const p2 = i8x16.shuffle(v128.load64_zero(WPRES + b4 + o), v128.load64_zero(WPRES + b5 + o), 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
      const p3 = i8x16.shuffle(v128.load64_zero(WPRES + b6 + o), v128.load64_zero(WPRES + b7 + o), 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
      const q0 = i16x8.shuffle(p0, p1, 0, 8, 1, 9, 2, 10, 3, 11);
      const q1 = i16x8.shuffle(p0, p1, 4, 12, 5, 13, 6, 14, 7, 15);
      const q2 = i16x8.shuffle(p2, p3, 0, 8, 1, 9, 2, 10, 3, 11);
      const q3 = i16x8.shuffle(p2, p3, 4, 12, 5, 13, 6, 14, 7, 15);
      const c01 = i32x4.shuffle(q0, q2, 0, 4, 1, 5);
      const c23 = i32x4.shuffle(q0, q2, 2, 6, 3, 7);
      const c45 = i32x4.shuffle(q1, q3, 0, 4, 1, 5);
      const c67 = i32x4.shuffle(q1, q3, 2, 6, 3, 7);
      const e = WPS + o * stride + <usize>s0;
      v128.store64_lane(e, c01, 0);
      v128.store64_lane(e + stride, c01, 1);
      v128.store64_lane(e + 2 * stride, c23, 0);
      v128.store64_lane(e + 3 * stride, c23, 1);
      v128.store64_lane(e + 4 * stride, c45, 0);
      v128.store64_lane(e + 5 * stride, c45, 1);
      v128.store64_lane(e + 6 * stride, c67, 0);
      v128.store64_lane(e + 7 * stride, c67, 1);
    }
    if (j < n) for (let i = 0; i < 8; i++) copyRow(i32at(FLUSH, 2 * (q + i)), s0 + i, j, n, rcap);
    q += 8;
  }
}

/** Columns [from, n) of the stored row at offset base into slot `slot` of the slot-major copies. */
function copyRow(base: i32, slot: i32, from: i32, n: i32, rcap: i32): void {
  const src = WST + (<usize>base << 1);
  const psrc = WPRES + <usize>base;
  let d = from * rcap + slot;
  for (let j = from; j < n; j++, d += rcap) {
    u16set(WS, d, u16at(src, j));
    u8set(WPS, d, u8at(psrc, j));
  }
}

/**
 * `set_weights` of uid (row) to the contiguous dests [first, first + count) with the raw values
 * VALS[0..count): the row is cleared, then each entry stored as vec_u16_max_upscale_to_u16,
 * floor(v·65535/max + 0.5) (an all-zero row stays zero), with its entry mark. Returns Σ of the
 * stored values.
 */
export function setRow(row: i32, first: i32, count: i32, n: i32): f64 {
  const dst = WST + (<usize>(row * n) << 1);
  const pdst = WPRES + <usize>(row * n);
  // Clear the row outside the range; the range is written below.
  memory.fill(dst, 0, <usize>first << 1);
  memory.fill(dst + (<usize>(first + count) << 1), 0, <usize>(n - first - count) << 1);
  memory.fill(pdst, 0, <usize>first);
  memory.fill(pdst + <usize>(first + count), 0, <usize>(n - first - count));
  memory.fill(pdst + <usize>first, 1, <usize>count);
  let mv = f64x2.splat(0);
  let k = 0;
  for (; k + 1 < count; k += 2) mv = f64x2.pmax(mv, v2(VALS, k));
  let mx: f64 = max<f64>(f64x2.extract_lane(mv, 0), f64x2.extract_lane(mv, 1));
  for (; k < count; k++) mx = max<f64>(mx, f64at(VALS, k));
  let total: f64 = 0;
  if (mx == 0) {
    memory.fill(dst + (<usize>first << 1), 0, <usize>count << 1);
    return 0;
  }
  const kv = f64x2.splat(65535);
  const mxv = f64x2.splat(mx);
  const half = f64x2.splat(0.5);
  const out = dst + (<usize>first << 1);
  // Eight entries per step: the stored values are integers in [0, 65535], so their conversion to
  // u16 is exact and their f64 sum is exact in any order (lane sums, then the tail).
  let acc = f64x2.splat(0);
  k = 0;
  for (; k + 7 < count; k += 8) {
    const a = f64x2.floor(f64x2.add(f64x2.div(f64x2.mul(v2(VALS, k), kv), mxv), half));
    const b = f64x2.floor(f64x2.add(f64x2.div(f64x2.mul(v2(VALS, k + 2), kv), mxv), half));
    const c = f64x2.floor(f64x2.add(f64x2.div(f64x2.mul(v2(VALS, k + 4), kv), mxv), half));
    const d = f64x2.floor(f64x2.add(f64x2.div(f64x2.mul(v2(VALS, k + 6), kv), mxv), half));
    acc = f64x2.add(acc, f64x2.add(f64x2.add(a, b), f64x2.add(c, d)));
    const ab = v128.shuffle<i32>(i32x4.trunc_sat_f64x2_u_zero(a), i32x4.trunc_sat_f64x2_u_zero(b), 0, 1, 4, 5);
    const cd = v128.shuffle<i32>(i32x4.trunc_sat_f64x2_u_zero(c), i32x4.trunc_sat_f64x2_u_zero(d), 0, 1, 4, 5);
    v128.store(out + (<usize>k << 1), i16x8.narrow_i32x4_u(ab, cd));
  }
  total = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  for (; k + 1 < count; k += 2) {
    const v = f64x2.floor(f64x2.add(f64x2.div(f64x2.mul(v2(VALS, k), kv), mxv), half));
    const a = f64x2.extract_lane(v, 0);
    const b = f64x2.extract_lane(v, 1);
    u16set(out, k, <i32>a);
    u16set(out, k + 1, <i32>b);
    total += a;
    total += b;
  }
  for (; k < count; k++) {
    const v = Math.floor((f64at(VALS, k) * 65535) / mx + 0.5);
    u16set(out, k, <i32>v);
    total += v;
  }
  return total;
}

// ---- Validator observation noise: the same generator as rng.ts :: NormalStream (xoshiro128**,
// 32-bit words; ziggurat with 128 layers, tables from the TypeScript side), so a stream gives the
// same draws here and there — to the last bit or two in the rare tail and wedge draws, which take
// AssemblyScript's log and exp here and V8's there — and consumes the same words.

const ZIG_R: f64 = 3.442619855899;

/** One xoshiro128** word from the state in memory (signed). */
function nextWord(): i32 {
  const s0 = load<u32>(RNG);
  const s1 = load<u32>(RNG, 4);
  const s2 = load<u32>(RNG, 8);
  const s3 = load<u32>(RNG, 12);
  const out = rotl<u32>(s1 * 5, 7) * 9;
  const t = s1 << 9;
  const n2 = s2 ^ s0;
  const n3 = s3 ^ s1;
  const n1 = s1 ^ n2;
  const n0 = s0 ^ n3;
  store<u32>(RNG, n0);
  store<u32>(RNG, n1, 4);
  store<u32>(RNG, n2 ^ t, 8);
  store<u32>(RNG, rotl<u32>(n3, 11), 12);
  return <i32>out;
}

@inline function uniformDraw(): f64 {
  return (<f64>(<u32>nextWord()) + 0.5) / 4294967296.0;
}

/** The rest of a normal draw whose first word (layer iz, abscissa hz) missed the fast path. */
function finishNormal(iz: i32, hz: i32): f64 {
  while (true) {
    const x = <f64>hz * f64at(ZIG, 128 + iz);
    if (iz == 0) {
      let a: f64;
      let b: f64;
      do {
        a = -Math.log(uniformDraw()) / ZIG_R;
        b = -Math.log(uniformDraw());
      } while (b + b < a * a);
      return hz > 0 ? ZIG_R + a : -ZIG_R - a;
    }
    if (f64at(ZIG, 256 + iz) + uniformDraw() * (f64at(ZIG, 256 + iz - 1) - f64at(ZIG, 256 + iz)) < Math.exp(-0.5 * x * x)) return x;
    const u = nextWord();
    iz = u & 127;
    hz = u >> 7;
    if (<f64>abs<i32>(hz) < f64at(ZIG, iz)) return <f64>hz * f64at(ZIG, 128 + iz);
  }
  return 0; // unreachable
}

/** VALS[0..count) = the next count standard normal draws of the stream whose state is at RNG. */
export function normals(count: i32): void {
  let s0 = load<u32>(RNG);
  let s1 = load<u32>(RNG, 4);
  let s2 = load<u32>(RNG, 8);
  let s3 = load<u32>(RNG, 12);
  for (let j = 0; j < count; j++) {
    const u = <i32>(rotl<u32>(s1 * 5, 7) * 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl<u32>(s3, 11);
    const iz = u & 127;
    const hz = u >> 7;
    let z: f64;
    if (<f64>abs<i32>(hz) < f64at(ZIG, iz)) z = <f64>hz * f64at(ZIG, 128 + iz);
    else {
      store<u32>(RNG, s0);
      store<u32>(RNG, s1, 4);
      store<u32>(RNG, s2, 8);
      store<u32>(RNG, s3, 12);
      z = finishNormal(iz, hz);
      s0 = load<u32>(RNG);
      s1 = load<u32>(RNG, 4);
      s2 = load<u32>(RNG, 8);
      s3 = load<u32>(RNG, 12);
    }
    f64set(VALS, j, z);
  }
  store<u32>(RNG, s0);
  store<u32>(RNG, s1, 4);
  store<u32>(RNG, s2, 8);
  store<u32>(RNG, s3, 12);
}

/**
 * VALS[j] = QUAL[j]·max(0, 1 + σ·STAGE[at + j]) for j < m: an observation with noise, from normals
 * staged by the TypeScript side (../noise-feed.ts).
 */
export function observe(at: i32, m: i32, sigma: f64): void {
  const z = STAGE + (<usize>at << 3);
  const sv = f64x2.splat(sigma);
  const one = f64x2.splat(1);
  const zero = f64x2.splat(0);
  let j = 0;
  for (; j + 1 < m; j += 2) v2set(VALS, j, f64x2.mul(v2(QUAL, j), f64x2.pmax(zero, f64x2.add(one, f64x2.mul(sv, v2(z, j))))));
  for (; j < m; j++) f64set(VALS, j, f64at(QUAL, j) * max<f64>(0, 1 + sigma * f64at(z, j)));
}
