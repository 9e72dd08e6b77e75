/** The CLI's help, schema, supply calculator and exit codes. */
import { retentionBaselinePath } from "../../src/experiments/collusion-retention.js";
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../helpers.js";

test("--help lists the commands; each command has --help; no command is a usage error", async () => {
  const r = await cli(["--help"]);
  assert.equal(r.code, 0);
  for (const c of ["run", "validate", "schema", "supply", "experiment"]) {
    assert.match(r.out, new RegExp(`\\n  ${c} `));
    const h = await cli([c, "--help"]);
    assert.equal(h.code, 0);
    assert.match(h.out, new RegExp(`Usage: taosim ${c}`));
  }
  assert.equal((await cli([])).code, 2);
  const u = await cli(["frobnicate"]);
  assert.equal(u.code, 2);
  assert.match(u.err, /unknown command "frobnicate"/);
});

test("schema prints a JSON Schema that names the scenario keys", async () => {
  const r = await cli(["schema"]);
  assert.equal(r.code, 0);
  const js = JSON.parse(r.out);
  assert.equal(js.type, "object");
  for (const k of ["name", "seed", "start", "horizon", "token", "network", "populations"]) assert.ok(k in js.properties, k);
  assert.ok(JSON.stringify(js).includes("recycle_frac"));
  assert.deepEqual(js.properties.token.additionalProperties, false);
});

