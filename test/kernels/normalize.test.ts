/** normalizeInPlace: a prefix of a typed array scaled in place to sum 1. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { normalizeInPlace } from "../../src/kernels/normalize.js";

test("normalizeInPlace(a, len) scales a[0..len) to sum 1, returns the old sum, leaves the rest", () => {
  const a = Float64Array.of(1, 3, 4, 7);
  assert.equal(normalizeInPlace(a, 3), 8);
  assert.deepStrictEqual(a, Float64Array.of(0.125, 0.375, 0.5, 7));
});

test("normalizeInPlace(a, len) leaves an all-zero vector zero", () => {
  const a = new Float64Array(3);
  assert.equal(normalizeInPlace(a, 3), 0);
  assert.deepStrictEqual(a, new Float64Array(3));
});
