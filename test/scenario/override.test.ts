// Scenario variants by dotted parameter path: values land where they should, mistakes are named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { loadScenario, runScenario, withOverrides, compileScenario, formatIssue, ScenarioError } from "../../src/index.js";
import { packageRoot } from "../../src/paths.js";
import { withRunOptions } from "../../src/scenario/override.js";

const base = () => loadScenario(join(packageRoot(), "scenarios", "mainnet-2023.yaml"));

test("withOverrides sets dotted paths (through extends) and the compiled scenario uses them", () => {
  const o = withOverrides(base(), { "network.hyperparameters.kappa": 0.6, "token.recycle_frac": 0.1, "horizon.days": 10 });
  assert.ok(o.ok);
  const c = compileScenario(o.value);
  assert.ok(c.ok);
  assert.equal(c.value.hyper.kappa, 0.6);
  assert.equal(c.value.horizon_blocks, 10 * 7200);
  // The loaded scenario it came from is untouched.
  const loaded = base();
  withOverrides(loaded, { "network.hyperparameters.kappa": 0.6 });
  const c0 = compileScenario(loaded);
  assert.ok(c0.ok);
  assert.notEqual(c0.value.hyper.kappa, 0.6);
});

test("withOverrides: a misspelt path, a bad value and a bad index are each named, with the override as the place", () => {
  const o = withOverrides(base(), { "network.hyperparamters.kappa": 0.6, "token.recycle_frac": -1, "a..b": 1 });
  assert.equal(o.ok, false);
  const text = o.ok ? "" : o.issues.map(formatIssue).join("\n");
  assert.match(text, /a\.\.b\s+not a parameter path/);
  const o2 = withOverrides(base(), { "network.hyperparamters.kappa": 0.6, "token.recycle_frac": -1 }, "sweep.yaml");
  const text2 = o2.ok ? "" : o2.issues.map(formatIssue).join("\n");
  assert.match(text2, /^sweep\.yaml {2}network\.hyperparamters {2}unknown key "hyperparamters"$/m);
  assert.match(text2, /^sweep\.yaml {2}token\.recycle_frac /m);
});

test("runScenario takes overrides and throws one ScenarioError for bad ones", () => {
  const r = runScenario(base(), { horizonDays: 2, overrides: { "token.recycle_frac": 0.5 } });
  assert.ok(r.tables.network.rows > 1);
  assert.throws(() => runScenario(base(), { horizonDays: 2, overrides: { "token.nope": 1 } }), (e) => e instanceof ScenarioError && /token\.nope/.test(e.message));
});

test("run options (--seed, --horizon-days) are overrides of seed and horizon; problems name the flag in \"(command line)\"", () => {
  const o = withRunOptions(base(), { seed: 9, horizonDays: 3 });
  assert.ok(o.ok);
  const viaPaths = withOverrides(base(), { seed: 9, horizon: { days: 3 } });
  assert.ok(viaPaths.ok);
  const [a, b] = [compileScenario(o.value), compileScenario(viaPaths.value)];
  assert.ok(a.ok && b.ok);
  assert.equal(a.value.seed, 9);
  assert.equal(a.value.horizon_blocks, 3 * 7200);
  assert.equal(a.value.hash, b.value.hash);
  assert.equal(runScenario(base(), { seed: 9, horizonDays: 3 }).compiled.hash, a.value.hash);
  assert.equal(withRunOptions(base(), {}).ok, true);
  const bad = withRunOptions(base(), { seed: -1, horizonDays: 1e12 });
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.ok ? [] : bad.issues.map(formatIssue), ["(command line)  --seed  Too small: expected number to be >=0", "(command line)  --horizon-days  at most 200 years"]);
  assert.throws(() => runScenario(base(), { seed: 1.5 }), (e) => e instanceof ScenarioError && /^\(command line\) {2}--seed {2}/.test(e.message));
});