test("supply: the next halving from 8.167M on 2025-01-14 with 3 % recycling (table and JSON)", async () => {
  const r = await cli(["supply", "--issuance-tao", "8167000", "--date", "2025-01-14", "--recycle-frac", "0.03", "--until", "2031-01-01"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1 TAO\/block/);
  assert.match(r.out, /^\s+1\s+10,500,000\s+0\.5\s+\d+\s+2025-12-14/m);
  const j = await cli(["supply", "--issuance-tao", "10500000", "--date", "2025-12-14", "--json", "--until", "2034-01-01"]);
  const s = JSON.parse(j.out);
  assert.equal(s.block_emission_tao, 0.5);
  assert.equal(s.halvings.length, 2);
  assert.match(s.halvings[0].date, /^2029-12-1[0-2]$/);
  assert.match(s.halvings[1].date, /^2033-12-0[7-9]$/);
  assert.equal(s.halvings[0].issuance_tao, 15_750_000);
});

test("supply: bad flags are one clear message and exit 2", async () => {
  for (const args of [[], ["--issuance-tao", "x", "--date", "2025-01-01"], ["--issuance-tao", "1", "--date", "2025-13-01"], ["--issuance-tao", "1", "--date", "2025-01-01", "--recycle-frac", "1.5"], ["--issuance-tao", "3e7", "--date", "2025-01-01"]]) {
    const r = await cli(["supply", ...args]);
    assert.equal(r.code, 2, args.join(" "));
    assert.equal(r.err.split("\n")[0]!.startsWith("taosim supply: "), true, r.err);
  }
});

test("supply --subnet-alpha: the first alpha halving date, the yearly issuance, JSON", async () => {
  const r = await cli(["supply", "--subnet-alpha", "0", "--start", "2025-02-13"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /1 alpha\/block out \+ 1 in/);
  assert.match(r.out, /^\s+1\s+10,500,000\s+0\.5\s+5250000\s+2027-02-12\s+729\.2$/m);
  assert.match(r.out, /^\s+4\s+19,687,500\s+0\.0625\s+21000000\s+2033-02-07/m);
  assert.match(r.out, /^\s+1\s+2026-02-13\s+5,256,000\s+1\s/m);
  assert.deepEqual([...r.out.matchAll(/^\s+(\d+)\s+\d{4}-\d\d-\d\d\s+[\d,]+\s+[\d.]+\s+[\d,]+\s+[\d,]+$/gm)].map((m) => m[1]), ["1", "2", "4", "10"]);
  const j = await cli(["supply", "--subnet-alpha", "3000000", "--date", "2025-06-01", "--root-stake-tao", "5000000", "--years", "4", "--block", "100", "--json"]);
  assert.equal(j.code, 0, j.err);
  const s = JSON.parse(j.out);
  assert.equal(s.tao_weight, 0.18);
  assert.ok(Math.abs(s.root_prop - 900_000 / 3_900_000) < 1e-12);
  assert.equal(s.years.length, 4);
  assert.equal(s.halvings[0].issuance_alpha, 10_500_000);
  assert.equal(s.halvings[0].block, 100 + s.halvings[0].blocks_from_start);
  assert.match((await cli(["supply", "--help"])).out, /--subnet-alpha A/);
});

test("supply --subnet-alpha: bad flags name the flag on one line and exit 2", async () => {
  const base = ["--date", "2025-01-01"];
  for (const [args, msg] of [
    [["--subnet-alpha", "-1", ...base], /^taosim supply: --subnet-alpha must be between 0 and 21,000,000, got -1$/],
    [["--subnet-alpha", "abc", ...base], /^taosim supply: --subnet-alpha must be a number, got "abc"$/],
    [["--subnet-alpha", "1", ...base, "--alpha-in-frac", "1.5"], /^taosim supply: --alpha-in-frac must be in \[0, 1\], got 1\.5$/],
    [["--subnet-alpha", "1", ...base, "--recycle-frac", "-0.1"], /^taosim supply: --recycle-frac must be in \[0, 1\], got -0\.1$/],
    [["--subnet-alpha", "1", ...base, "--root-stake-tao", "x"], /^taosim supply: --root-stake-tao must be a number/],
    [["--subnet-alpha", "1", ...base, "--tao-weight", "0.2"], /^taosim supply: --tao-weight needs --root-stake-tao$/],
    [["--subnet-alpha", "1", ...base, "--years", "0"], /^taosim supply: --years must be an integer from 1 to 100, got 0$/],
    [["--subnet-alpha", "1", ...base, "--until", "2030-01-01"], /^taosim supply: --until applies to --issuance-tao/],
    [["--subnet-alpha", "1", "--start", "2025-02-30"], /^taosim supply: --start must be a date YYYY-MM-DD, got "2025-02-30"$/],
    [["--subnet-alpha", "1"], /^taosim supply: --date is required$/],
    [["--subnet-alpha", "1", "--issuance-tao", "1", ...base], /^taosim supply: give --issuance-tao or --subnet-alpha, not both$/],
    [["--issuance-tao", "1", ...base, "--alpha-in-frac", "0.5"], /^taosim supply: --alpha-in-frac needs --subnet-alpha$/],
  ] as const) {
    const r = await cli(["supply", ...args]);
    assert.equal(r.code, 2, args.join(" "));
    assert.match(r.err.split("\n")[0]!, msg, args.join(" "));
    assert.equal(r.out, "");
    assert.doesNotMatch(r.err, /\n\s+at /);
  }
});

test("validate: every scenario shipped in scenarios/ is valid", async () => {
  const files = readdirSync("scenarios").filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join("scenarios", f));
  assert.ok(files.length >= 3);
  const r = await cli(["validate", ...files]);
  assert.equal(r.code, 0, r.err);
});

test("scenario.schema.json at the repo root is the current schema (regenerate: taosim schema > scenario.schema.json)", async () => {
  const { readFileSync } = await import("node:fs");
  const r = await cli(["schema"]);
  assert.equal(readFileSync("scenario.schema.json", "utf8"), r.out + "\n");
});

test("experiment collusion-retention: --json has the points and settings; the table compares with the published curve", async () => {
  const r = await cli(["experiment", "collusion-retention", "--honest-stake", "0.6,0.7", "--seeds", "2", "--json"]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.points.length, 2);
  for (const p of j.points) {
    for (const k of ["honest_stake_frac", "required_honest_utility_frac", "required_honest_utility_interp_frac", "worst_cabal_utility_frac", "retained", "honest_emission_frac", "published_required_honest_utility_frac"]) assert.ok(k in p, k);
    assert.equal(p.retained, true);
    assert.ok(Math.abs(p.required_honest_utility_frac - (p.honest_stake_frac === 0.6 ? 0.733 : 0.749)) <= 0.03, JSON.stringify(p));
  }
  assert.deepEqual(
    { ...j.settings },
    { kappa: 0.5, bonds_penalty: 1, xi: 0.5, sigma: 0.4, stake_sigma: 0.3, uids: 512, validators: 64, seeds: 2, grid_step: 0.02, seed: 0 },
  );
  assert.match(r.err, /^S_H 0\.60 \(1\/2\): W_H 0\.\d\d against W_C/m);
  const t = await cli(["experiment", "collusion-retention", "--honest-stake", "0.6", "--seeds", "1", "--grid-step", "0.1"]);
  assert.equal(t.code, 0, t.err);
  assert.match(t.out, /S_H\s+required W_H\s+contour W_H\s+worst W_C/);
  // The published column needs the shared spec data (paths.ts :: sharedDir); without it the row shows "-".
  if (existsSync(retentionBaselinePath())) assert.match(t.out, /^0\.60\s+0\.\d0\s+0\.\d{3}\s+0\.\d0\s+0\.\d{3}\s+0\.733\s+[-+]0\.\d{3}\s+0\.80$/m);
  else assert.match(t.out, /^0\.60\s+0\.\d0\s+0\.\d{3}\s+0\.\d0\s+0\.\d{3}\s+-\s+-\s+-$/m);
});

test("experiment: bad flags and unknown experiments are one clear line and exit 2", async () => {
  for (const args of [
    ["collusion-retention", "--honest-stake", "1.5"],
    ["collusion-retention", "--honest-stake", "0.6", "--seeds", "0"],
    ["collusion-retention", "--honest-stake", "0.6,abc"],
    ["collusion-retention", "--honest-stake", "0.6", "--grid-step", "0.03"],
    ["collusion-retention", "--honest-stake", "0.6", "--kappa", "1.2"],
    ["collusion-retention", "--honest-stake", "0.6", "--frobnicate"],
    ["collusion-retention"],
    ["no-such-experiment"],
    [],
  ]) {
    const r = await cli(["experiment", ...args]);
    assert.equal(r.code, 2, args.join(" "));
    if (args.length > 0) {
      const first = r.err.split("\n")[0]!;
      assert.ok(first.startsWith("taosim experiment: "), r.err);
      assert.equal(r.out, "", args.join(" "));
    }
  }
  assert.match((await cli(["experiment", "no-such-experiment"])).err, /unknown experiment "no-such-experiment" \(known: collusion-retention\)/);
  assert.match((await cli(["experiment", "collusion-retention", "--honest-stake", "1.5"])).err, /--honest-stake must be in \(0, 1\), got 1\.5/);
  assert.match((await cli(["experiment", "collusion-retention", "--honest-stake", "0.6", "--seeds", "0"])).err, /--seeds must be an integer ≥ 1, got 0/);
  const h = await cli(["experiment", "collusion-retention", "--help"]);
  assert.equal(h.code, 0);
  assert.match(h.out, /Usage: taosim experiment collusion-retention --honest-stake/);
});
