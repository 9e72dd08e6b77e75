// The input boundary, on the reproducers of ../shared/reliability/repro/ (each defect class, when
// that folder is present) and on self-contained equivalents: symlink escapes, the library's
// allowRoots option, prototype pollution through overrides and sweeps, the file and key caps, and
// the whitepaper era over long horizons.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, MINIMAL, tempDir, writeFiles } from "../helpers.js";
import { sharedDir, packageRoot } from "../../src/paths.js";
import { loadScenarioFile } from "../../src/scenario/load.js";
import { compileScenario } from "../../src/scenario/compile.js";
import { withOverrides } from "../../src/scenario/override.js";
import { planSweep } from "../../src/sweep/expand.js";
import { NETWORK_COLUMNS } from "../../src/network-columns.js";
import type { Issue } from "../../src/scenario/issues.js";

const COLUMNS = NETWORK_COLUMNS.map((c) => c.name);
const located = (i: Issue) => i.line >= 1 && i.col >= 1 && i.path !== "";
const clean = () => {
  const probe = {} as Record<string, unknown>;
  assert.equal(probe.polluted, undefined, "Object.prototype.polluted");
  assert.equal(probe.seed, undefined, "Object.prototype.seed");
};

/** Everything the library reports for a file: load, sweep plan, compile. */
function problems(file: string): Issue[] {
  const l = loadScenarioFile(file);
  if (l.ok === false) return l.issues;
  if (l.value.scenario.sweep) {
    const p = planSweep(l.value, COLUMNS);
    if (p.ok === false) return p.issues;
  }
  const c = compileScenario(l.value);
  return c.ok ? [] : c.issues;
}

const REPRO = join(sharedDir() ?? join(packageRoot(), "..", "shared"), "reliability", "repro");
const EXPECT: Record<string, { key: string; message: RegExp } | "ok"> = {
  "alias-before-anchor.yaml": { key: "name", message: /alias \*a has no anchor/ },
  "alias-bomb.yaml": { key: "x_a4.0.0.8.0.5", message: /alias bomb/ },
  "expr-bitor.yaml": { key: "populations.miners.m.quality", message: /operator bitOr is not allowed/ },
  "expr-deep-sum.yaml": { key: "populations.miners.m.quality", message: /at most 2000 are accepted/ },
  "expr-hypot-noargs.yaml": { key: "populations.miners.m.quality", message: /hypot\(\) takes at least 1 argument/ },
  "expr-max-noargs.yaml": { key: "populations.miners.m.quality", message: /max\(\) takes at least 1 argument/ },
  "expr-round-digits.yaml": { key: "populations.miners.m.quality", message: /digits as a whole number from 0 to 15/ },
  "expr-string-arg.yaml": { key: "populations.miners.m.quality", message: /text values are not allowed/ },
  "extends-etc-shadow.yaml": { key: "extends", message: /absolute paths are refused/ },
  "huge-population-groups.yaml": { key: "populations", message: /at most 2,000,000 are accepted/ },
  "ok-base.yaml": "ok",
  "price-csv-abs-path.yaml": { key: "token.price.path", message: /absolute paths are refused/ },
  "price-csv-leak.yaml": { key: "token.price.path", message: /^the date is not a calendar date YYYY-MM-DD$/ },
  "price-expr-max.yaml": { key: "token.price.expr", message: /max\(\) takes at least 1 argument/ },
  "proto-hidden-seed.yaml": { key: "__proto__", message: /reserved/ },
  "sweep-proto-pollution.yaml": { key: "sweep.grid.__proto__.polluted", message: /"__proto__" is reserved/ },
  "whitepaper-overflow.yaml": "ok",
};

test("every reproducer of ../shared/reliability/repro gives one located error with its key (or is valid)", (t) => {
  if (!existsSync(REPRO)) return t.skip("no shared/reliability/repro folder here");
  for (const f of readdirSync(REPRO).filter((n) => n.endsWith(".yaml"))) {
    const want = EXPECT[f];
    if (!want) continue; // a reproducer added later: the fuzz property covers it
    const issues = problems(join(REPRO, f));
    if (want === "ok") {
      assert.deepEqual(issues, [], f);
      continue;
    }
    assert.equal(issues.length, 1, `${f}: ${JSON.stringify(issues)}`);
    const i = issues[0]!;
    assert.ok(located(i), `${f}: located: ${JSON.stringify(i)}`);
    assert.equal(i.path, want.key, f);
    assert.match(i.message, want.message, f);
    assert.ok(!/SECRET|root:/.test(i.message), `${f}: no file content in the message`);
    clean();
  }
});

test("the whitepaper era stays finite over long horizons (reproducer and scenarios/whitepaper-cabal.yaml for 30 days)", async () => {
  const out = tempDir();
  const r = await cli(["run", join(packageRoot(), "scenarios", "whitepaper-cabal.yaml"), "--horizon-days", "30", "--out", out, "--quiet"]);
  assert.equal(r.code, 0, r.err);
  const csv = readFileSync(join(r.out.trim(), "network.csv"), "utf8").trim().split("\n");
  const header = csv[0]!.split(",");
  const last = csv[csv.length - 1]!.split(",");
  for (const col of ["issuance_tao", "staked_tao", "emitted_tao", "recycled_tao", "cartel_stake_frac", "conservation_error_frac"]) {
    const v = Number(last[header.indexOf(col)]);
    assert.ok(Number.isFinite(v), `${col} = ${last[header.indexOf(col)]}`);
  }
  assert.ok(Number(last[header.indexOf("cartel_stake_frac")]) < 1e-6, "the cabal has decayed");
  assert.ok(Number(last[header.indexOf("conservation_error_frac")]) < 1e-9);
  assert.equal(Number(last[header.indexOf("issuance_tao")]).toFixed(9), "1.000000000");
});

