/**
 * A scenario's `sweep` section → a deterministic list of runs.
 *
 *   runs = grid (Cartesian product, paths in file order, the last path varying fastest)
 *        × zip (lists of one length, stepped together)
 *        × seeds (N replicates: seed, seed + 1, …; or an explicit list)
 *
 * Each run has an index (its place in that order), its overrides (path → value) and a seed, and an
 * id hashed from the resolved scenario (base without the sweep section, overrides applied, seed),
 * the taosim version and the mechanism versions the scenario names. Every path and value is
 * checked against the scenario schema before anything runs, and the expansion is refused above
 * `max_runs`.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../scenario/compile.js";
import { withOverrides } from "../scenario/override.js";
import type { Issue, PathSegment } from "../scenario/issues.js";
import type { LoadedScenario } from "../scenario/load.js";
import { VERSION } from "../version.js";

export interface SweepRun {
  index: number;
  id: string;
  seed: number;
  /** Parameter path → value (grid and zip values of this run). */
  params: Record<string, unknown>;
}

export interface SweepPlan {
  /** Store folder name: <scenario name>-<hash of the scenario and its sweep section>. */
  sweep_id: string;
  name: string;
  /** Parameter paths in column order (grid paths, then zip paths). */
  paths: string[];
  /** Network columns summarised per run. */
  summary_columns: string[];
  runs: SweepRun[];
  /** The scenario without its sweep section (each run applies its overrides and seed to it). */
  base: LoadedScenario;
  seeds: number[];
}

export type PlanResult = { ok: true; value: SweepPlan } | { ok: false; issues: Issue[] };

/** Network columns summarised per run unless the sweep names its own. */
export const DEFAULT_SUMMARY_COLUMNS = [
  "issuance_tao",
  "staked_tao",
  "staking_ratio_frac",
  "apr_nominator_frac",
  "validators_active",
  "miners_active",
  "cartel_stake_frac",
  "cartel_emission_frac",
  "copier_dividend_ratio",
  "gini_stake_frac",
  "nakamoto_stake",
  "incentive_quality_spearman",
];

function hash(v: unknown): string {
  return createHash("sha256").update(canonicalJson(v)).digest("hex");
}

