// Staking-yield summaries: the T6 rule of thumb, realised returns, per-validator APR.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { aprRuleOfThumb, stakingReturns, validatorAprs, runScenario, loadScenario } from "../../src/index.js";
import { packageRoot } from "../../src/paths.js";

test("rule of thumb: the T6 examples (f 0.41, take 18 %, 4.9M → 18.0 %; f 0.5, 6.0M → 18.0 %)", () => {
  assert.ok(Math.abs(aprRuleOfThumb({ total_stake_tao: 4.9e6, take_frac: 0.18 }) - 0.18) < 0.001);
  assert.ok(Math.abs(aprRuleOfThumb({ total_stake_tao: 6.0e6, take_frac: 0.18, validator_frac: 0.5 }) - 0.18) < 0.001);
});

test("stakingReturns compounds the recorded APRs and values them in USD; validatorAprs agrees for a uniform network", () => {
  const r = runScenario(loadScenario(join(packageRoot(), "scenarios", "mainnet-2023.yaml")), {
    horizonDays: 60,
    overrides: { "token.price": { process: "expr", expr: "250 * (1 + day / 60)" } },
  });
  const s = stakingReturns(r);
  assert.equal(s.days, 60);
  const apr = Array.from(r.tables.network.columns.find((c) => c.def.name === "apr_nominator_frac")!.data as Float64Array).slice(1);
  let g = 1;
  for (const a of apr) g *= 1 + a / 365;
  assert.ok(Math.abs(s.tao_return_frac - (g - 1)) < 1e-12);
  assert.ok(Math.abs(s.price_change_frac - 1) < 1e-9, `price doubles: ${s.price_change_frac}`);
  assert.ok(Math.abs(s.usd_return_frac - (2 * g - 1)) < 1e-9);
  assert.ok(Math.abs(s.tao_apr_frac - (g ** (365 / 60) - 1)) < 1e-12);
  // Every delegate has the same take under ideal consensus: the same net APR as the network's nominators.
  const v = validatorAprs(r);
  assert.equal(v.length, 40);
  for (const x of v) assert.ok(Math.abs(x.apr_nominator_frac - s.tao_apr_frac) < 1e-6, `validator ${x.validator}: ${x.apr_nominator_frac} vs ${s.tao_apr_frac}`);
  assert.ok(v[0]!.stake_end_tao >= v[v.length - 1]!.stake_end_tao, "sorted by stake");
});
