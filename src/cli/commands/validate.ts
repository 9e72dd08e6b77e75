/** `taosim validate FILE...`: check scenario files; print every problem as file:line:col key message. */
import { loadScenarioFile } from "../../scenario/load.js";
import { compileScenario } from "../../scenario/compile.js";
import { formatIssue } from "../../scenario/issues.js";
import { scenarioWarnings } from "../../scenario/warnings.js";
import { planSweep } from "../../sweep/expand.js";
import { NETWORK_COLUMNS } from "../../network-columns.js";
import { parse, UsageError } from "../args.js";
import type { Io } from "../main.js";

export const help = `Usage: taosim validate FILE...

Check scenario files (schema, extends, expressions, sampled values, capacity, and the sweep
section if there is one) without running them. Prints every problem as
"file:line:col  key.path  message" and exits 1 if there is any. Parameters set in a scenario
that have no effect in its configuration (e.g. kappa under consensus: ideal) are printed as
warnings; they do not change the exit code.`;

export async function validate(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { help: { type: "boolean", short: "h" } });
  if (values.help) return io.out(help), 0;
  if (positionals.length === 0) throw new UsageError("validate needs at least one scenario file");
  let bad = 0;
  for (const file of positionals) {
    const l = loadScenarioFile(file);
    let issues = l.ok ? (() => { const c = compileScenario(l.value); return c.ok ? [] : c.issues; })() : l.issues;
    // A sweep section is checked too (paths, values, expansion), as `taosim sweep` would.
    if (l.ok && issues.length === 0 && l.value.scenario.sweep) {
      const p = planSweep(l.value, NETWORK_COLUMNS.map((c) => c.name));
      if (p.ok === false) issues = p.issues;
    }
    if (issues.length === 0) io.out(`${file}: ok`);
    for (const i of issues) io.err(formatIssue(i));
    // Parameters with no effect in the chosen configuration: reported, never an error.
    if (l.ok) for (const w of scenarioWarnings(l.value)) io.err(formatIssue(w));
    if (issues.length > 0) bad++;
  }
  return bad > 0 ? 1 : 0;
}
