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
  while (lo < hi) {
    const pivot = vals[(lo + hi) >> 1]!;
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
        wl += wts[i]!;
        if (i !== lt) {
          const w = wts[i]!;
          vals[i] = vals[lt]!;
          wts[i] = wts[lt]!;
          vals[lt] = v;
          wts[lt] = w;
        }
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
  // Only reachable through float round-off when m is within an ulp of the total: the largest value.
  return last;
}

/** Chain storage of a fraction on the u16 scale: floor(65535·x + 1e-6) (conformance README §5). */
export function u16(x: number): number {
  const v = Math.floor(65535 * x + 1e-6);
  return v < 0 ? 0 : v > 65535 ? 65535 : v;
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
