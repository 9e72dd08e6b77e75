/** `taosim sweep FILE`: expand a scenario's sweep section and run it into a resumable store. */
import { resolve } from "node:path";
import { loadScenarioFile } from "../../scenario/load.js";
import { formatIssue } from "../../scenario/issues.js";
import { NETWORK_COLUMNS } from "../../network-columns.js";
import { planSweep } from "../../sweep/expand.js";
import { parseShard, runSweep, type SweepProgress } from "../../sweep/run-sweep.js";
import { numberFlag, parse, UsageError } from "../args.js";
import type { Io } from "../main.js";

export const help = `Usage: taosim sweep FILE [options]

Expand the scenario's sweep section into runs and run them into a store <out>/<sweep-id>/:

  sweep:
    grid:                          # every combination (Cartesian product)
      network.hyperparameters.kappa: [0.5, 0.6]
      populations.validators.cabal.count: [8, 16]
    zip:                           # lists of one length, stepped together
      token.recycle_frac: [0.0, 0.03]
      token.initial_issuance_tao: [5600000, 5650000]
    seeds: 5                       # replicates (seed, seed + 1, …) or a list [1, 7, 42]
    max_runs: 10000                # refuse bigger expansions unless raised
    summary: [apr_nominator_frac]  # network columns summarised per run (_mean, _last)

Runs = grid × zip × seeds, in a fixed order; each run's id is hashed from the resolved scenario,
the taosim version and the seed. The store holds manifest.json, summary.csv and summary.parquet
(one row per run: parameters, seed, status, summary metrics) and runs/<index>-<id>/ with each
run's network.parquet. Each run is committed atomically: rerunning the same command after Ctrl-C
or a crash resumes, skipping finished runs. A run that fails is recorded with its error and the
sweep goes on.

Options:
  --out DIR        parent folder of stores (default: runs)
  --workers N      worker threads, each running one run at a time (default: number of cores)
  --shard i/N      run only the runs whose index ≡ i (mod N), 0 ≤ i < N: one slice per machine;
                   combine the stores with \`taosim merge\`
  --resume         skip finished runs (the default; accepted for clarity)
  --retry-failed   also rerun runs recorded as failed
  --dry-run        print the expansion and exit without running
  --quiet          no progress, print only the store folder
  -h, --help       show this help

Exit status: 0 every run ok; 1 bad input (nothing ran); 2 usage; 100 + n when n runs failed (n
capped at 99); 130 when interrupted.`;

function duration(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${s.toFixed(0)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.round((s % 3600) / 60)).padStart(2, "0")}m`;
}

function progressPrinter(enabled: boolean): (p: SweepProgress) => void {
  const stream = process.stderr;
  const t0 = Date.now();
  let lastLine = 0;
  const tty = stream.isTTY === true;
  return (p) => {
    if (!enabled) return;
    const elapsed = (Date.now() - t0) / 1000;
    const eta = p.done > 0 ? (elapsed / p.done) * (p.todo - p.done) : NaN;
    const text = `${p.done}/${p.todo} runs${p.skipped > 0 ? ` (+${p.skipped} done before)` : ""}, ${p.failed} failed, ${duration(elapsed)} elapsed, ETA ${duration(eta)}`;
    if (tty) {
      const width = 24;
      const filled = p.todo > 0 ? Math.round((p.done / p.todo) * width) : width;
      stream.write(`\rsweep [${"#".repeat(filled)}${".".repeat(width - filled)}] ${text}   ${p.done === p.todo ? "\n" : ""}`);
    } else if (p.done === p.todo || Date.now() - lastLine > 10_000) {
      lastLine = Date.now();
      stream.write(`sweep: ${text}\n`);
    }
  };
}

export async function sweep(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: "string" },
    workers: { type: "string" },
    shard: { type: "string" },
    resume: { type: "boolean" },
    "retry-failed": { type: "boolean" },
    "dry-run": { type: "boolean" },
    quiet: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return io.out(help), 0;
  if (positionals.length !== 1) throw new UsageError(`sweep takes one scenario file, got ${positionals.length}`);
  const workers = numberFlag(values.workers, "--workers", (n) => (Number.isInteger(n) && n >= 1 ? undefined : "must be an integer ≥ 1"));
  let shard;
  if (values.shard !== undefined) {
    shard = parseShard(String(values.shard));
    if (!shard) throw new UsageError(`--shard must be i/N with 0 ≤ i < N, got "${values.shard}"`);
  }
  const file = positionals[0]!;
  const loaded = loadScenarioFile(file);
  if (loaded.ok === false) {
    for (const i of loaded.issues) io.err(formatIssue(i));
    return 1;
  }
  const plan = planSweep(loaded.value, NETWORK_COLUMNS.map((c) => c.name));
  if (plan.ok === false) {
    for (const i of plan.issues) io.err(formatIssue(i));
    return 1;
  }
  const p = plan.value;
  if (values["dry-run"]) {
    io.out(`${p.sweep_id}: ${p.runs.length} runs = ${p.paths.length > 0 ? `${p.runs.length / p.seeds.length} variants × ` : ""}${p.seeds.length} seed(s)`);
    for (const path of p.paths) io.out(`  ${path}: ${[...new Set(p.runs.map((r) => JSON.stringify(r.params[path])))].join(", ")}`);
    io.out(`  seeds: ${p.seeds.join(", ")}`);
    return 0;
  }
  const abort = new AbortController();
  const onSignal = () => abort.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let outcome;
  try {
    outcome = await runSweep(resolve(file), p, {
      out: values.out,
      workers,
      shard,
      retryFailed: values["retry-failed"] === true,
      onProgress: progressPrinter(!values.quiet),
      signal: abort.signal,
    });
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (values.quiet) io.out(outcome.dir);
  else {
    io.out(`${p.sweep_id}: ${outcome.ran} runs this session (${outcome.failed} failed), ${outcome.skipped} already done; ` +
      `${outcome.summary_rows} of ${outcome.total} runs in the store${shard ? ` (shard ${shard.index}/${shard.count}: ${outcome.in_shard} runs)` : ""}`);
    io.out(`store: ${outcome.dir}`);
  }
  if (outcome.repaired.length > 0) {
    io.err(`${outcome.repaired.length} run folder(s) were damaged; they were cleared and run again:`);
    for (const b of outcome.repaired.slice(0, 20)) io.err(`  runs/${b.name}: ${b.reason}`);
    if (outcome.repaired.length > 20) io.err(`  … and ${outcome.repaired.length - 20} more`);
  }
  if (outcome.interrupted) {
    io.err("interrupted: finished runs are kept; rerun the same command to resume");
    return 130;
  }
  if (outcome.failed_in_store > 0) {
    io.err(`${outcome.failed_in_store} run(s) failed: see the error column of summary.csv`);
    return 100 + Math.min(outcome.failed_in_store, 99);
  }
  return 0;
}
