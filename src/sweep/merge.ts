/**
 * `taosim merge`: combine stores of the same sweep (shards run on several machines, or parts of
 * one interrupted sweep) into one store: run folders are copied in (a run present in two stores
 * must have the same record), then the summary is rebuilt. The merged summary equals the one a
 * single uninterrupted sweep writes.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { join, resolve } from "node:path";
import { finishedRuns, readManifest, writeAtomic, writeSummary, type RunRecord, type SweepManifest } from "./store.js";

export interface MergeOutcome {
  dir: string;
  copied: number;
  already: number;
  rows: number;
  missing: number;
  failed: number;
}

export class MergeError extends Error {}

export function mergeStores(dirs: readonly string[], out?: string): MergeOutcome {
  if (dirs.length === 0) throw new MergeError("merge needs at least one store folder");
  const manifests: [string, SweepManifest][] = dirs.map((d) => {
    const m = readManifest(d);
    if (!m) throw new MergeError(`${d}: not a sweep store (no manifest.json of kind taosim-sweep)`);
    return [d, m];
  });
  const [first, m0] = manifests[0]!;
  for (const [d, m] of manifests) {
    if (m.sweep_id !== m0.sweep_id) throw new MergeError(`${d} holds sweep ${m.sweep_id}, ${first} holds ${m0.sweep_id}: only stores of one sweep can be merged`);
  }
  const target = resolve(out ?? first);
  mkdirSync(join(target, "runs"), { recursive: true });
  if (!readManifest(target)) writeAtomic(join(target, "manifest.json"), readFileSync(join(first, "manifest.json")));
  const have = finishedRuns(target);
  let copied = 0;
  let already = 0;
  for (const d of dirs) {
    if (resolve(d) === target) continue;
    for (const [name, rec] of finishedRuns(d)) {
      const mine = have.get(name);
      if (mine) {
        if (JSON.stringify(mine) !== JSON.stringify(rec)) throw new MergeError(`run ${name} differs between ${d} and ${target}`);
        already++;
        continue;
      }
      // Copy under a temporary name, then rename: a merge interrupted midway leaves no half run.
      const tmp = join(target, "runs", `.${name}.merge-${process.pid}`);
      cpSync(join(d, "runs", name), tmp, { recursive: true });
      renameSync(tmp, join(target, "runs", name));
      have.set(name, rec);
      copied++;
    }
  }
  const records: RunRecord[] = [...have.values()];
  const rows = writeSummary(target, m0, records);
  return { dir: target, copied, already, rows, missing: m0.runs_total - rows, failed: records.filter((r) => r.status === "failed").length };
}

export function isStore(dir: string): boolean {
  return existsSync(join(dir, "manifest.json")) && readManifest(dir) !== undefined;
}
