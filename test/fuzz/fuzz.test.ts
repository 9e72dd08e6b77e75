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
import { writeCase, writeOutside } from "./harness.js";
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

test("fuzz through the CLI: 100 cases of `taosim run --horizon-days 1`: exit 0 with a run folder, or exit 1 with located lines and nothing written", { timeout: 300_000 }, async () => {
  const { cli } = await import("../helpers.js");
  const { mkdirSync, mkdtempSync, readdirSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const root = mkdtempSync(join(tmpdir(), "taosim-clifuzz-"));
  writeOutside(root);
  const counts = { ok: 0, bad: 0 };
  try {
    for (let i = 0; i < 100; i++) {
      const c = makeCase(stream(99, `fuzz/cli/${i}`));
      const dir = join(root, `c${i}`);
      writeCase(dir, c);
      const out = join(dir, "runs");
      mkdirSync(out);
      const r = await cli(["run", join(dir, c.file), "--horizon-days", "1", "--out", out, "--quiet", "--threads", "1"]);
      const what = `case ${i} [${c.mutations.join(", ")}]: exit ${r.code}\n${r.err.slice(0, 600)}`;
      assert.ok(r.code === 0 || r.code === 1, what);
      assert.ok(!/\n\s+at |Error:/.test(r.err), `no stack trace: ${what}`);
      assert.ok(!/OUTSIDE_CONTENT|SECRET|do-not-print/.test(r.err), `no file content: ${what}`);
      if (r.code === 1) {
        counts.bad++;
        assert.deepEqual(readdirSync(out), [], `nothing written: ${what}`);
        for (const line of r.err.trim().split("\n")) {
          if (/^note: /.test(line)) continue;
          assert.match(line, /^\S+:\d+:\d+ {2}(?!\(document\)).+? {2}\S|^\S+ {2}\(document\) {2}(file not found|the file is)|^\S+:1:1 {2}\(document\) {2}a scenario must be a mapping/, what);
        }
      } else {
        counts.ok++;
        assert.equal(readdirSync(out).length, 1, what);
      }
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  assert.ok(counts.ok >= 10 && counts.bad >= 50, JSON.stringify(counts));
});
