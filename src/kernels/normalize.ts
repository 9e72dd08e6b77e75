/**
 * normalizeInPlace: scale a typed-array prefix in place so it sums to 1 (subtensor
 * `epoch/math.rs :: inplace_normalize`). Used by the Yuma epoch's O(n) steps and by the
 * consensus mechanism; the O(R·n) loops run in wasm/kernels.as.ts.
 */

/** Normalise `a[0..len)` in place to sum 1; an all-zero vector stays zero. Returns the old sum. */
export function normalizeInPlace(a: Float64Array, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[i]!;
  if (s > 0) for (let i = 0; i < len; i++) a[i] = a[i]! / s;
  return s;
}
