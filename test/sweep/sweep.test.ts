// Sweeps: expansion, bad input before anything runs, determinism across workers and shards,
// failed runs, resume after kill -9, reading the store back and the report.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cli, MINIMAL, tempDir, writeFiles } from "../helpers.js";
import { loadScenario } from "../../src/index.js";
import { NETWORK_COLUMNS } from "../../src/network-columns.js";
import { planSweep } from "../../src/sweep/expand.js";
import { loadSweep } from "../../src/sweep/load.js";

const columns = NETWORK_COLUMNS.map((c) => c.name);
const SWEEP = `${MINIMAL.replace("days: 30", "days: 6")}sweep:
  grid:
    token.recycle_frac: [0.0, 0.1]
    populations.validators.v.take_frac: [0.09, 0.18]
  zip:
    populations.stakers.s.count: [10, 20]
    populations.miners.m.count: [4, 6]
  seeds: 2
`;

test("grid × zip × seeds: 2 × 2 × 2 × 2 runs in a fixed order (last grid path fastest), hashed ids", () => {
  const dir = writeFiles({ "s.yaml": SWEEP });
  const p = planSweep(loadScenario(join(dir, "s.yaml")), columns);
  assert.ok(p.ok);
  const runs = p.value.runs;
  assert.equal(runs.length, 16);
  assert.deepEqual(p.value.paths, ["token.recycle_frac", "populations.validators.v.take_frac", "populations.stakers.s.count", "populations.miners.m.count"]);
  assert.deepEqual(runs.slice(0, 4).map((r) => [r.params["token.recycle_frac"], r.params["populations.validators.v.take_frac"], r.params["populations.stakers.s.count"], r.seed]), [
    [0, 0.09, 10, 1],
    [0, 0.09, 10, 2],
    [0, 0.09, 20, 1],
    [0, 0.09, 20, 2],
  ]);
  assert.equal(runs[4]!.params["populations.validators.v.take_frac"], 0.18);
  // zip steps its lists together.
  for (const r of runs) assert.equal(r.params["populations.miners.m.count"], r.params["populations.stakers.s.count"] === 10 ? 4 : 6);
  assert.equal(new Set(runs.map((r) => r.id)).size, 16);
  const again = planSweep(loadScenario(join(dir, "s.yaml")), columns);
  assert.ok(again.ok);
  assert.deepEqual(again.value.runs.map((r) => r.id), runs.map((r) => r.id));
});

test("bad sweep input: one clear line per problem with file:line, exit 1, nothing written", async () => {
  const cases: [string, RegExp][] = [
    [SWEEP.replace("token.recycle_frac:", "token.recycle_fraction:"), /s\.yaml:\d+:\d+ {2}sweep\.grid\.token\.recycle_fraction {2}token\.recycle_fraction: unknown key "recycle_fraction"/],
    [SWEEP.replace("[4, 6]", "[4, 6, 8]"), /s\.yaml:\d+:\d+ {2}sweep\.zip\.populations\.miners\.m\.count {2}3 values, but sweep\.zip\.populations\.stakers\.s\.count has 2: zip lists must have the same length/],
    [SWEEP.replace("seeds: 2", "seeds: 1000000"), /s\.yaml:\d+:\d+ {2}sweep\.max_runs {2}the sweep expands to 8,000,000 runs, more than max_runs \(10,000\): raise sweep\.max_runs to run it/],
    [SWEEP.replace("[0.0, 0.1]", "[0.0, 1.7]"), /sweep\.grid\.token\.recycle_frac\[1\] {2}token\.recycle_frac: /],
  ];
  for (const [text, want] of cases) {
    const dir = writeFiles({ "s.yaml": text });
    const out = join(dir, "out");
    const r = await cli(["sweep", join(dir, "s.yaml"), "--out", out, "--quiet"]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, want);
    assert.equal(r.err.split("\n").length, 1, r.err);
    assert.ok(!r.err.includes("    at "), "no stack trace");
    assert.ok(!existsSync(out), "nothing written");
  }
});

