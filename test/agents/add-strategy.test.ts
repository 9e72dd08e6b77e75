/**
 * The README's worked example "Adding a strategy": a strategy a mechanism must see is one
 * `defineStrategy` call (here, in this file only): its parameters join the scenario schema, its
 * hook is called by the mechanism that applies its decision, and nothing else changes.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { defineStrategy } from "../../src/agents/registry.js";

// A staker that re-delegates, every `every_days` days, to the validator with the best smoothed
// yield (no threshold, no chance): one definition with a restake hook.
defineStrategy({
  kind: "stakers",
  name: "best_yield",
  doc: "every `every_days` days, moves to the validator with the best smoothed yield net of take",
  params: { every_days: z.number().int().min(1).default(1).describe("days between two reviews") },
  columns: () => ({ compound: 1 }),
  restake: (p) => {
    let day = 0;
    let seen = -1;
    return {
      review(k, view) {
        if (k <= seen) day++; // a new review round starts when the staker order wraps
        seen = k;
        return day % p.every_days === 0 && view.validatorOf[k] !== view.best ? view.best : -1;
      },
    };
  },
});

// The library is loaded after the definition, so the scenario schema includes it.
const { loadScenario, simulate, compileScenario } = await import("../../src/index.js");
const { writeFiles } = await import("../helpers.js");
const { join } = await import("node:path");

test("a strategy defined in one place joins the schema and its hook drives the restake mechanism", () => {
  const dir = writeFiles({
    "s.yaml": `name: add-strategy
seed: 3
start: { date: "2023-11-20" }
horizon: { days: 10 }
token: { initial_issuance_tao: 6000000 }
network: { subnets: 2 }
populations:
  validators:
    cheap: { count: 2, strategy: honest, stake_tao: 50000, take_frac: 0 }
    dear: { count: 2, strategy: honest, stake_tao: 50000, take_frac: 0.18 }
  stakers:
    movers: { count: 50, strategy: best_yield, params: { every_days: 2 }, stake_tao: 1000, delegate_to: uniform }
  miners:
    m: { count: 20, strategy: honest }
`,
  });
  const c = compileScenario(loadScenario(join(dir, "s.yaml")));
  assert.ok(c.ok);
  const out = simulate(c.value, { threads: 1 });
  const sk = out.state.stakers;
  const start = c.value.populations.stakers.validator;
  // Every staker ends on a zero-take validator (0 or 1: the better yield net of take); those that
  // started on an 18 % one moved, and nobody reviewed more often than every 2 days.
  for (let k = 0; k < sk.n; k++) {
    assert.ok(sk.validator[k]! <= 1, `staker ${k} on validator ${sk.validator[k]}`);
    if (start[k]! >= 2) assert.ok(sk.moves[k]! >= 1, `staker ${k} moved`);
    assert.ok(sk.moves[k]! <= 5, `staker ${k}: ${sk.moves[k]} moves in 10 days, reviewing every 2`);
  }
  assert.ok(Array.from(start).some((v) => v >= 2), "some stakers start on the dear validators");
});
