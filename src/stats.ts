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
  const v = Float64Array.from(x).sort();
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
  const v = Float64Array.from(x).sort().reverse();
  let total = 0;
  for (let i = 0; i < v.length; i++) total += v[i]!;
  if (!(total > 0)) return NaN;
  let acc = 0;
  for (let i = 0; i < v.length; i++) {
    acc += v[i]!;
    if (acc > total / 2) return i + 1;
  }
  return v.length;
}

function ranks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && x[idx[j + 1]!] === x[idx[i]!]) j++;
    const avg = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[idx[k]!] = avg;
    i = j + 1;
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
