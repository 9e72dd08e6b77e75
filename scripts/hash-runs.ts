/**
 * Hash the run folder of every scenario in scenarios/ for a short horizon: the check that a
 * refactor changed no result. Tables (CSV, Parquet) and report.html are hashed byte for byte; the
 * manifest without its timings, creation time and runtime (which describe the machine, not the model).
 *
 *   node --import tsx scripts/hash-runs.ts [--days 8] [--out hashes.json] [--check hashes.json]
 *
 * --check compares with a saved file and exits 1 on any difference (listing it).
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { runScenario, writeRunFolder } from "../src/index.js";
import { packageRoot } from "../src/paths.js";

const { values } = parseArgs({ options: { days: { type: "string", default: "8" }, out: { type: "string" }, check: { type: "string" } } });
const days = Number(values.days);
const dir = join(packageRoot(), "scenarios");
const tmp = mkdtempSync(join(tmpdir(), "taosim-hash-"));
const result: Record<string, Record<string, string>> = {};
const sha = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");
try {
  for (const f of readdirSync(dir).filter((x) => /\.ya?ml$/.test(x)).sort()) {
    const t0 = performance.now();
    const folder = writeRunFolder(runScenario(join(dir, f), { horizonDays: days, threads: 1 }), tmp);
    const files: Record<string, string> = {};
    for (const name of readdirSync(folder).sort()) {
      const body = readFileSync(join(folder, name));
      if (name === "manifest.json") {
        const m = JSON.parse(body.toString());
        delete m.timings_ms;
        delete m.created_at;
        delete m.runtime;
        files[name] = sha(JSON.stringify(m));
      } else files[name] = sha(body);
    }
    result[f] = files;
    process.stderr.write(`${f}: ${Math.round(performance.now() - t0)} ms\n`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 2) + "\n");
if (values.check) {
  const want = JSON.parse(readFileSync(values.check, "utf8")) as typeof result;
  const diffs: string[] = [];
  for (const f of new Set([...Object.keys(want), ...Object.keys(result)])) {
    for (const name of new Set([...Object.keys(want[f] ?? {}), ...Object.keys(result[f] ?? {})])) {
      if (want[f]?.[name] !== result[f]?.[name]) diffs.push(`${f}/${name}`);
    }
  }
  if (diffs.length > 0) {
    console.log(`${diffs.length} file(s) differ:\n  ${diffs.join("\n  ")}`);
    process.exit(1);
  }
  console.log(`all ${Object.keys(result).length} scenarios identical (${days} days)`);
} else if (!values.out) console.log(JSON.stringify(result, null, 2));
