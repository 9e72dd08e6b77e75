/**
 * A sweep worker: plans the sweep from its file (the same deterministic plan as the main thread),
 * then runs the run indices it is sent, one at a time, answering each with its status and its
 * summary metrics as a Float64Array (results travel as files and typed arrays, never as objects).
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadScenarioFile } from "../scenario/load.js";
import { NETWORK_COLUMNS } from "../network-columns.js";
import { planSweep } from "./expand.js";
import { executeRun } from "./execute.js";

const { file, dir, sweepId } = workerData as { file: string; dir: string; sweepId: string };
const port = parentPort!;
const loaded = loadScenarioFile(file);
const plan = loaded.ok ? planSweep(loaded.value, NETWORK_COLUMNS.map((c) => c.name)) : undefined;
if (!plan || plan.ok === false || plan.value.sweep_id !== sweepId) {
  port.postMessage({ type: "fatal", error: `${file} no longer plans the same sweep` });
} else {
  const runs = plan.value.runs;
  port.on("message", (m: { index: number }) => {
    const rec = executeRun(plan.value, runs[m.index]!, dir);
    const metrics = Float64Array.from(plan.value.summary_columns.flatMap((c) => [rec.metrics[`${c}_mean`] ?? NaN, rec.metrics[`${c}_last`] ?? NaN]));
    port.postMessage({ type: "done", index: m.index, status: rec.status === "ok" ? 0 : 1, metrics }, [metrics.buffer]);
  });
  port.postMessage({ type: "ready" });
}
