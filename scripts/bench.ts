/**
 * `npm run bench`: wall time and peak memory of reference runs, each in a fresh child process so
 * peak RSS is its own. Prints a table; never asserts (speed is measured, not tested).
 *
 *   supply-only-10y   scenarios/supply-only.yaml: issuance over 3,652 days, no agents
 *   default-1y        the built-in default (mainnet-2023): 32 subnets, 40 validators,
 *                     5,000 nominators, 990 miners over 365 days
 *   default-10y       the same over 3,652 days
 */
import { spawnSync } from "node:child_process";
import { defaultScenarioPath, loadScenario, runScenario } from "../src/index.js";

interface Case {
  name: string;
  file: () => string;
  horizonDays?: number;
  repeats: number;
}

const CASES: Case[] = [
  { name: "supply-only-10y", file: () => "scenarios/supply-only.yaml", repeats: 5 },
  { name: "default-1y", file: defaultScenarioPath, repeats: 3 },
  { name: "default-10y", file: defaultScenarioPath, horizonDays: 3652, repeats: 1 },
];

function child(name: string): void {
  const c = CASES.find((x) => x.name === name)!;
  const loaded = loadScenario(c.file());
  const times: number[] = [];
  let events = 0;
  let rows = 0;
  for (let i = 0; i < c.repeats; i++) {
    const t0 = performance.now();
    const r = runScenario(loaded, c.horizonDays !== undefined ? { horizonDays: c.horizonDays } : {});
    times.push(performance.now() - t0);
    events = r.events;
    rows = r.tables.network.rows;
  }
  times.sort((a, b) => a - b);
  const out = { name, median_ms: times[Math.floor(times.length / 2)]!, min_ms: times[0]!, events, rows, peak_rss_mb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(out) + "\n");
}

function parent(): void {
  console.log(`taosim bench: node ${process.version}, ${process.arch}, single thread; each case in its own process\n`);
  const header = ["case", "median (ms)", "min (ms)", "events", "rows", "events/s", "peak RSS (MB)"];
  const rows: string[][] = [];
  for (const c of CASES) {
    process.stderr.write(`running ${c.name} …\n`);
    const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench.ts", "--case", c.name], { encoding: "utf8" });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exit(1);
    }
    const m = JSON.parse(r.stdout.trim().split("\n").pop()!) as { median_ms: number; min_ms: number; events: number; rows: number; peak_rss_mb: number };
    rows.push([c.name, m.median_ms.toFixed(0), m.min_ms.toFixed(0), String(m.events), String(m.rows), ((m.events / m.median_ms) * 1000).toExponential(2), m.peak_rss_mb.toFixed(0)]);
  }
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(w[i]!) : v.padStart(w[i]!))).join("  ");
  console.log(line(header));
  console.log(w.map((x) => "-".repeat(x)).join("  "));
  for (const r of rows) console.log(line(r));
  console.log("\nTimes include compiling the scenario (sampling populations, price path); peak RSS includes Node itself (~50 MB).");
}

const i = process.argv.indexOf("--case");
if (i >= 0) child(process.argv[i + 1]!);
else parent();
