/**
 * Bad scenario input: each mistake gives exactly one message naming file:line:col and the key,
 * exit code 1, and no run folder.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { cli, MINIMAL, tempDir, writeFiles } from "../helpers.js";

interface Case {
  name: string;
  files: Record<string, string>;
  /** The file to run (default main.yaml). */
  run?: string;
  line?: number;
  key: string;
  message: RegExp;
}

const replace = (from: string, to: string) => {
  assert.ok(MINIMAL.includes(from), `fixture contains ${from}`);
  return MINIMAL.replace(from, to);
};

const cases: Case[] = [
  { name: "unknown key", files: { "main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  recycle_fraction: 0.1\n") }, line: 9, key: "token.recycle_fraction", message: /unknown key "recycle_fraction"/ },
  { name: "wrong type", files: { "main.yaml": replace("seed: 1", "seed: one") }, line: 2, key: "seed", message: /expected number/ },
  { name: "negative amount", files: { "main.yaml": replace("initial_issuance_tao: 6000000", "initial_issuance_tao: -5") }, line: 8, key: "token.initial_issuance_tao", message: />=\s*0|too small/i },
  { name: "NaN amount", files: { "main.yaml": replace("initial_issuance_tao: 6000000", "initial_issuance_tao: .nan") }, line: 8, key: "token.initial_issuance_tao", message: /NaN|number/ },
  { name: "negative stake", files: { "main.yaml": replace("stake_tao: 1000", "stake_tao: -1000") }, line: 16, key: "populations.validators.v.stake_tao", message: /≥ 0/ },
  { name: "unknown strategy", files: { "main.yaml": replace("strategy: passive", "strategy: dishonest") }, line: 25, key: "populations.stakers.s.strategy", message: /unknown strategy; expected one of: passive/ },
  { name: "unknown distribution", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", "{ dist: weibull, k: 2 }") }, line: 21, key: "populations.miners.m.quality.dist", message: /unknown dist; expected one of: .*beta/ },
  { name: "undeclared symbol", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", '"x * 2"') }, line: 21, key: "populations.miners.m.quality", message: /unknown symbol "x"/ },
  { name: "forbidden function", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", '"import(u)"') }, line: 21, key: "populations.miners.m.quality", message: /function import is not allowed/ },
  { name: "forbidden evaluate", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", "'evaluate(\"1\")'") }, line: 21, key: "populations.miners.m.quality", message: /function evaluate is not allowed/ },
  {
    name: "extends cycle",
    files: { "main.yaml": `extends: b.yaml\nname: a\n`, "b.yaml": `extends: main.yaml\nname: b\n` },
    line: 1,
    key: "extends",
    message: /extends cycle: .*main\.yaml → .*b\.yaml → .*main\.yaml/,
  },
  { name: "missing base", files: { "main.yaml": `extends: nowhere.yaml\n${MINIMAL}` }, line: 1, key: "extends", message: /base scenario not found: .*nowhere\.yaml/ },
  { name: "missing file", files: {}, run: "absent.yaml", key: "(document)", message: /file not found/ },
  { name: "horizon of a million years", files: { "main.yaml": replace("days: 30", "days: 365000000") }, line: 6, key: "horizon.days", message: /at most 200 years/ },
  { name: "YAML syntax error", files: { "main.yaml": replace("seed: 1", "seed: [1") }, line: 3, key: "seed.0", message: /syntax/ },
  { name: "YAML tab indentation", files: { "main.yaml": replace("  days: 30", "\tdays: 30") }, line: 6, key: "horizon", message: /syntax: Tabs/ },
  { name: "duplicate key", files: { "main.yaml": replace("seed: 1", "seed: 1\nseed: 2") }, line: 3, key: "seed", message: /duplicate key "seed"/ },
  { name: "take above 18 %", files: { "main.yaml": replace("stake_tao: 1000", "stake_tao: 1000\n      take_frac: 0.5") }, line: 17, key: "populations.validators.v.take_frac", message: /≤ 0\.18/ },
  { name: "bad date", files: { "main.yaml": replace('"2024-01-01"', '"2024-02-31"') }, line: 4, key: "start.date", message: /calendar date/ },
  {
    name: "price CSV with a bad row",
    files: { "main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: csv, path: prices.csv }\n"), "prices.csv": "date,price_usd\n2024-01-01,300\n2024-01-05,abc\n" },
    line: 3,
    key: "token.price.path",
    message: /^price_usd must be a positive number$/,
  },
  {
    name: "price CSV cells are never quoted back",
    files: { "main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: csv, path: leak.csv }\n"), "leak.csv": "date,price_usd\nSECRET_TOKEN_abc123,1\n" },
    line: 2,
    key: "token.price.path",
    message: /^the date is not a calendar date YYYY-MM-DD$/,
  },
  { name: "price CSV by absolute path", files: { "main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: csv, path: /etc/passwd }\n") }, line: 9, key: "token.price.path", message: /absolute paths are refused/ },
  { name: "price CSV outside the folder", files: { "sub/main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: csv, path: ../p.csv }\n"), "p.csv": "date,price_usd\n2024-01-01,1\n" }, run: "sub/main.yaml", line: 9, key: "token.price.path", message: /leads outside the scenario's folder/ },
  { name: "price file not a CSV", files: { "main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: csv, path: main.yaml }\n") }, line: 9, key: "token.price.path", message: /must name a \.csv file/ },
  { name: "extends an absolute path", files: { "main.yaml": `extends: /etc/shadow\n${MINIMAL}` }, line: 1, key: "extends", message: /absolute paths are refused/ },
  { name: "extends out of the folder", files: { "sub/main.yaml": `extends: ../base.yaml\n${MINIMAL}`, "base.yaml": MINIMAL }, run: "sub/main.yaml", line: 1, key: "extends", message: /leads outside the scenario's folder/ },
  { name: "extends a file that is not a scenario", files: { "main.yaml": `extends: secrets.env\n${MINIMAL}`, "secrets.env": "TOKEN=abc\n" }, line: 1, key: "extends", message: /must name a \.yaml or \.yml or \.json file/ },
  { name: "__proto__ key", files: { "main.yaml": `${MINIMAL}__proto__:\n  seed: 99\n` }, line: 27, key: "__proto__", message: /reserved/ },
  { name: "constructor key deep down", files: { "main.yaml": replace("  subnets: 2", "  subnets: 2\n  constructor: { x: 1 }") }, line: 11, key: "network.constructor", message: /reserved/ },
  { name: "alias before its anchor", files: { "main.yaml": replace("name: tiny", "name: *a\nx_k: &a tiny") }, line: 1, key: "name", message: /alias \*a has no anchor/ },
  { name: "alias bomb", files: { "main.yaml": `${MINIMAL}x0: &a0 [l, l, l, l, l, l, l, l, l]\nx1: &a1 [*a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0, *a0]\nx2: &a2 [*a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1, *a1]\nx3: &a3 [*a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2, *a2]\nx4: &a4 [*a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3, *a3]\nx5: &a5 [*a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4, *a4]\n` }, line: 31, key: "x4.0.0.8.0.5", message: /alias bomb/ },
  { name: "expression with a bitwise operator", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", '"u | 1"') }, line: 21, key: "populations.miners.m.quality", message: /operator bitOr is not allowed/ },
  { name: "expression max() without arguments", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", '"max()"') }, line: 21, key: "populations.miners.m.quality", message: /max\(\) takes at least 1 argument, got 0/ },
  { name: "expression hypot() without arguments", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", '"hypot()"') }, line: 21, key: "populations.miners.m.quality", message: /hypot\(\) takes at least 1 argument/ },
  { name: "expression with a text argument", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", "'exp(\"abc\")'") }, line: 21, key: "populations.miners.m.quality", message: /text values are not allowed/ },
  { name: "expression round with 400 digits", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", '"round(u, 400)"') }, line: 21, key: "populations.miners.m.quality", message: /digits as a whole number from 0 to 15/ },
  { name: "expression with 20,000 terms", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", `"${Array(20_000).fill("u").join("+")}"`) }, line: 21, key: "populations.miners.m.quality", message: /at most 2000 are accepted/ },
  { name: "expression nested 5,000 deep", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", `"${"(".repeat(900)}u${")".repeat(900)}"`) }, line: 21, key: "populations.miners.m.quality", message: /nested more than 100 levels/ },
  { name: "expression giving NaN for some agent", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", '"log(i - 2)"') }, line: 21, key: "populations.miners.m.quality", message: /finite number; the expression gives NaN for agent 0/ },
  { name: "expression giving Infinity", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", '"1 / i"') }, line: 21, key: "populations.miners.m.quality", message: /gives Infinity for agent 0/ },
  { name: "price expression max()", files: { "main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: expr, expr: \"max()\" }\n") }, line: 9, key: "token.price.expr", message: /max\(\) takes at least 1 argument/ },
  { name: "50 groups of 10M agents", files: { "main.yaml": MINIMAL + Array.from({ length: 50 }, (_, k) => `    g${k}: { count: 10000000, strategy: passive, stake_tao: 0 }\n`).join("") }, line: 12, key: "populations", message: /500,000,017 agents .* at most 2,000,000/ },
  { name: "price expression with a forbidden function", files: { "main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: expr, expr: \"random() * 300\" }\n") }, line: 9, key: "token.price.expr", message: /function random is not allowed/ },
  { name: "negative noise σ", files: { "main.yaml": replace("      strategy: honest\n      stake_tao: 1000", "      strategy: honest\n      params: { noise_sigma: -0.1 }\n      stake_tao: 1000") }, line: 16, key: "populations.validators.v.params.noise_sigma", message: />=\s*0|too small/i },
  { name: "cartel share above 1", files: { "main.yaml": replace("      strategy: honest\n      stake_tao: 1000", "      strategy: cartel\n      params: { cartel_weight_frac: 1.5 }\n      stake_tao: 1000") }, line: 16, key: "populations.validators.v.params.cartel_weight_frac", message: /<=\s*1|too big/i },
  { name: "unknown validator strategy", files: { "main.yaml": replace("      strategy: honest\n      stake_tao: 1000", "      strategy: oracle\n      stake_tao: 1000") }, line: 15, key: "populations.validators.v.strategy", message: /unknown strategy; expected one of: .*copier/ },
  { name: "unknown strategy parameter", files: { "main.yaml": replace("      strategy: honest\n      stake_tao: 1000", "      strategy: copier\n      params: { lag: 2 }\n      stake_tao: 1000") }, line: 16, key: "populations.validators.v.params.lag", message: /unknown key "lag"/ },
  { name: "sampled negative quality", files: { "main.yaml": replace("{ dist: uniform, low: 0, high: 1 }", "{ dist: normal, mean: 0, sd: 1 }") }, line: 21, key: "populations.miners.m.quality", message: /quality must be ≥ 0/ },
];

for (const c of cases) {
  test(`bad input: ${c.name}`, async () => {
    const dir = writeFiles(c.files);
    const out = tempDir();
    const file = join(dir, c.run ?? "main.yaml");
    const r = await cli(["run", file, "--out", out, "--quiet"]);
    assert.equal(r.code, 1, `exit code; stderr: ${r.err}`);
    const lines = r.err.trim().split("\n");
    assert.equal(lines.length, 1, `exactly one message, got:\n${r.err}`);
    const m = /^(\S+?)(?::(\d+):(\d+))?  (\S+)  (.+)$/.exec(lines[0]!);
    assert.ok(m, `format file:line:col  key  message: ${lines[0]}`);
    if (c.line !== undefined) assert.equal(Number(m[2]), c.line, `line in: ${lines[0]}`);
    assert.equal(m[4], c.key, lines[0]);
    assert.match(m[5]!, c.message);
    assert.ok(!/\n\s+at /.test(r.err), "no stack trace");
    assert.deepEqual(readdirSync(out), [], "no run folder written");
  });
}

test("bad CLI flags: one message, non-zero exit, nothing written", async () => {
  const dir = writeFiles({ "main.yaml": MINIMAL });
  for (const args of [["--seed", "-1"], ["--seed", "abc"], ["--horizon-days", "0"], ["--horizon-days", "1e12"], ["--bogus"]]) {
    const out = tempDir();
    const r = await cli(["run", join(dir, "main.yaml"), "--out", out, "--quiet", ...args]);
    assert.notEqual(r.code, 0, args.join(" "));
    assert.match(r.err, /--seed|--horizon-days|--bogus/);
    assert.deepEqual(readdirSync(out), []);
  }
});

test("validate reports every problem of a file, then exits 1", async () => {
  const bad = MINIMAL.replace("seed: 1", "seed: -1").replace("initial_issuance_tao: 6000000", "initial_issuance_tao: -5\n  colour: red");
  const dir = writeFiles({ "bad.yaml": bad, "good.yaml": MINIMAL });
  const r = await cli(["validate", join(dir, "good.yaml"), join(dir, "bad.yaml")]);
  assert.equal(r.code, 1);
  assert.match(r.out, /good\.yaml: ok/);
  const lines = r.err.trim().split("\n");
  assert.equal(lines.length, 3, r.err);
  assert.ok(lines.some((l) => /bad\.yaml:2:\d+  seed  /.test(l)));
  assert.ok(lines.some((l) => /bad\.yaml:9:\d+  token\.colour  unknown key/.test(l)));
});

test("extends: the derived file overrides key by key; issues point into the file that set the key", async () => {
  const dir = writeFiles({
    "base.yaml": MINIMAL,
    "child.yaml": `extends: base.yaml\nname: child\ntoken:\n  recycle_frac: 2\n`,
  });
  const r = await cli(["validate", join(dir, "child.yaml")]);
  assert.equal(r.code, 1);
  assert.match(r.err, /child\.yaml:4:17  token\.recycle_frac  /);
  const ok = writeFiles({ "base.yaml": MINIMAL, "child.yaml": `extends: base.yaml\nname: child\ntoken:\n  recycle_frac: 0.5\n` });
  const r2 = await cli(["validate", join(ok, "child.yaml")]);
  assert.equal(r2.code, 0, r2.err);
});