test("same sweep ⇒ byte-identical summary.csv with 1 worker, 2 workers and 2 shards merged", async () => {
  const dir = writeFiles({ "s.yaml": SWEEP });
  const file = join(dir, "s.yaml");
  const summary = (out: string) => {
    const [store] = readdirSync(out);
    return readFileSync(join(out, store!, "summary.csv"));
  };
  assert.equal((await cli(["sweep", file, "--out", join(dir, "w1"), "--workers", "1", "--quiet"])).code, 0);
  assert.equal((await cli(["sweep", file, "--out", join(dir, "w2"), "--workers", "2", "--quiet"])).code, 0);
  assert.equal((await cli(["sweep", file, "--out", join(dir, "s0"), "--workers", "1", "--shard", "0/2", "--quiet"])).code, 0);
  assert.equal((await cli(["sweep", file, "--out", join(dir, "s1"), "--workers", "2", "--shard", "1/2", "--quiet"])).code, 0);
  const [id] = readdirSync(join(dir, "w1"));
  const m = await cli(["merge", join(dir, "s0", id!), join(dir, "s1", id!), "--out", join(dir, "merged", id!)]);
  assert.equal(m.code, 0, m.err);
  const one = summary(join(dir, "w1"));
  assert.equal(one.toString().trim().split("\n").length, 17);
  assert.ok(one.equals(summary(join(dir, "w2"))), "2 workers");
  assert.ok(one.equals(summary(join(dir, "merged"))), "2 shards merged");
  assert.ok(readFileSync(join(dir, "w1", id!, "summary.parquet")).equals(readFileSync(join(dir, "merged", id!, "summary.parquet"))));
  // A second run of the same command skips everything.
  const again = await cli(["sweep", file, "--out", join(dir, "w1"), "--workers", "2"]);
  assert.match(again.out, /0 runs this session \(0 failed\), 16 already done/);
  // The store reads back into DataFrames.
  const s = loadSweep(join(dir, "w1", id!));
  assert.deepEqual(s.summary.shape, [16, 3 + 4 + 1 + 2 * 12 + 1]);
  const ser = await s.series([0, 5]);
  assert.equal(ser.shape[0], 2 * 7);
  // The report.
  const rep = await cli(["report", join(dir, "w1", id!)]);
  assert.equal(rep.code, 0, rep.err);
  const html = readFileSync(join(dir, "w1", id!, "report.html"), "utf8");
  assert.match(html, /median and 5–95 % across seeds/);
});

test("a failing run is recorded with its error, the others run, the exit status counts the failures", async () => {
  // Stakers' total stake above the issuance does not compile: one of three variants fails.
  const text = `${MINIMAL.replace("days: 30", "days: 3")}sweep:
  grid:
    populations.stakers.s.stake_tao: [50, 1000000, 60]
`;
  const dir = writeFiles({ "f.yaml": text });
  const r = await cli(["sweep", join(dir, "f.yaml"), "--out", join(dir, "out"), "--workers", "1", "--quiet"]);
  assert.equal(r.code, 101, r.err);
  const [id] = readdirSync(join(dir, "out"));
  const rows = readFileSync(join(dir, "out", id!, "summary.csv"), "utf8").trim().split("\n").slice(1);
  assert.equal(rows.length, 3);
  assert.match(rows[1]!, /,failed,.*more than the 6000000 TAO issued/);
  assert.match(rows[0]!, /,ok,/);
  assert.match(rows[2]!, /,ok,/);
});

