/** Bad replay input: one clear error naming the field, exit 1, nothing written. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, tempDir, writeFiles } from "../helpers.js";

const good = {
  format: "yuma-case/1",
  name: "t",
  source: { kind: "other", ref: "test" },
  settings: { bond_model: "classic", liquid_alpha: false, kappa: 0.5, bonds_penalty: 1, bonds_moving_average: 900000, max_allowed_validators: 64, activity_cutoff: 5000 },
  n: 3,
  tolerance: {},
  epochs: [{ block: 361, stake: [600, 400, 0] }, { block: 722, weights: { "0": { dests: [2], values: [65535] }, "1": [0, 0, 65535] } }],
};

function variant(mutate: (c: typeof good & Record<string, unknown>) => void): string {
  const c = structuredClone(good) as typeof good & Record<string, unknown>;
  mutate(c);
  return JSON.stringify(c, null, 1);
}

const cases: [string, string, RegExp][] = [
  ["malformed JSON", '{"format": "yuma-case/1", "n": 3,,}', /^\S+:1:34  n  malformed JSON: expected a key in double quotes$/],
  ["empty file", "", /^\S+:1:1  \(document\)  malformed JSON: the file is empty/],
  ["blank file", "\n  \n", /^\S+:1:1  \(document\)  malformed JSON: the file is empty/],
  ["NaN stake (not JSON)", JSON.stringify(good).replace("[600,400,0]", "[600,NaN,0]"), /^\S+:1:\d+  epochs\.0\.stake\.1  malformed JSON: NaN is not a JSON number/],
  ["NaN weights, pretty-printed", variant(() => undefined).replace(/("values": \[\s*)65535/, "$1NaN"), /^\S+:\d+:\d+  epochs\.1\.weights\.0\.values\.0  malformed JSON: NaN is not a JSON number/],
  ["Infinity weight", JSON.stringify(good).replace("[0,0,65535]", "[0,-Infinity,65535]"), /  epochs\.1\.weights\.1\.1  malformed JSON: -Infinity is not a JSON number/],
  ["truncated file", JSON.stringify(good).slice(0, 60), /:1:61  source\.kind  malformed JSON: the text ends early$/],
  ["__proto__ key", JSON.stringify(good).replace('"tolerance":{}', '"tolerance":{"__proto__":{"incentive":1}}'), /  tolerance  malformed JSON: the key "__proto__" is reserved/],
  ["negative stake", variant((c) => (c.epochs[0]!.stake = [600, -1, 0])), /  epochs\.0\.stake\.1  stake must be ≥ 0$/],
  ["ragged stake", variant((c) => (c.epochs[0]!.stake = [600, 400])), /  epochs\.0\.stake  has 2 entries, n is 3$/],
  ["ragged dense weights", variant((c) => ((c.epochs[1]!.weights as Record<string, unknown>)["1"] = [0, 65535])), /  epochs\.1\.weights\.1  dense row has 2 values, n is 3$/],
  ["weights to uid ≥ n", variant((c) => ((c.epochs[1]!.weights as Record<string, unknown>)["0"] = { dests: [3], values: [65535] })), /  epochs\.1\.weights\.0\.dests\.0  weight to uid 3 ≥ n \(3\)$/],
  ["unknown bond model", variant((c) => ((c.settings as Record<string, unknown>).bond_model = "yuma4")), /  settings\.bond_model  unknown bond model; expected one of: classic, yuma3$/],
  ["missing field", variant((c) => delete (c as Record<string, unknown>).n), /  n  required field is missing$/],
];

for (const [name, text, re] of cases) {
  test(`replay input: ${name}`, async () => {
    const dir = writeFiles({ "case.json": text });
    const out = join(tempDir(), "out.json");
    const r = await cli(["yuma", join(dir, "case.json"), "--out", out]);
    assert.equal(r.code, 1, r.err);
    const lines = r.err.trim().split("\n");
    assert.equal(lines.length, 1, r.err);
    assert.match(lines[0]!, re);
    assert.match(lines[0]!, /case\.json(:\d+:\d+)?  /);
    assert.ok(!existsSync(out), "nothing written");
  });
}

test("replay: the README's minimal example gives its documented outputs", async () => {
  const dir = writeFiles({ "case.json": JSON.stringify(good) });
  const out = join(tempDir(), "out.json");
  const r = await cli(["yuma", join(dir, "case.json"), "--out", out, "--csv", join(dir, "csv")]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(readFileSync(out, "utf8"));
  assert.equal(j.epochs.length, 2);
  assert.deepEqual(j.epochs[0].emission, [0.6, 0.4, 0]);
  assert.deepEqual(j.epochs[0].validator_permit, [true, true, false]);
  assert.deepEqual(j.epochs[1].incentive, [0, 0, 1]);
  assert.deepEqual(j.epochs[1].bonds, [[0, 0, 65535], [0, 0, 43690], [0, 0, 0]]);
  const csv = readFileSync(join(dir, "csv", "neurons.csv"), "utf8").trim().split("\n");
  assert.equal(csv.length, 1 + 2 * 3);
  assert.match(readFileSync(join(dir, "csv", "bonds.csv"), "utf8"), /^epoch,i,j,bond\n1,0,2,65535\n1,1,2,43690\n$/);
});

test("replay: unknown --bond-model is a usage error", async () => {
  const dir = writeFiles({ "case.json": JSON.stringify(good) });
  const r = await cli(["yuma", join(dir, "case.json"), "--bond-model", "nope"]);
  assert.equal(r.code, 2);
});
