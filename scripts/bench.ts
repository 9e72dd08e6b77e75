/**
 * `npm run bench`: speed and peak memory of reference workloads, each in a fresh child process so
 * its peak RSS is its own. Prints tables; never asserts (speed is measured, not tested).
 *
 * Runs (whole simulations, compile included):
 *   supply-only-10y   scenarios/supply-only.yaml: issuance over 3,652 days, no agents
 *   default-1y        the built-in default (mainnet-2023): 32 subnets, 40 validators,
 *                     5,000 nominators, 990 miners over 365 days
 *   default-10y       the same over 3,652 days
 *   economy-yuma-1y   scenarios/mainnet-2023-yuma.yaml: the same network at full subnets
 *                     (32 × 256 uids) under the chain's Yuma epoch, tempo 360, noisy honest
 *                     validators setting weights every epoch, over 365 days; with the
 *                     machine's threads (a worker draws the validators' noise when there are 2+)
 *   economy-yuma-1y-1thread  the same on one thread
 *   full-network-2023-1y     scenarios/full-network-2023.yaml: the same economy at the whole
 *                     network's size (128 × 256 uids), over 365 days, with the machine's threads
 *   mainnet-2026-1y   scenarios/mainnet-2026.yaml: the dTAO economy today (era F) at 128 subnets,
 *                     64 validators, 9,500 stakers, 8,192 miners, `ideal` consensus, 365 days;
 *                     every block's coinbase over every pool (target: ≤ 20 s, ≤ 1.5 GB)
 *   mainnet-2026-yuma-1y  the same under the chain's Yuma epoch (network.consensus = yuma: 128
 *                     subnets × 128 uids, validators setting noisy weights every epoch)
 *   history           scenarios/history.yaml: 2023-11-20 → 2026-12-04 through every era
 * Sweeps (`--sweep`): scenarios/sweep-bench.yaml (one subnet, 64 validators × 256 uids, one year,
 * `ideal` consensus) as `taosim sweep` runs it, each into a fresh store: 1,000 seeds on 2 workers
 * (the target) and on 1 (the speed-up), and 100 seeds on 2 workers: peak RSS of the whole process
 * (workers included) at 100 and at 1,000 runs shows whether memory grows with the number of runs.
 * Yuma epochs (single thread, one subnet): V validators × N uids, every validator re-sets noisy
 * weights on every other uid before each epoch (not timed); the epoch alone is timed, after a
 * warm-up, for each bond model.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadScenarioFile } from "../src/scenario/load.js";
import { formatIssue } from "../src/scenario/issues.js";
import { NETWORK_COLUMNS } from "../src/network-columns.js";
import { planSweep } from "../src/sweep/expand.js";
import { runSweep } from "../src/sweep/run-sweep.js";
import { defaultScenarioPath, loadScenario, runScenario } from "../src/index.js";
import { syntheticSubnet } from "../src/yuma/synthetic.js";
import type { YumaSettings } from "../src/yuma/settings.js";

interface RunCase {
  kind: "run";
  name: string;
  file: () => string;
  horizonDays?: number;
  threads?: number;
  /** Parameter overrides (dotted paths), as `taosim run --set`. */
  overrides?: Record<string, unknown>;
  repeats: number;
}
interface YumaCase {
  kind: "yuma";
  name: string;
  validators: number;
  uids: number;
  model: string;
  settings: Partial<YumaSettings>;
  epochs: number;
}
interface SweepCase {
  kind: "sweep";
  name: string;
  runs: number;
  workers: number;
}
interface ScaleCase {
  kind: "scale";
  name: string;
  axis: "subnets" | "uids" | "validators" | "days";
  subnets: number;
  uids: number;
  validators: number;
  days: number;
}
type Case = RunCase | YumaCase | SweepCase | ScaleCase;

/**
 * The scale study (`--scale`): scenarios/mainnet-2023-yuma.yaml (Yuma epoch, noisy honest
 * validators every epoch, tempo 360) around a base point, one axis at a time: subnets, uids per
 * subnet (every uid not a validator's holds a miner), validators (64 permits, the chain's default)
 * and horizon. One thread; simulate time only (compile excluded) and the process's peak RSS.
 */
