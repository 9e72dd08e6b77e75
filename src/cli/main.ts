/**
 * taosim CLI: a thin shell. Parses the command, calls the library, prints, and returns the exit
 * code (0 ok, 1 bad input or a failed check, 2 a usage mistake, 3 an internal error). User
 * mistakes never print a stack trace; nor does a bug, unless TAOSIM_DEBUG is set.
 */
import { run, help as runHelp } from "./commands/run.js";
import { validate, help as validateHelp } from "./commands/validate.js";
import { schema, help as schemaHelp } from "./commands/schema.js";
import { supply, help as supplyHelp } from "./commands/supply.js";
import { yuma, help as yumaHelp } from "./commands/yuma.js";
import { experiment, help as experimentHelp } from "./commands/experiment.js";
import { sweep, help as sweepHelp } from "./commands/sweep.js";
import { merge, help as mergeHelp } from "./commands/merge.js";
import { report, help as reportHelp } from "./commands/report.js";
import { UsageError } from "./args.js";
import { formatIssue, ScenarioError } from "../scenario/issues.js";
import { StoreError } from "../sweep/store.js";
import { MergeError } from "../sweep/merge.js";
import { VERSION } from "../version.js";

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const COMMANDS: Record<string, { fn: (argv: string[], io: Io) => Promise<number>; help: string; summary: string }> = {
  run: { fn: run, help: runHelp, summary: "run a scenario (default: built-in mainnet-2023) into runs/<id>/" },
  validate: { fn: validate, help: validateHelp, summary: "check scenario files; print file:line:col problems" },
  schema: { fn: schema, help: schemaHelp, summary: "print the scenario JSON Schema" },
  supply: { fn: supply, help: supplyHelp, summary: "halving calculator: emission now and the coming halvings" },
  yuma: { fn: yuma, help: yumaHelp, summary: "replay Yuma Consensus epochs from a yuma-case/1 file; --check against its expectations" },
  experiment: { fn: experiment, help: experimentHelp, summary: "research experiments: collusion-retention (T7, Yuma collusion retention curve)" },
  sweep: { fn: sweep, help: sweepHelp, summary: "run a scenario's sweep (grid × zip × seeds) on worker threads into a resumable store" },
  merge: { fn: merge, help: mergeHelp, summary: "combine sweep stores (shards) into one" },
  report: { fn: report, help: reportHelp, summary: "HTML report of a sweep store (bands across seeds, heatmaps) or a run folder" },
};

export const HELP = `taosim ${VERSION}: agent-based research toolkit for Bittensor token economics

Usage: taosim <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([k, v]) => `  ${k.padEnd(10)} ${v.summary}`)
  .join("\n")}

Run "taosim <command> --help" for a command's options.`;

const stdio: Io = {
  out: (l) => process.stdout.write(l + "\n"),
  err: (l) => process.stderr.write(l + "\n"),
};

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || cmd === "help" || cmd === "--help" || cmd === "-h") {
    io.out(HELP);
    return cmd === undefined ? 2 : 0;
  }
  if (cmd === "--version" || cmd === "-v") return io.out(VERSION), 0;
  const c = COMMANDS[cmd];
  if (!c) {
    io.err(`taosim: unknown command "${cmd}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await c.fn(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`taosim ${cmd}: ${e.message}\nRun "taosim ${cmd} --help" for usage.`);
      return 2;
    }
    if (e instanceof ScenarioError) {
      for (const i of e.issues) io.err(formatIssue(i));
      return 1;
    }
    if (e instanceof StoreError || e instanceof MergeError) {
      io.err(`taosim ${cmd}: ${e.message}`);
      return 1;
    }
    // Not a user mistake: a bug. One line unless TAOSIM_DEBUG asks for the stack.
    const err = e instanceof Error ? e : new Error(String(e));
    io.err(`taosim ${cmd}: internal error: ${err.message.split("\n")[0]}`);
    if (process.env.TAOSIM_DEBUG) io.err(err.stack ?? "");
    else io.err("This is a bug in taosim, not in your input: rerun with TAOSIM_DEBUG=1 for details and report it.");
    return 3;
  }
}
