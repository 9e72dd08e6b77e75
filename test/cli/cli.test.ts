/** The CLI's help, schema, supply calculator and exit codes. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { cli } from "../helpers.js";

test("--help lists the commands; each command has --help; no command is a usage error", async () => {
  const r = await cli(["--help"]);
  assert.equal(r.code, 0);
  for (const c of ["run", "validate", "schema", "supply"]) {
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