const SCALE_BASE = { subnets: 32, uids: 512, validators: 16, days: 10 };
const SCALE_AXES: [ScaleCase["axis"], number[]][] = [
  ["subnets", [8, 32, 128]],
  ["uids", [64, 256, 1024]],
  ["validators", [16, 64, 256]],
  ["days", [5, 10, 20, 40]],
];
const SCALE_CASES: ScaleCase[] = SCALE_AXES.flatMap(([axis, values]) =>
  values.map((x): ScaleCase => {
    const p = { ...SCALE_BASE, [axis]: x };
    return { kind: "scale", name: `scale ${axis} ${p.subnets}x${p.uids}x${p.validators}x${p.days}d`, axis, ...p };
  }),
);

const LA = { alpha_low: 45875 / 65535, alpha_high: 58982 / 65535, steepness: 1000 };
const MODELS: [string, Partial<YumaSettings>][] = [
  ["classic", { bond_model: "classic" }],
  ["yuma3", { bond_model: "yuma3" }],
  ["yuma3-la", { bond_model: "yuma3", liquid_alpha: LA }],
];
const SHAPES: [number, number, number][] = [
  [64, 256, 4000],
  [64, 1024, 1000],
  [256, 256, 1000],
];

const CASES: Case[] = [
  { kind: "run", name: "supply-only-10y", file: () => "scenarios/supply-only.yaml", repeats: 5 },
  { kind: "run", name: "default-1y", file: defaultScenarioPath, repeats: 3 },
  { kind: "run", name: "default-10y", file: defaultScenarioPath, horizonDays: 3652, repeats: 1 },
  { kind: "run", name: "economy-yuma-1y", file: () => "scenarios/mainnet-2023-yuma.yaml", repeats: 1 },
  { kind: "run", name: "economy-yuma-1y-1thread", file: () => "scenarios/mainnet-2023-yuma.yaml", threads: 1, repeats: 1 },
  { kind: "run", name: "full-network-2023-1y", file: () => "scenarios/full-network-2023.yaml", repeats: 1 },
  { kind: "run", name: "mainnet-2026-1y", file: () => "scenarios/mainnet-2026.yaml", repeats: 1 },
  { kind: "run", name: "mainnet-2026-yuma-1y", file: () => "scenarios/mainnet-2026.yaml", overrides: { "network.consensus": "yuma" }, repeats: 1 },
  { kind: "run", name: "history", file: () => "scenarios/history.yaml", repeats: 1 },
  { kind: "sweep", name: "sweep 100 × 2 workers", runs: 100, workers: 2 },
  { kind: "sweep", name: "sweep 1000 × 2 workers", runs: 1000, workers: 2 },
  { kind: "sweep", name: "sweep 1000 × 1 worker", runs: 1000, workers: 1 },
  ...SCALE_CASES,
  ...SHAPES.flatMap(([v, n, epochs]) =>
    MODELS.map(([model, settings]): YumaCase => ({ kind: "yuma", name: `yuma ${v}x${n} ${model}`, validators: v, uids: n, model, settings, epochs })),
  ),
];

function runChild(c: RunCase): Record<string, number> {
  const loaded = loadScenario(c.file());
  const times: number[] = [];
  let events = 0;
  let rows = 0;
  let workers = 0;
  for (let i = 0; i < c.repeats; i++) {
    const t0 = performance.now();
    const r = runScenario(loaded, { ...(c.horizonDays !== undefined ? { horizonDays: c.horizonDays } : {}), ...(c.threads !== undefined ? { threads: c.threads } : {}), ...(c.overrides ? { overrides: c.overrides } : {}) });
    times.push(performance.now() - t0);
    events = r.events;
    rows = r.tables.network.rows;
    workers = r.runtime.workers_started;
  }
  times.sort((a, b) => a - b);
  return { median_ms: times[Math.floor(times.length / 2)]!, min_ms: times[0]!, events, rows, workers };
}

