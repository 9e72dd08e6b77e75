/**
 * Small typed-array helpers of the Yuma epoch's O(n) steps (the O(R·n) ones run in
 * wasm/kernels.as.ts).
 */

/** Normalise `a[0..len)` in place to sum 1; an all-zero vector stays zero. Returns the old sum. */
export function normalizeInPlace(a: Float64Array, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[i]!;
  if (s > 0) for (let i = 0; i < len; i++) a[i] = a[i]! / s;
  return s;
}