test("symlinks out of the scenario's folder are refused; the library may widen the roots explicitly", () => {
  const outside = writeFiles({ "base.yaml": MINIMAL, "p.csv": "date,price_usd\n2024-01-01,5\n" });
  const dir = writeFiles({
    "a.yaml": `extends: link.yaml\nname: a\n`,
    "b.yaml": MINIMAL.replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: csv, path: link.csv }\n"),
    "c.yaml": `extends: ${join(outside, "base.yaml")}\nname: c\n`,
  });
  symlinkSync(join(outside, "base.yaml"), join(dir, "link.yaml"));
  symlinkSync(join(outside, "p.csv"), join(dir, "link.csv"));
  const a = problems(join(dir, "a.yaml"));
  assert.equal(a.length, 1);
  assert.equal(a[0]!.path, "extends");
  assert.match(a[0]!.message, /leads outside the scenario's folder/);
  const b = problems(join(dir, "b.yaml"));
  assert.equal(b[0]!.path, "token.price.path");
  assert.match(b[0]!.message, /leads outside/);
  // Widened on purpose: the symlinked base and CSV are read; an absolute path stays refused.
  const wa = loadScenarioFile(join(dir, "a.yaml"), { allowRoots: [outside] });
  assert.ok(wa.ok, JSON.stringify(!wa.ok && wa.issues));
  const wb = loadScenarioFile(join(dir, "b.yaml"), { allowRoots: [outside] });
  assert.ok(wb.ok);
  const cb = compileScenario(wb.value);
  assert.ok(cb.ok, JSON.stringify(!cb.ok && cb.issues));
  assert.equal(cb.value.price_usd_by_day[0], 5);
  const wc = loadScenarioFile(join(dir, "c.yaml"), { allowRoots: [outside] });
  assert.ok(!wc.ok && /absolute paths are refused/.test(wc.issues[0]!.message));
  // A base inside the project's scenarios/ folder is always allowed.
  const d = writeFiles({ "d.yaml": `extends: ${join(packageRoot(), "scenarios", "mainnet-2023.yaml").replace(/^\//, "../".repeat(40))}\nname: d\n` });
  assert.ok(loadScenarioFile(join(d, "d.yaml")).ok);
});

test("override and sweep paths through __proto__, constructor or prototype are refused and pollute nothing", () => {
  const dir = writeFiles({ "s.yaml": MINIMAL });
  const l = loadScenarioFile(join(dir, "s.yaml"));
  assert.ok(l.ok);
  for (const path of ["__proto__.polluted", "token.__proto__.seed", "constructor.prototype.polluted", "network.prototype", "populations.validators.v.constructor"]) {
    const o = withOverrides(l.value, { [path]: 1 });
    assert.ok(!o.ok, path);
    assert.match(o.issues[0]!.message, /is reserved/, path);
    clean();
  }
  const v = withOverrides(l.value, { token: JSON.parse('{"__proto__": {"seed": 99}}') });
  assert.ok(!v.ok && /reserved key "__proto__"/.test(v.issues[0]!.message));
  for (const key of ["__proto__.polluted", "constructor.polluted", "token.prototype.x"]) {
    const s = writeFiles({ "s.yaml": `${MINIMAL}sweep:\n  grid:\n    ${key}: [1]\n` });
    const ls = loadScenarioFile(join(s, "s.yaml"));
    assert.ok(ls.ok);
    const p = planSweep(ls.value, COLUMNS);
    assert.ok(!p.ok, key);
    assert.ok(located(p.issues[0]!), JSON.stringify(p.issues[0]));
    clean();
  }
});

test("caps: a file over 1 MiB is refused before reading; 20,000+ keys and 100,000+ list items at their key", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "big.yaml"), MINIMAL + "#" + "x".repeat(1024 * 1024) + "\n");
  const big = loadScenarioFile(join(dir, "big.yaml"));
  assert.ok(!big.ok && /a scenario may be at most 1 MiB/.test(big.issues[0]!.message));
  writeFileSync(join(dir, "keys.yaml"), MINIMAL + Array.from({ length: 25_000 }, (_, k) => `k${k}: ${k}`).join("\n") + "\n");
  const keys = loadScenarioFile(join(dir, "keys.yaml"));
  assert.ok(!keys.ok);
  assert.equal(keys.issues.length, 1);
  assert.match(keys.issues[0]!.message, /more than 20,000 keys/);
  assert.ok(located(keys.issues[0]!));
  writeFileSync(join(dir, "list.yaml"), MINIMAL.replace("  subnets: 2", `  subnets: 2\n  task_demand_per_day: [${Array(150_000).fill(1).join(",")}]`));
  const list = loadScenarioFile(join(dir, "list.yaml"));
  assert.ok(!list.ok && list.issues[0]!.path === "network.task_demand_per_day" && /at most 100,000/.test(list.issues[0]!.message));
  // Many unknown keys: the first 50 reported, then one line counting the rest.
  writeFileSync(join(dir, "unknown.yaml"), MINIMAL + Array.from({ length: 5_000 }, (_, k) => `k${k}: ${k}`).join("\n") + "\n");
  const unk = loadScenarioFile(join(dir, "unknown.yaml"));
  assert.ok(!unk.ok);
  assert.equal(unk.issues.length, 51);
  assert.ok(unk.issues.every(located));
  assert.match(unk.issues[50]!.message, /and 4,950 more problems/);
});
