/** `taosim schema`: print the scenario JSON Schema (for editor autocompletion). */
import { scenarioJsonSchema } from "../../scenario/schema.js";
import { parse } from "../args.js";
import type { Io } from "../main.js";

export const help = `Usage: taosim schema > scenario.schema.json

Print the JSON Schema of scenario files. Point your editor at it, e.g. with the YAML language
server: "# yaml-language-server: $schema=./scenario.schema.json" at the top of a scenario.`;

export async function schema(argv: string[], io: Io): Promise<number> {
  const { values } = parse(argv, { help: { type: "boolean", short: "h" } }, false);
  if (values.help) return io.out(help), 0;
  io.out(JSON.stringify(scenarioJsonSchema(), null, 2));
  return 0;
}
