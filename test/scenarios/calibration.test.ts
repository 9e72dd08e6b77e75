/**
 * The default scenario is calibrated to the late-2023 figures of targets.md: staking APR ≈ 17.9 %
 * (± 2 points, net of the 18 % take), ≈ 40 active validators and 990+ active miners (± 5 %), 32
 * subnets; and it agrees with the T6 rule of thumb APR ≈ 0.41·(1 − take)·7,200·365 / stake.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultScenarioPath, loadScenario } from "../../src/index.js";
import { compileWithOptions } from "../helpers.js";
import { simulate } from "../../src/engine/simulate.js";

test("mainnet-2023.yaml: APR 17.9 % ± 2 points over the first 30 days, 40 validators and 990 miners ± 5 %, 32 subnets", () => {
  const c = compileWithOptions(loadScenario(defaultScenarioPath()), { horizonDays: 30 });
  assert.ok(c.ok);
  assert.equal(c.value.subnets, 32);
  const out = simulate(c.value);
  const col = (name: string) => Array.from(out.tables.network.columns.find((x) => x.def.name === name)!.data as Float64Array).slice(1);
  const mean = (a: number[]) => a.reduce((p, q) => p + q, 0) / a.length;
  const apr = mean(col("apr_network_frac"));
  assert.ok(Math.abs(apr - 0.179) <= 0.02, `APR ${apr}`);
  assert.ok(Math.abs(mean(col("validators_active")) / 40 - 1) <= 0.05);
  assert.ok(Math.abs(mean(col("miners_active")) / 990 - 1) <= 0.05);
  // T6: f·(1 − take)·7,200·365 / stake with f = 0.41, less the recycled share of emission.
  const stake = out.state.compiled.populations.validators.stake_tao.reduce((p, q) => p + q, 0) + out.state.compiled.populations.stakers.stake_tao.reduce((p, q) => p + q, 0);
  const rule = (0.41 * (1 - 0.18) * 7200 * 365 * (1 - c.value.recycle_frac)) / stake;
  assert.ok(Math.abs(col("apr_network_frac")[0]! / rule - 1) < 0.01, `first day ${col("apr_network_frac")[0]} vs rule ${rule}`);
});
