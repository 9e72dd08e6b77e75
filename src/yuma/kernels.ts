/**
 * Typed-array kernels of the Yuma epoch (subtensor `epoch/math.rs` counterparts). Matrices are
 * dense, row-major, `rows × n` Float64Arrays; row r is validator row r, column j is uid j.
 */

/** Normalise `a[0..len)` in place to sum 1; an all-zero vector stays zero. Returns the old sum. */
export function normalizeInPlace(a: Float64Array, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[i]!;
  if (s > 0) for (let i = 0; i < len; i++) a[i] = a[i]! / s;
  return s;
}

/** Column-normalise a rows × n matrix in place (each column sums to 1, or stays zero). */
export function colNormalizeInPlace(m: Float64Array, rows: number, n: number, colSum: Float64Array): void {
  colSum.fill(0, 0, n);
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) colSum[j]! += m[o + j]!;
  }
  for (let j = 0; j < n; j++) colSum[j] = colSum[j]! > 0 ? 1 / colSum[j]! : 0;
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    for (let j = 0; j < n; j++) m[o + j] = m[o + j]! * colSum[j]!;
  }
}

/**
 * Stake-weighted quantile of one column (`weighted_median_col` in subtensor's math):
 * the value x among vals[0..len) with  Σ{w : v < x} ≤ m < Σ{w : v ≤ x}.
 * An exact three-way weighted quickselect with a middle pivot; reorders vals/wts in place.
 * Expected O(len). Requires Σ wts > m.
 */
export function weightedQuantile(vals: Float64Array, wts: Float64Array, len: number, m: number): number {
  let lo = 0;
  let hi = len;
  let target = m;
  let last = 0;
  while (hi - lo > 8) {
    // Median of three as the pivot value.
    const x = vals[lo]!;
    const y = vals[(lo + hi) >> 1]!;
    const z = vals[hi - 1]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    last = pivot;
    // Dutch-flag partition of [lo, hi): [lo, lt) < pivot, [lt, i) == pivot, [gt, hi) > pivot.
    let lt = lo;
    let i = lo;
    let gt = hi;
    let wl = 0;
    let we = 0;
    while (i < gt) {
      const v = vals[i]!;
      if (v < pivot) {
        const w = wts[i]!;
        wl += w;
        vals[i] = vals[lt]!;
        wts[i] = wts[lt]!;
        vals[lt] = v;
        wts[lt] = w;
        lt++;
        i++;
      } else if (v > pivot) {
        gt--;
        const w = wts[i]!;
        vals[i] = vals[gt]!;
        wts[i] = wts[gt]!;
        vals[gt] = v;
        wts[gt] = w;
      } else {
        we += wts[i]!;
        i++;
      }
    }
    if (wl > target) {
      hi = lt;
    } else if (wl + we > target) {
      return pivot;
    } else {
      target -= wl + we;
      lo = gt;
    }
  }
  // Few values left: insertion sort, then walk the cumulative stake.
  for (let i = lo + 1; i < hi; i++) {
    const v = vals[i]!;
    const w = wts[i]!;
    let k = i - 1;
    while (k >= lo && vals[k]! > v) {
      vals[k + 1] = vals[k]!;
      wts[k + 1] = wts[k]!;
      k--;
    }
    vals[k + 1] = v;
    wts[k + 1] = w;
  }
  let cum = 0;
  for (let i = lo; i < hi; i++) {
    cum += wts[i]!;
    // All copies of a value count together: stake(v ≤ x) must exceed the target.
    if (cum > target && (i + 1 === hi || vals[i + 1]! !== vals[i]!)) return vals[i]!;
    last = vals[i]!;
  }
  // Only reachable through float round-off when m is within an ulp of the total: the largest value.
  return last;
}

/** `vec_u16_max_upscale_to_u16`: scale a weight row so its max is 65535 (round half away from zero). */
export function maxUpscaleU16(values: ArrayLike<number>, out: Uint16Array): Uint16Array {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  if (max === 0) {
    out.fill(0);
    return out;
  }
  for (let i = 0; i < values.length; i++) out[i] = Math.floor((values[i]! * 65535) / max + 0.5);
  return out;
}