/** Expand the sweep of `loaded` (which must have a `sweep` section). */
export function planSweep(loaded: LoadedScenario, knownColumns: readonly string[]): PlanResult {
  const sw = loaded.scenario.sweep;
  const here = (path: PathSegment[]) => loaded.locate(["sweep", ...path]);
  if (!sw) return { ok: false, issues: [{ ...loaded.locate([]), path: "sweep", message: "this scenario has no sweep section (see `taosim sweep --help`)" }] };
  const issues: Issue[] = [];
  const gridPaths = Object.keys(sw.grid);
  const zipPaths = Object.keys(sw.zip);
  for (const p of zipPaths) {
    if (gridPaths.includes(p)) issues.push({ ...here(["zip", p]), path: `sweep.zip.${p}`, message: "this path is also in sweep.grid" });
  }
  if (gridPaths.includes("seed") || zipPaths.includes("seed")) {
    issues.push({ ...here([]), path: "sweep", message: "vary seeds with sweep.seeds, not as a parameter" });
  }
  // zip: one length, stated explicitly by the lists themselves.
  const zipLen = zipPaths.length === 0 ? 1 : sw.zip[zipPaths[0]!]!.length;
  for (const p of zipPaths) {
    const n = sw.zip[p]!.length;
    if (n !== zipLen) issues.push({ ...here(["zip", p]), path: `sweep.zip.${p}`, message: `${n} values, but sweep.zip.${zipPaths[0]} has ${zipLen}: zip lists must have the same length (use sweep.grid for every combination)` });
  }
  // The size of the expansion first: a sweep over the cap is refused before any value is checked
  // (checking 50,000 values one by one would take seconds).
  const seedCount = typeof sw.seeds === "number" ? sw.seeds : sw.seeds.length;
  const total = gridPaths.reduce((n, p) => n * sw.grid[p]!.length, 1) * zipLen * seedCount;
  if (total > sw.max_runs) {
    issues.push({ ...here(["max_runs"]), path: "sweep.max_runs", message: `the sweep expands to ${total.toLocaleString("en-US")} runs, more than max_runs (${sw.max_runs.toLocaleString("en-US")}): raise sweep.max_runs to run it` });
    return { ok: false, issues };
  }
  const seeds = typeof sw.seeds === "number" ? Array.from({ length: sw.seeds }, (_, k) => loaded.scenario.seed + k) : [...sw.seeds];
  if (new Set(seeds).size !== seeds.length) issues.push({ ...here(["seeds"]), path: "sweep.seeds", message: "seeds must be distinct" });
  if (seeds.some((s) => s > 2 ** 32 - 1)) issues.push({ ...here(["seeds"]), path: "sweep.seeds", message: "seeds must be < 2^32" });
  const base = { ...loaded, raw: { ...loaded.raw } };
  delete base.raw.sweep;
  // Every path and value, one at a time, against the schema (the place is the sweep entry).
  // A path the scenario does not have is reported once; values of a real path one by one.
  const pathProblem = (i: Issue) => /^unknown key|^not a parameter path|is not a mapping|past the end/.test(i.message);
  for (const [kind, table] of [["grid", sw.grid], ["zip", sw.zip]] as const) {
    for (const [p, values] of Object.entries(table)) {
      const first = withOverrides(base, { [p]: values[0] }, "sweep");
      const bad = first.ok === false ? first.issues.filter(pathProblem) : [];
      if (bad.length > 0) {
        for (const i of bad) issues.push({ ...here([kind, p]), path: `sweep.${kind}.${p}`, message: `${i.path}: ${i.message}` });
        continue;
      }
      values.forEach((v, k) => {
        const o = k === 0 ? first : withOverrides(base, { [p]: v }, "sweep");
        if (o.ok === false) {
          const loc = here([kind, p, k]);
          for (const i of o.issues) issues.push({ ...loc, path: `sweep.${kind}.${p}[${k}]`, message: `${i.path}: ${i.message}` });
        }
      });
    }
  }
  const summary = sw.summary ?? DEFAULT_SUMMARY_COLUMNS;
  sw.summary?.forEach((c, k) => {
    if (!knownColumns.includes(c)) issues.push({ ...here(["summary", k]), path: `sweep.summary[${k}]`, message: `unknown network column "${c}"` });
  });
  // Duplicate variants (equal values) would run twice under one id.
  for (const p of gridPaths) {
    const seen = new Set(sw.grid[p]!.map((v) => canonicalJson(v)));
    if (seen.size !== sw.grid[p]!.length) issues.push({ ...here(["grid", p]), path: `sweep.grid.${p}`, message: "values must be distinct" });
  }
  if (issues.length > 0) return { ok: false, issues };

  const paths = [...gridPaths, ...zipPaths];
  const baseHash = hash({ scenario: base.raw, version: VERSION });
  const runs: SweepRun[] = [];
  const combo = new Array<number>(gridPaths.length).fill(0);
  const gridCount = total / (zipLen * seeds.length);
  for (let g = 0; g < gridCount; g++) {
    // combo = g in mixed radix (the last grid path varies fastest).
    let rest = g;
    for (let d = gridPaths.length - 1; d >= 0; d--) {
      const n = sw.grid[gridPaths[d]!]!.length;
      combo[d] = rest % n;
      rest = Math.floor(rest / n);
    }
    for (let z = 0; z < zipLen; z++) {
      const params: Record<string, unknown> = {};
      gridPaths.forEach((p, d) => (params[p] = sw.grid[p]![combo[d]!]));
      for (const p of zipPaths) params[p] = sw.zip[p]![z];
      for (const seed of seeds) {
        const id = hash({ base: baseHash, params, seed }).slice(0, 12);
        runs.push({ index: runs.length, id, seed, params });
      }
    }
  }
  const sweepHash = hash({ scenario: loaded.raw, version: VERSION }).slice(0, 10);
  return { ok: true, value: { sweep_id: `${loaded.scenario.name}-${sweepHash}`, name: loaded.scenario.name, paths, summary_columns: summary, runs, base, seeds } };
}
