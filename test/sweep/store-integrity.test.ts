// Sweep store integrity: every finished run records checksums of its files; on resume a run whose
// files are missing or changed, or whose run.json is damaged, is reported and run again (never
// counted done); a damaged manifest is a clean error for merge/report and rewritten on resume.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cli, MINIMAL, writeFiles } from "../helpers.js";

const SWEEP = `${MINIMAL.replace("days: 30", "days: 3")}sweep:
  grid:
    token.recycle_frac: [0.0, 0.1, 0.2]
  seeds: 2
`;

test("resume reruns runs whose files are missing or changed or whose run.json is damaged, and reports them", async () => {
  const dir = writeFiles({ "s.yaml": SWEEP });
  const out = join(dir, "out");
  const first = await cli(["sweep", join(dir, "s.yaml"), "--out", out, "--quiet", "--workers", "1"]);
  assert.equal(first.code, 0, first.err);
  const store = first.out.trim();
  const summary = readFileSync(join(store, "summary.csv"), "utf8");
  const runs = readdirSync(join(store, "runs")).sort();
  assert.equal(runs.length, 6);
  const rec = JSON.parse(readFileSync(join(store, "runs", runs[0]!, "run.json"), "utf8")) as { files: Record<string, string> };
  assert.match(rec.files["network.parquet"]!, /^[0-9a-f]{64}$/, "run.json records the checksum of network.parquet");

  rmSync(join(store, "runs", runs[0]!, "network.parquet"));
  const p1 = join(store, "runs", runs[1]!, "network.parquet");
  const bytes = readFileSync(p1);
  bytes[bytes.length >> 1] ^= 0xff;
  writeFileSync(p1, bytes);
  writeFileSync(join(store, "runs", runs[2]!, "run.json"), '{"index": 2, "id": ');
  writeFileSync(join(store, "runs", runs[3]!, "run.json"), "[]");

  const again = await cli(["sweep", join(dir, "s.yaml"), "--out", out, "--workers", "1"]);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /4 runs this session \(0 failed\), 2 already done/);
  assert.match(again.err, /4 run folder\(s\) were damaged/);
  assert.match(again.err, new RegExp(`${runs[0]}: network\\.parquet is missing`));
  assert.match(again.err, new RegExp(`${runs[1]}: network\\.parquet does not match its checksum`));
  assert.match(again.err, new RegExp(`${runs[2]}: run\\.json is not valid JSON`));
  assert.match(again.err, new RegExp(`${runs[3]}: run\\.json does not hold a run record`));
  assert.ok(!/\n\s+at /.test(again.err), "no stack trace");
  assert.equal(readFileSync(join(store, "summary.csv"), "utf8"), summary, "the repaired store has the same summary");
});

test("a damaged manifest: report and merge give one clean error; a resumed sweep rewrites it", async () => {
  const dir = writeFiles({ "s.yaml": SWEEP.replace("seeds: 2", "seeds: 1") });
  const out = join(dir, "out");
  const first = await cli(["sweep", join(dir, "s.yaml"), "--out", out, "--quiet", "--workers", "1"]);
  assert.equal(first.code, 0, first.err);
  const store = first.out.trim();
  writeFileSync(join(store, "manifest.json"), "{ not json");
  for (const args of [["report", store], ["merge", store, "--out", join(dir, "merged")]]) {
    const r = await cli(args);
    assert.equal(r.code, 1, `${args[0]}: ${r.err}`);
    assert.match(r.err, /manifest\.json is not valid JSON/);
    assert.equal(r.err.trim().split("\n").length, 1, r.err);
  }
  const again = await cli(["sweep", join(dir, "s.yaml"), "--out", out, "--quiet", "--workers", "1"]);
  assert.equal(again.code, 0, again.err);
  assert.equal(JSON.parse(readFileSync(join(store, "manifest.json"), "utf8")).kind, "taosim-sweep");
});
