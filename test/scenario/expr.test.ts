/** The limited mathjs instance: allowed arithmetic works; everything else is refused. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileExpr } from "../../src/scenario/expr.js";

test("expressions over declared symbols evaluate", () => {
  const r = compileExpr("1000 * (i + 1)^-0.8 * exp(0.1 * z) + (u > 0.5 ? 1 : 0)", ["i", "u", "z"]);
  assert.ok(r.ok);
  assert.equal(r.expr.evaluate({ i: 0, u: 0.7, z: 0 }), 1001);
});

test("undeclared symbols, forbidden functions, assignment, access and units are refused", () => {
  for (const [src, msg] of [
    ["x + 1", /unknown symbol "x"/],
    ["import({})", /function import is not allowed/],
    ["createUnit('furlong')", /function createUnit is not allowed/],
    ["evaluate('1+1')", /function evaluate is not allowed/],
    ["parse('1')", /function parse is not allowed/],
    ["simplify('x')", /function simplify is not allowed/],
    ["random()", /function random is not allowed/],
    ["a = 1", /assignment/],
    ["f(x) = x", /assignment/],
    ["i.constructor", /property or index access/],
    ["[1, 2]", /matrix or range/],
    ["5 cm", /unknown symbol "cm"/],
    ["1 +", /Unexpected end/],
  ] as const) {
    const r = compileExpr(src, ["i"]);
    assert.equal(r.ok, false, src);
    if (r.ok === false) assert.match(r.message, msg, src);
  }
});