function yumaChild(c: YumaCase): Record<string, number> {
  const syn = syntheticSubnet({
    validators: c.validators,
    uids: c.uids,
    seed: 1,
    settings: { ...c.settings, max_allowed_validators: c.validators, activity_cutoff: 5000, tempo: 360 },
  });
  let block = 361;
  syn.subnet.epoch(block); // issues the first permits
  const warm = Math.max(50, c.epochs / 10);
  let timed = 0;
  for (let e = 0; e < warm + c.epochs; e++) {
    block += 361;
    syn.setWeights(block);
    const t0 = performance.now();
    syn.subnet.epoch(block);
    if (e >= warm) timed += performance.now() - t0;
  }
  const ms = timed / c.epochs;
  return { ms_per_epoch: ms, epochs_per_s: 1000 / ms };
}

async function sweepChild(c: SweepCase): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "taosim-bench-"));
  // A scenario may only extend files inside its own folder tree: copy the committed scenarios next to it.
  cpSync(resolve("scenarios"), join(dir, "scenarios"), { recursive: true });
  const file = join(dir, "scenarios", "bench.yaml");
  writeFileSync(file, `extends: sweep-bench.yaml\nname: sweep-bench\nsweep:\n  seeds: ${c.runs}\n  max_runs: ${c.runs}\n`);
  const loaded = loadScenarioFile(file);
  if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join("\n"));
  const plan = planSweep(loaded.value, NETWORK_COLUMNS.map((x) => x.name));
  if (!plan.ok) throw new Error(plan.issues.map(formatIssue).join("\n"));
  const t0 = performance.now();
  const out = await runSweep(file, plan.value, { out: dir, workers: c.workers });
  const ms = performance.now() - t0;
  rmSync(dir, { recursive: true, force: true });
  return { ms, runs: out.ran, failed: out.failed, ms_per_run: ms / out.ran };
}

function scaleChild(c: ScaleCase): Record<string, number> {
  const r = runScenario("scenarios/mainnet-2023-yuma.yaml", {
    horizonDays: c.days,
    threads: 1,
    overrides: {
      "network.subnets": c.subnets,
      "network.hyperparameters.max_allowed_uids": c.uids,
      "populations.validators.delegates.count": c.validators,
      "populations.miners.servers.count": c.subnets * (c.uids - c.validators),
    },
  });
  return { simulate_ms: r.timings.simulate_ms, events: r.events };
}

async function child(name: string): Promise<void> {
  const c = CASES.find((x) => x.name === name)!;
  const out = c.kind === "run" ? runChild(c) : c.kind === "yuma" ? yumaChild(c) : c.kind === "scale" ? scaleChild(c) : await sweepChild(c);
  process.stdout.write(JSON.stringify({ ...out, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }) + "\n");
}

function table(header: string[], rows: string[][]): void {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(w[i]!) : v.padStart(w[i]!))).join("  ");
  console.log(line(header));
  console.log(w.map((x) => "-".repeat(x)).join("  "));
  for (const r of rows) console.log(line(r));
}

