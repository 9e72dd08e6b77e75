/**
 * Concentration and ranking statistics over plain or typed arrays (the collusion metrics of the
 * agent economy: metrics/post.ts after the run, record/columns.ts for the per-agent emission and
 * per-uid incentive, which no table keeps). Pure; imports nothing.
 *
 *   gini(x)      = Σ_i (2i − n − 1)·x_(i) / (n·Σx), x sorted ascending (0 = equal, → 1 = one holds all)
 *   nakamoto(x)  = the fewest holders whose combined share exceeds 1/2
 *   spearman(x,y) = Pearson correlation of the ranks (average ranks for ties)
 * NaN when undefined (empty input, zero total, constant ranks).
 */

export function gini(x: ArrayLike<number>): number {
  return giniSorted(Float64Array.from(x).sort());
}

/** gini of values already sorted ascending. */
export function giniSorted(v: Float64Array): number {
  const n = v.length;
  let total = 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    total += v[i]!;
    acc += (2 * (i + 1) - n - 1) * v[i]!;
  }
  return n > 0 && total > 0 ? acc / (n * total) : NaN;
}

export function nakamoto(x: ArrayLike<number>): number {
  return nakamotoSorted(Float64Array.from(x).sort());
}

/** nakamoto of values already sorted ascending (summed from the largest down). */
export function nakamotoSorted(v: Float64Array): number {
  const n = v.length;
  let total = 0;
  for (let i = n - 1; i >= 0; i--) total += v[i]!;
  if (!(total > 0)) return NaN;
  let acc = 0;
  for (let i = n - 1; i >= 0; i--) {
    acc += v[i]!;
    if (acc > total / 2) return n - i;
  }
  return n;
}

/**
 * Average ranks (1-based; ties share the mean of their positions): the position range of each
 * value in the sorted copy, found by binary search (a native sort, no comparator).
 */
function ranks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const sorted = Float64Array.from(x).sort();
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    hi = n;
    while (end < hi) {
      const mid = (end + hi) >>> 1;
      if (sorted[mid]! <= v) end = mid + 1;
      else hi = mid;
    }
    r[i] = (lo + end - 1) / 2 + 1;
  }
  return r;
}

export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (n !== y.length || n < 2) return NaN;
  const rx = ranks(x);
  const ry = ranks(y);
  const m = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const a = rx[i]! - m;
    const b = ry[i]! - m;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