test("resume: a sweep killed midway (kill -9) and run again equals an uninterrupted one", { timeout: 300_000 }, async () => {
  const text = `${MINIMAL.replace("days: 30", "days: 120")}sweep:
  grid:
    token.recycle_frac: [0.0, 0.05, 0.1, 0.15]
  seeds: 6
`;
  const dir = writeFiles({ "r.yaml": text });
  const file = join(dir, "r.yaml");
  const full = join(dir, "full");
  assert.equal((await cli(["sweep", file, "--out", full, "--workers", "2", "--quiet"])).code, 0);
  const [id] = readdirSync(full);
  const runsDir = join(dir, "cut", id!, "runs");
  // Start the CLI in its own process and kill it once a few runs are committed.
  const child = spawn(process.execPath, ["bin/taosim.mjs", "sweep", file, "--out", join(dir, "cut"), "--workers", "2", "--quiet"], { stdio: "ignore" });
  const exited = new Promise((r) => child.on("exit", r));
  let seen = 0;
  for (let k = 0; k < 600 && seen < 4; k++) {
    await new Promise((r) => setTimeout(r, 50));
    seen = existsSync(runsDir) ? readdirSync(runsDir).length : 0;
  }
  child.kill("SIGKILL");
  await exited;
  const before = readdirSync(runsDir).length;
  assert.ok(before >= 4 && before < 24, `killed midway: ${before} of 24 runs committed`);
  const r = await cli(["sweep", file, "--out", join(dir, "cut"), "--workers", "2"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`${24 - before} runs this session \\(0 failed\\), ${before} already done`));
  assert.ok(readFileSync(join(full, id!, "summary.csv")).equals(readFileSync(join(dir, "cut", id!, "summary.csv"))), "summary.csv");
  assert.ok(readFileSync(join(full, id!, "summary.parquet")).equals(readFileSync(join(dir, "cut", id!, "summary.parquet"))), "summary.parquet");
  const names = readdirSync(join(full, id!, "runs"));
  assert.deepEqual(readdirSync(runsDir).sort(), names.sort());
  for (const n of names) {
    assert.ok(readFileSync(join(full, id!, "runs", n, "network.parquet")).equals(readFileSync(join(runsDir, n, "network.parquet"))), n);
  }
  assert.ok(!existsSync(join(dir, "cut", id!, "tmp")), "runs in flight cleared");
});

test("sweep --help and --dry-run", async () => {
  const h = await cli(["sweep", "--help"]);
  assert.equal(h.code, 0);
  assert.match(h.out, /--workers N/);
  assert.match(h.out, /--shard i\/N/);
  const dir = writeFiles({ "s.yaml": SWEEP });
  const d = await cli(["sweep", join(dir, "s.yaml"), "--dry-run"]);
  assert.equal(d.code, 0);
  assert.match(d.out, /16 runs = 8 variants × 2 seed\(s\)/);
  assert.ok(!existsSync(join(tempDir(), "runs")));
});

test("the default summary columns are network columns", async () => {
  const { DEFAULT_SUMMARY_COLUMNS } = await import("../../src/sweep/expand.js");
  for (const c of DEFAULT_SUMMARY_COLUMNS) assert.ok(columns.includes(c), c);
});

test("merge refuses stores of different sweeps; report rebuilds a run folder's report and refuses other folders", async () => {
  const a = writeFiles({ "a.yaml": SWEEP.replace("seeds: 2", "seeds: 1").replace("days: 6", "days: 2") });
  const b = writeFiles({ "b.yaml": SWEEP.replace("seeds: 2", "seeds: 1").replace("days: 6", "days: 3") });
  assert.equal((await cli(["sweep", join(a, "a.yaml"), "--out", join(a, "out"), "--workers", "1", "--quiet"])).code, 0);
  assert.equal((await cli(["sweep", join(b, "b.yaml"), "--out", join(b, "out"), "--workers", "1", "--quiet"])).code, 0);
  const [ida] = readdirSync(join(a, "out"));
  const [idb] = readdirSync(join(b, "out"));
  const m = await cli(["merge", join(a, "out", ida!), join(b, "out", idb!)]);
  assert.equal(m.code, 1);
  assert.match(m.err, /only stores of one sweep can be merged/);
  const run = await cli(["run", join(a, "a.yaml"), "--out", join(a, "single"), "--quiet"]);
  assert.equal(run.code, 0, run.err);
  const folder = run.out.trim();
  const rep = await cli(["report", folder, "--out", join(a, "r.html")]);
  assert.equal(rep.code, 0, rep.err);
  assert.match(readFileSync(join(a, "r.html"), "utf8"), /taosim run: tiny/);
  const bad = await cli(["report", a]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /neither a sweep store .* nor a run folder/);
});
