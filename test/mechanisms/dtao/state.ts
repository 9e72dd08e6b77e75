/** Test helper: a dTAO run's state at its start (genesis done), from a small scenario. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../../helpers.js";
import { loadScenarioFile } from "../../../src/scenario/load.js";
import { compileScenario } from "../../../src/scenario/compile.js";
import { createState, type SimState } from "../../../src/state/state.js";
import { dtaoGenesis } from "../../../src/mechanisms/dtao/genesis.js";

export function dtaoState(dtao: Record<string, unknown>, extra: { subnets?: number; era?: string; owner_cut_frac?: number; issuance?: number; validators?: string; stakers?: string; miners?: string; hyperparameters?: string; registration?: string } = {}): SimState {
  const yaml = `name: t
seed: 1
start: { date: "2026-08-01", block: 1000000 }
horizon: { days: 1 }
token: { initial_issuance_tao: ${extra.issuance ?? 11000000} }
network:
  era: ${extra.era ?? "dtao-2026"}
  subnets: ${extra.subnets ?? 1}
  hyperparameters: { tempo: 360, owner_cut_frac: ${extra.owner_cut_frac ?? 0}${extra.hyperparameters ? `, ${extra.hyperparameters}` : ""} }
  dtao: ${JSON.stringify(dtao)}
${extra.registration ? `  registration: ${extra.registration}\n` : ""}populations:
  validators: ${extra.validators ?? "{}"}
  stakers: ${extra.stakers ?? "{}"}
  miners: ${extra.miners ?? "{}"}
`;
  const file = join(tempDir(), "t.yaml");
  writeFileSync(file, yaml);
  const loaded = loadScenarioFile(file);
  if (loaded.ok === false) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  const c = compileScenario(loaded.value);
  if (c.ok === false) throw new Error(c.issues.map((i) => i.message).join("; "));
  const st = createState(c.value);
  dtaoGenesis(st);
  return st;
}
