/**
 * `npm run fuzz -- [--n N] [--seed S] [--verbose]`: run N mutated scenarios (test/fuzz/) through
 * load → validate → compile → a 3-day run, in this process, and print the count of each outcome
 * class and every case that broke the property (crash, unlocated error, leak, slow, memory,
 * prototype pollution). Exit 1 if any did. A case is reproduced by its seed and index.
 */
import { parseArgs } from "node:util";
import { BAD, OUTCOMES, runFuzz, type CaseReport } from "../test/fuzz/harness.js";

const { values } = parseArgs({ options: { n: { type: "string", default: "1000" }, seed: { type: "string", default: "1" }, verbose: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
if (values.help) {
  console.log("Usage: npm run fuzz -- [--n N] [--seed S] [--verbose]");
  process.exit(0);
}
const n = Number(values.n);
const seed = Number(values.seed);
if (!Number.isInteger(n) || n < 1 || !Number.isInteger(seed) || seed < 0) {
  console.error("fuzz: --n must be an integer ≥ 1 and --seed an integer ≥ 0");
  process.exit(2);
}
const t0 = performance.now();
let done = 0;
const byMutation = new Map<string, Map<string, number>>();
const s = runFuzz(n, seed, (r: CaseReport) => {
  done++;
  for (const m of new Set(r.mutations)) {
    const row = byMutation.get(m) ?? new Map<string, number>();
    row.set(r.outcome, (row.get(r.outcome) ?? 0) + 1);
    byMutation.set(m, row);
  }
  if (BAD.has(r.outcome) || values.verbose) console.log(`case ${r.index} [${r.mutations.join(", ")}] ${r.outcome} ${r.ms.toFixed(0)} ms ${r.detail ?? ""}`);
  if (process.stderr.isTTY && done % 50 === 0) process.stderr.write(`\r${done}/${n} cases`);
});
if (process.stderr.isTTY) process.stderr.write("\r");
const wall = (performance.now() - t0) / 1000;
console.log(`\n${n} cases, seed ${seed}, ${wall.toFixed(1)} s (slowest case ${s.ms_max.toFixed(0)} ms); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`);
console.log("outcome     cases");
for (const o of OUTCOMES) console.log(`${o.padEnd(10)} ${String(s.counts[o]).padStart(6)}`);
console.log("\nby mutation (cases that applied it): valid / invalid / file-level (file_limit, no_keys) / broke the property");
for (const [m, row] of [...byMutation].sort()) {
  const g = (os: readonly string[]) => os.reduce((n, o) => n + (row.get(o) ?? 0), 0);
  console.log(`  ${m.padEnd(20)} ${g(["valid"])} / ${g(["invalid"])} / ${g(["file_limit", "no_keys"])} / ${g([...BAD])}`);
}
process.exit(s.failures.length > 0 ? 1 : 0);
