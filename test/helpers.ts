/** Test helpers: temp folders, scenario files, and the CLI run in-process with captured output. */
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { main } from "../src/cli/main.js";
import { compileScenario, type CompileResult } from "../src/scenario/compile.js";
import { withRunOptions, type RunOptions } from "../src/scenario/override.js";
import type { LoadedScenario } from "../src/scenario/load.js";

/** Compile `loaded` after the run options (the route of --seed and --horizon-days). */
export function compileWithOptions(loaded: LoadedScenario, o: RunOptions): CompileResult {
  const r = withRunOptions(loaded, o);
  return r.ok ? compileScenario(r.value) : { ok: false, issues: r.issues };
}

export function sharedFile(rel: string): string {
  for (const base of [join(process.cwd(), "..", "shared"), "/work/shared"]) {
    try {
      return readFileSync(join(base, rel), "utf8");
    } catch {
      // try the next location
    }
  }
  throw new Error(`cannot find shared/${rel}`);
}

export function tempDir(prefix = "taosim-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write files {name: text} into a new temp folder; returns the folder. */
export function writeFiles(files: Record<string, string>): string {
  return writeFiles.into(tempDir(), files);
}
/** Write `files` (name → text, subfolders created) into `dir`; returns `dir`. */
writeFiles.into = (dir: string, files: Record<string, string>): string => {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
};

/** A small valid scenario (YAML text) to build bad variants from. */
export const MINIMAL = `name: tiny
seed: 1
start:
  date: "2024-01-01"
horizon:
  days: 30
token:
  initial_issuance_tao: 6000000
network:
  subnets: 2
populations:
  validators:
    v:
      count: 3
      strategy: honest
      stake_tao: 1000
  miners:
    m:
      count: 4
      strategy: honest
      quality: { dist: uniform, low: 0, high: 1 }
  stakers:
    s:
      count: 10
      strategy: passive
      stake_tao: 50
`;

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function cli(args: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}
