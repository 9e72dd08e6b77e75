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
  { name: "YAML syntax error", files: { "main.yaml": replace("seed: 1", "seed: [1") }, key: "(document)", message: /syntax/ },
  { name: "take above 18 %", files: { "main.yaml": replace("stake_tao: 1000", "stake_tao: 1000\n      take_frac: 0.5") }, line: 17, key: "populations.validators.v.take_frac", message: /≤ 0\.18/ },
  { name: "bad date", files: { "main.yaml": replace('"2024-01-01"', '"2024-02-31"') }, line: 4, key: "start.date", message: /calendar date/ },
  {
    name: "price CSV with a bad row",
    files: { "main.yaml": replace("  initial_issuance_tao: 6000000\n", "  initial_issuance_tao: 6000000\n  price: { process: csv, path: prices.csv }\n"), "prices.csv": "date,price_usd\n2024-01-01,300\n2024-01-05,abc\n" },
    line: 3,
    key: "token.price.path",
    message: /price_usd must be a positive number: "abc"/,
  },
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
