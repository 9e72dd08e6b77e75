/**
 * src/stats.ts: spearman's average ranks (found by binary search in a sorted copy) against a
 * comparator sort with tie groups, on random inputs full of ties; gini and nakamoto on small
 * cases, and their *Sorted forms on sorted input.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import seedrandom from "seedrandom";
import { gini, giniSorted, nakamoto, nakamotoSorted, spearman } from "../src/stats.js";

function ranksByComparator(x: number[]): Float64Array {
  const n = x.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && x[idx[j + 1]!] === x[idx[i]!]) j++;
    for (let k = i; k <= j; k++) r[idx[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

function spearmanByComparator(x: number[], y: number[]): number {
  const n = x.length;
  const rx = ranksByComparator(x);
  const ry = ranksByComparator(y);
  const m = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (rx[i]! - m) * (ry[i]! - m);
    sxx += (rx[i]! - m) ** 2;
    syy += (ry[i]! - m) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

test("spearman: average ranks by binary search equal a comparator sort with tie groups (2,000 random cases with ties, zeros and −0)", () => {
  const rng = seedrandom("stats-ranks");
  for (let t = 0; t < 2000; t++) {
    const n = 2 + Math.floor(rng() * 60);
    const x = Array.from({ length: n }, () => (rng() < 0.1 ? -0 : Math.floor(rng() * 6) * (rng() < 0.5 ? 1 : -0.5)));
    const y = Array.from({ length: n }, () => (rng() < 0.3 ? 0 : rng()));
    const a = spearman(x, y);
    const b = spearmanByComparator(x, y);
    assert.ok(Object.is(a, b) || a === b, `case ${t}: ${a} vs ${b}`);
  }
});

test("gini and nakamoto: small cases, and the *Sorted forms on sorted input", () => {
  assert.equal(gini([1, 1, 1, 1]), 0);
  assert.equal(gini([0, 0, 0, 4]), 0.75);
  assert.ok(Number.isNaN(gini([0, 0])));
  assert.equal(nakamoto([10, 1, 1, 1]), 1);
  assert.equal(nakamoto([1, 1, 1, 1]), 3);
  assert.ok(Number.isNaN(nakamoto([])));
  const v = Float64Array.from([5, 0, 2, 9, 2]);
  const s = Float64Array.from(v).sort();
  assert.equal(giniSorted(s), gini(v));
  assert.equal(nakamotoSorted(s), nakamoto(v));
});