function measure(c: Case): Record<string, number> {
  process.stderr.write(`running ${c.name} …\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench.ts", "--case", c.name], { encoding: "utf8" });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as Record<string, number>;
}

function parent(): void {
  const only = process.argv.includes("--yuma") ? "yuma" : process.argv.includes("--runs") ? "run" : process.argv.includes("--sweep") ? "sweep" : undefined;
  console.log(`taosim bench: node ${process.version}, ${process.arch}, single thread; each case in its own process\n`);
  const runs = CASES.filter((c): c is RunCase => c.kind === "run" && (!only || only === "run"));
  if (runs.length > 0) {
    const rows = runs.map((c) => {
      const m = measure(c);
      return [c.name, m.median_ms!.toFixed(0), m.min_ms!.toFixed(0), String(m.events), String(m.rows), ((m.events! / m.median_ms!) * 1000).toExponential(2), String(m.workers), m.peak_rss_mb!.toFixed(0)];
    });
    table(["run", "median (ms)", "min (ms)", "events", "rows", "events/s", "worker threads", "peak RSS (MB)"], rows);
    console.log("Times include compiling the scenario (sampling populations, price path); peak RSS includes Node and its libraries");
    console.log(`(and the worker's). This machine: ${availableParallelism()} cores available.\n`);
  }
  const sweeps = CASES.filter((c): c is SweepCase => c.kind === "sweep" && (!only || only === "sweep"));
  if (sweeps.length > 0) {
    const res = sweeps.map((c) => [c, measure(c)] as const);
    const rows = res.map(([c, m]) => [c.name, (m.ms! / 1000).toFixed(1), m.ms_per_run!.toFixed(0), String(m.failed), m.peak_rss_mb!.toFixed(0)]);
    table(["sweep (scenarios/sweep-bench.yaml)", "wall (s)", "ms/run", "failed", "peak RSS (MB)"], rows);
    const one = res.find(([c]) => c.runs === 1000 && c.workers === 1)?.[1];
    const two = res.find(([c]) => c.runs === 1000 && c.workers === 2)?.[1];
    if (one && two) console.log(`Speed-up from 1 to 2 workers (1,000 runs): ${(one.ms! / two.ms!).toFixed(2)}×`);
    console.log("Each run: one year of one subnet (64 validators, 192 miners, 2,000 nominators), ideal consensus; stores in a temp folder.\n");
  }
  const yumas = CASES.filter((c): c is YumaCase => c.kind === "yuma" && (!only || only === "yuma"));
  if (yumas.length > 0) {
    const rows = yumas.map((c) => {
      const m = measure(c);
      return [`${c.validators} × ${c.uids}`, c.model, m.ms_per_epoch!.toFixed(3), m.epochs_per_s!.toFixed(0), String(c.epochs), m.peak_rss_mb!.toFixed(0)];
    });
    table(["Yuma epoch (validators × uids)", "bond model", "ms/epoch", "epochs/s", "epochs timed", "peak RSS (MB)"], rows);
    console.log("Epoch only: fresh noisy weights are set before every epoch (not timed); after a warm-up.");
  }
}

/**
 * `--compare-python`: the 64 × 256 classic epoch here and in the Python reference
 * (bactensor/yuma-simulation's YumaRust, scripts/bench_reference.py), measured in the same run, and
 * the ratio. Needs YS_SRC (a checkout of yuma-simulation) and torch (Debian: python3-torch).
 */
function comparePython(): void {
  const src = process.env.YS_SRC;
  // Debian's python3 (where python3-torch installs), else the one on the PATH.
  const python = process.env.PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
  const torch = spawnSync(python, ["-c", "import torch"], { encoding: "utf8" });
  if (!src || torch.status !== 0) {
    console.error(`--compare-python needs YS_SRC (a checkout of bactensor/yuma-simulation; now ${src ? `"${src}"` : "unset"}) and python3 with torch (${torch.status === 0 ? "found" : "not found: apt-get install python3-torch"})`);
    process.exit(2);
  }
  const ours = CASES.find((c): c is YumaCase => c.kind === "yuma" && c.validators === 64 && c.uids === 256 && c.model === "classic")!;
  const rows: string[][] = [];
  for (let round = 1; round <= 2; round++) {
    const a = measure(ours);
    const r = spawnSync(python, ["scripts/bench_reference.py", "--validators", "64", "--uids", "256"], { encoding: "utf8", env: { ...process.env, YS_SRC: src } });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const b = JSON.parse(r.stdout.trim().split("\n").pop()!) as { ms_per_epoch: number };
    rows.push([String(round), a.ms_per_epoch!.toFixed(3), b.ms_per_epoch.toFixed(3), `${(b.ms_per_epoch / a.ms_per_epoch!).toFixed(1)}×`]);
  }
  table(["round", "taosim ms/epoch", "yuma-simulation ms/epoch", "ratio"], rows);
  console.log("64 validators × 256 uids, classic bonds, weights re-set with noise before every epoch (not timed), one thread each.");
}

/** Least-squares slope of log y on log x: the exponent of y ∝ x^k. */
function exponent(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let k = 0; k < lx.length; k++) (num += (lx[k]! - mx) * (ly[k]! - my)), (den += (lx[k]! - mx) ** 2);
  return num / den;
}

