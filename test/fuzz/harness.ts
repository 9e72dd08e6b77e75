/**
 * The fuzz property, in-process: every mutated scenario is either valid (and runs 3 days) or gives
 * issues that each carry file:line:col and a key path; no exception escapes; no case takes over
 * 5 s; RSS stays under 1 GB; Object.prototype is never touched; no message quotes a file the
 * scenario may not read. Used by test/fuzz/fuzz.test.ts (1,000 cases) and `npm run fuzz`.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { loadScenarioFile } from "../../src/scenario/load.js";
import { compileWithOptions } from "../helpers.js";
import { simulate } from "../../src/engine/simulate.js";
import { planSweep } from "../../src/sweep/expand.js";
import { NETWORK_COLUMNS } from "../../src/network-columns.js";
import type { Issue } from "../../src/scenario/issues.js";
import { stream } from "../../src/rng.js";
import { makeCase, type FuzzCase } from "./mutator.js";

export const OUTCOMES = ["valid", "invalid", "file_limit", "no_keys", "unlocated", "leak", "crash", "slow", "memory", "polluted"] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes that break the property. */
export const BAD: ReadonlySet<Outcome> = new Set(["unlocated", "leak", "crash", "slow", "memory", "polluted"]);

export const MAX_CASE_MS = 5_000;
export const MAX_RSS_BYTES = 1024 ** 3;

export interface CaseReport {
  index: number;
  outcome: Outcome;
  ms: number;
  mutations: string[];
  detail?: string;
}

const COLUMNS = NETWORK_COLUMNS.map((c) => c.name);
const SECRETS = /SECRET|do-not-print|root:x:|OUTSIDE_CONTENT/;

function located(i: Issue): boolean {
  return i.file !== "" && i.line >= 1 && i.col >= 1 && i.path !== "" && i.path !== "(document)";
}

function judge(issues: readonly Issue[]): { outcome: Outcome; detail?: string } {
  const leak = issues.find((i) => SECRETS.test(i.message) || SECRETS.test(i.path));
  if (leak) return { outcome: "leak", detail: `${leak.path}: ${leak.message}` };
  // A whole file over the size cap has no key by nature: its own class (checked in tests too).
  if (issues.length === 1 && issues[0]!.line === 0 && /a scenario may be at most \d+ MiB$/.test(issues[0]!.message)) return { outcome: "file_limit", detail: issues[0]!.message };
  // A file that is not a mapping at all (a bare word or list after truncation) has no key to name.
  if (issues.length === 1 && issues[0]!.message === "a scenario must be a mapping of keys to values") return { outcome: "no_keys", detail: issues[0]!.message };
  const bad = issues.find((i) => !located(i));
  if (bad) return { outcome: "unlocated", detail: `${bad.file}:${bad.line}:${bad.col} [${bad.path}] ${bad.message}` };
  return { outcome: "invalid", detail: issues[0] ? `${issues[0].path}: ${issues[0].message.slice(0, 160)}` : undefined };
}

function pollution(): string | undefined {
  const probe = {} as Record<string, unknown>;
  for (const k of ["polluted", "seed", "x"]) if (probe[k] !== undefined) return `Object.prototype.${k} is set`;
  if (Object.getOwnPropertyNames(Object.prototype).length !== PROTO_KEYS) return "Object.prototype has new keys";
  return undefined;
}
const PROTO_KEYS = Object.getOwnPropertyNames(Object.prototype).length;

/** Files that a case's symlinks lead to, beside the case folders in `root` (never to be quoted). */
export function writeOutside(root: string): void {
  writeFileSync(join(root, "outside.yaml"), "OUTSIDE_CONTENT: 1\nname: outside\n");
  writeFileSync(join(root, "outside.csv"), "date,price_usd\nOUTSIDE_CONTENT,1\n");
}

/** Write a case's files into `folder` (a child of the root given to writeOutside), with symlinks out of it. */
export function writeCase(folder: string, c: FuzzCase): void {
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  symlinkSync(join(folder, "..", "outside.yaml"), join(folder, "out-link.yaml"));
  symlinkSync(join(folder, "..", "outside.csv"), join(folder, "out-link.csv"));
}

/** Run one case in `folder` (created here). */
export function runCase(folder: string, seed: number, index: number): CaseReport {
  const c = makeCase(stream(seed, `fuzz/case/${index}`));
  writeCase(folder, c);
  const t0 = performance.now();
  let verdict: { outcome: Outcome; detail?: string };
  try {
    verdict = check(join(folder, c.file));
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    verdict = { outcome: "crash", detail: `${err.name}: ${err.message.slice(0, 200)} @ ${(err.stack ?? "").split("\n")[1]?.trim() ?? ""}` };
  }
  const ms = performance.now() - t0;
  const polluted = pollution();
  if (polluted) verdict = { outcome: "polluted", detail: polluted };
  else if (!BAD.has(verdict.outcome) && ms > MAX_CASE_MS) verdict = { outcome: "slow", detail: `${ms.toFixed(0)} ms` };
  else if (!BAD.has(verdict.outcome) && process.memoryUsage().rss > MAX_RSS_BYTES) verdict = { outcome: "memory", detail: `rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB` };
  return { index, outcome: verdict.outcome, ms, mutations: c.mutations, detail: verdict.detail };
}

function check(file: string): { outcome: Outcome; detail?: string } {
  const l = loadScenarioFile(file);
  if (l.ok === false) return judge(l.issues);
  if (l.value.scenario.sweep) {
    const p = planSweep(l.value, COLUMNS);
    if (p.ok === false) return judge(p.issues);
  }
  const c = compileWithOptions(l.value, { horizonDays: 3 });
  if (c.ok === false) return judge(c.issues);
  const out = simulate(c.value, { threads: 1 });
  if (out.tables.network.rows < 1) return { outcome: "crash", detail: "no rows recorded" };
  return { outcome: "valid" };
}

export interface FuzzSummary {
  n: number;
  seed: number;
  counts: Record<Outcome, number>;
  /** Cases that broke the property (all of them). */
  failures: CaseReport[];
  /** Counts of invalid cases by mutation (for the report). */
  ms_max: number;
  ms_total: number;
}

/** Run cases [0, n) of `seed`; `onCase` sees each report. */
export function runFuzz(n: number, seed: number, onCase?: (r: CaseReport) => void): FuzzSummary {
  const root = mkdtempSync(join(tmpdir(), "taosim-fuzz-"));
  writeOutside(root);
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const failures: CaseReport[] = [];
  let msMax = 0;
  let msTotal = 0;
  try {
    for (let i = 0; i < n; i++) {
      const folder = join(root, `c${i}`);
      const r = runCase(folder, seed, i);
      rmSync(folder, { recursive: true, force: true });
      counts[r.outcome]++;
      msMax = Math.max(msMax, r.ms);
      msTotal += r.ms;
      if (BAD.has(r.outcome)) failures.push(r);
      onCase?.(r);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return { n, seed, counts, failures, ms_max: msMax, ms_total: msTotal };
}
