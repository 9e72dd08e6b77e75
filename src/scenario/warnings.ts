/**
 * Validation warnings: parameters a scenario sets that have no effect in the configuration it
 * chooses (e.g. `kappa` under `consensus: ideal`, root_* under `subnet_emission: equal`, the
 * registration settings while registration is off, liquid alpha with classic bonds). Derived from
 * the registries: every mechanism and consensus model declares the parameters it reads (`params`)
 * and which of them it reads under a given scenario (`paramsUsed`); a parameter set in the
 * scenario's files that no component of the chosen era, subnet emission and consensus reads is
 * reported, located at its key. Warnings never stop a run.
 */
import type { Issue } from "./issues.js";
import type { LoadedScenario } from "./load.js";
import { ERAS, findEra } from "../mechanisms/index.js";
import { CONSENSUS_MODELS } from "../mechanisms/consensus/index.js";

/** The label of each component that reads a parameter path (for the message). */
function owners(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (path: string, who: string) => {
    const l = out.get(path) ?? [];
    if (!l.includes(who)) l.push(who);
    out.set(path, l);
  };
  for (const era of ERAS) for (const m of era.mechanisms) for (const p of m.params ?? []) add(p, `mechanism ${m.name} (era ${era.name})`);
  for (const m of CONSENSUS_MODELS) for (const p of m.params) add(p, `consensus ${m.name}`);
  return out;
}

function isSet(raw: Record<string, unknown>, path: string): boolean {
  let node: unknown = raw;
  for (const seg of path.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, seg)) return false;
    node = (node as Record<string, unknown>)[seg];
  }
  return node !== undefined;
}

/** Warnings for parameters set in the scenario that its configuration never reads. */
export function scenarioWarnings(loaded: LoadedScenario): Issue[] {
  const sc = loaded.scenario;
  const eraNames = sc.network.eras ? sc.network.eras.map((e) => e.era) : [sc.network.era];
  const eras = eraNames.map((n) => findEra(n));
  if (eras.some((e) => !e)) return [];
  const used = new Set(eras.flatMap((era) => era!.pipeline({ subnet_emission: sc.network.subnet_emission })).flatMap((m) => m.paramsUsed?.(sc) ?? m.params ?? []));
  const config = `era ${eraNames.join(" → ")}, consensus ${sc.network.consensus}, subnet_emission ${sc.network.subnet_emission}, registration ${sc.network.registration.enabled ? "on" : "off"}`;
  const out: Issue[] = [];
  for (const [path, who] of owners()) {
    if (used.has(path) || !isSet(loaded.raw, path)) continue;
    out.push({
      ...loaded.locate(path.split(".")),
      path,
      severity: "warning",
      message: `has no effect in this configuration (${config}); it is read by ${who.join(", ")}`,
    });
  }
  return out;
}
