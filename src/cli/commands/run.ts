/** `taosim run [FILE]`: run a scenario (default: the built-in 2023 mainnet) and write runs/<id>/. */
import { loadScenarioFile } from "../../scenario/load.js";
import { runScenario } from "../../engine/run.js";
import { writeRunFolder } from "../../runs/write.js";
import { defaultScenarioPath } from "../../paths.js";
import { formatIssue, ScenarioError } from "../../scenario/issues.js";
import { scenarioWarnings } from "../../scenario/warnings.js";
import { numberFlag, parse, UsageError } from "../args.js";
import { progressBar } from "../progress.js";
import { num } from "../render.js";
import type { Io } from "../main.js";
import { isAbsolute, relative } from "node:path";
import { hasColumn, numericColumn } from "../../table.js";

export const help = `Usage: taosim run [FILE] [options]

Run a scenario and write a run folder <out>/<run-id>/ with manifest.json, network.csv and
.parquet (one row per recording point), validators.csv/.parquet and subnets.csv/.parquet (one
row per validator or subnet per recording point) and report.html (charts). Without FILE, runs
the built-in default scenario (scenarios/mainnet-2023.yaml: a 2023-mainnet-like network over
one year).

Options:
  --out DIR            parent folder of run folders (default: runs)
  --seed N             override the scenario's seed (integer ≥ 0)
  --horizon-days N     override the scenario's horizon, in days
  --threads N          threads the run may use (default: $TAOSIM_THREADS, else the number of
                       cores); with 2 or more a long Yuma run draws validators' noise on a
                       worker thread. Results do not depend on it.
  --quiet              no progress bar, print only the run folder
  -h, --help           show this help`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: "string" },
    seed: { type: "string" },
    "horizon-days": { type: "string" },
    threads: { type: "string" },
    quiet: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return io.out(help), 0;
  if (positionals.length > 1) throw new UsageError(`run takes one scenario file, got ${positionals.length}`);
  const seed = numberFlag(values.seed, "--seed", (n) => (Number.isInteger(n) && n >= 0 ? undefined : "must be an integer ≥ 0"));
  const horizonDays = numberFlag(values["horizon-days"], "--horizon-days", (n) => (n > 0 ? undefined : "must be > 0"));
  const threads = numberFlag(values.threads, "--threads", (n) => (Number.isInteger(n) && n >= 1 ? undefined : "must be an integer ≥ 1"));
  const file = positionals[0] ?? defaultScenarioPath();
  const loaded = loadScenarioFile(file);
  if (loaded.ok === false) {
    for (const i of loaded.issues) io.err(formatIssue(i));
    return 1;
  }
  for (const w of scenarioWarnings(loaded.value)) io.err(formatIssue(w));
  if (loaded.value.scenario.sweep && !values.quiet) io.err(`note: ${file} has a sweep section; taosim run runs the scenario once without it (taosim sweep ${file} runs the sweep)`);
  const bar = progressBar(`running ${loaded.value.scenario.name}`, !values.quiet);
  let result;
  try {
    result = runScenario(loaded.value, { seed, horizonDays, threads, onProgress: bar.update });
  } catch (e) {
    bar.done();
    if (e instanceof ScenarioError) {
      for (const i of e.issues) io.err(formatIssue(i));
      return 1;
    }
    throw e;
  }
  bar.done();
  const abs = writeRunFolder(result, values.out ?? "runs");
  const rel = relative(process.cwd(), abs);
  const dir = rel.startsWith("..") || isAbsolute(rel) ? abs : rel;
  if (values.quiet) return io.out(dir), 0;
  const t = result.tables.network;
  const last = (name: string) => numericColumn(t, name)[t.rows - 1]!;
  const c = result.compiled;
  io.out(`${c.name} (seed ${c.seed}): ${num(c.horizon_blocks / 7200, 1)} days in ${num(result.timings.simulate_ms)} ms`);
  io.out(`  issuance at the end   ${num(last("issuance_tao"))} TAO (${num(last("block_emission_tao"), 4)} TAO/block)`);
  io.out(`  emitted / recycled    ${num(last("emitted_tao"))} / ${num(last("recycled_tao"))} TAO`);
  io.out(`  staked at the end     ${num(last("staked_tao"))} TAO (${num(100 * last("staking_ratio_frac"), 1)} %)`);
  if (hasColumn(t, "root_stake_tao") && result.tables.pools) {
    // dTAO: where the TAO sits and what staking paid over the last 30 recorded rows.
    const mean = (name: string, f: (x: number) => number = (x) => x) => {
      const v = Array.from(numericColumn(t, name).slice(Math.max(1, t.rows - 30)), f).filter(Number.isFinite);
      return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : NaN;
    };
    // Compounded annual rates average geometrically: the rate that compounds to the rows' product.
    const geoMean = (name: string) => Math.expm1(mean(name, Math.log1p));
    io.out(`  root stake / pools    ${num(last("root_stake_tao"))} / ${num(last("pool_tao"))} TAO; Σ EMA prices ${num(last("moving_price_sum"), 3)}`);
    io.out(`  APY (last 30 rows)    root ${num(100 * mean("apy_root_frac"), 1)} %, alpha ${num(100 * mean("apy_alpha_frac"), 1)} % in alpha, ${num(100 * geoMean("apy_alpha_tao_frac"), 1)} % in TAO; chain buys ${num(100 * mean("chain_buy_share_frac"), 1)} % of emission`);
  }
  io.out(`run folder: ${dir}`);
  return 0;
}