/** A log-log chart of time against each axis's factor over the base point (an SVG, no dependencies). */
function scaleSvg(series: { axis: string; k: number; points: [number, number][] }[]): string {
  const W = 640;
  const H = 400;
  const m = { l: 70, r: 170, t: 30, b: 50 };
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = [Math.log10(Math.min(...xs)) - 0.1, Math.log10(Math.max(...xs)) + 0.1];
  const [y0, y1] = [Math.floor(Math.log10(Math.min(...ys))), Math.ceil(Math.log10(Math.max(...ys)))];
  const X = (x: number) => m.l + ((Math.log10(x) - x0) / (x1 - x0)) * (W - m.l - m.r);
  const Y = (y: number) => H - m.b - ((Math.log10(y) - y0) / (y1 - y0)) * (H - m.t - m.b);
  const colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`, `<rect width="${W}" height="${H}" fill="white"/>`];
  for (let e = y0; e <= y1; e++) {
    const y = Y(10 ** e);
    out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${y}" y2="${y}" stroke="#ddd"/>`, `<text x="${m.l - 8}" y="${y + 4}" text-anchor="end">${(10 ** e / 1000).toString()} s</text>`);
  }
  for (let e = Math.ceil(x0 / Math.log10(2)); e <= Math.floor(x1 / Math.log10(2)); e++) {
    const f = 2 ** e;
    const x = X(f);
    out.push(`<line x1="${x}" x2="${x}" y1="${m.t}" y2="${H - m.b}" stroke="#eee"/>`, `<text x="${x}" y="${H - m.b + 16}" text-anchor="middle">${f}×</text>`);
  }
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">factor over the base point (32 subnets × 512 uids, 16 validators, 10 days)</text>`);
  out.push(`<text x="${m.l}" y="18">simulate time, log-log (one thread)</text>`);
  series.forEach((s, k) => {
    const c = colors[k % colors.length]!;
    out.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${s.points.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(" ")}"/>`);
    for (const [x, y] of s.points) out.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="3.5" fill="${c}"/>`);
    out.push(`<text x="${W - m.r + 12}" y="${m.t + 20 + 20 * k}" fill="${c}">${s.axis}: ∝ x^${s.k.toFixed(2)}</text>`);
  });
  out.push("</svg>");
  return out.join("\n") + "\n";
}

function scale(): void {
  const rows: string[][] = [];
  const series: { axis: string; k: number; points: [number, number][] }[] = [];
  for (const [axis, values] of SCALE_AXES) {
    const cases = SCALE_CASES.filter((c) => c.axis === axis);
    const ms = cases.map((c) => {
      const m = measure(c);
      rows.push([axis, `${c.subnets} × ${c.uids}`, String(c.validators), String(c.days), (m.simulate_ms! / 1000).toFixed(2), String(m.events), m.peak_rss_mb!.toFixed(0)]);
      return m.simulate_ms!;
    });
    const k = exponent(values, ms);
    series.push({ axis, k, points: values.map((v, i) => [v / SCALE_BASE[axis], ms[i]!]) });
  }
  table(["axis", "subnets × uids", "validators", "days", "simulate (s)", "events", "peak RSS (MB)"], rows);
  console.log(`\nFitted exponents (time ∝ x^k, least squares on logs): ${series.map((s) => `${s.axis} ${s.k.toFixed(2)}`).join(", ")}`);
  writeFileSync("scripts/bench-scale.svg", scaleSvg(series));
  console.log("Chart: scripts/bench-scale.svg");
}

const i = process.argv.indexOf("--case");
if (i >= 0) await child(process.argv[i + 1]!);
else if (process.argv.includes("--compare-python")) comparePython();
else if (process.argv.includes("--scale")) scale();
else parent();
