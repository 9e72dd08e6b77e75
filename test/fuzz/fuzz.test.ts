// The fuzz property on 1,000 seeded cases (test/fuzz/harness.ts), in a child process whose heap is
// capped at 768 MB (so "RSS stays under 1 GB" is enforced by the runtime, not by luck of GC
// timing): every case is valid and runs 3 days, or gives issues that each carry file:line:col and a
// key path; no exception escapes, no case takes over 5 s, no message quotes a file the scenario
// may not read, and Object.prototype is never touched. `npm run fuzz -- --n 10000` runs more.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { packageRoot } from "../../src/paths.js";
import { makeCase } from "./mutator.js";
import { stream } from "../../src/rng.js";

test("fuzz: 1,000 mutated scenarios: valid, or located errors; no crash, hang, leak or pollution", { timeout: 600_000 }, () => {
  const root = packageRoot();
  const r = spawnSync(process.execPath, ["--max-old-space-size=768", "--import", "tsx", join(root, "scripts", "fuzz.ts"), "--n", "1000", "--seed", "20261204"], { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  assert.equal(r.status, 0, `fuzz found cases that break the property:\n${r.stdout.slice(0, 4000)}\n${r.stderr.slice(0, 2000)}`);
  const count = (o: string) => Number(new RegExp(`^${o}\\s+(\\d+)$`, "m").exec(r.stdout)?.[1] ?? NaN);
  for (const o of ["unlocated", "leak", "crash", "slow", "memory", "polluted"]) assert.equal(count(o), 0, `${o}:\n${r.stdout}`);
  // The mutator reaches both sides: runs that work and errors.
  assert.ok(count("valid") >= 100, `valid cases: ${count("valid")}`);
  assert.ok(count("invalid") >= 500, `invalid cases: ${count("invalid")}`);
  const peak = Number(/peak RSS (\d+) MiB/.exec(r.stdout)?.[1]);
  assert.ok(peak < 1024, `peak RSS ${peak} MiB`);
});

test("fuzz: a case is a function of its seed and index (reproducible)", () => {
  const a = makeCase(stream(7, "fuzz/case/42"));
  const b = makeCase(stream(7, "fuzz/case/42"));
  assert.deepEqual(a, b);
  assert.notDeepEqual(makeCase(stream(7, "fuzz/case/43")).files["fuzz.yaml"], a.files["fuzz.yaml"]);
});
