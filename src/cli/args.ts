/** Flag parsing shared by the commands: node:util parseArgs, with user mistakes as UsageError. */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: joinNegativeValues(argv, options), options, allowPositionals, strict: true });
  } catch (e) {
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    throw new UsageError(msg);
  }
}

/** A finite number flag (undefined when absent). */
export function numberFlag(v: string | boolean | undefined, flag: string, check?: (n: number) => string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || v.trim() === "" || !Number.isFinite(Number(v))) throw new UsageError(`${flag} must be a number, got "${String(v)}"`);
  const n = Number(v);
  const problem = check?.(n);
  if (problem) throw new UsageError(`${flag} ${problem}, got ${v}`);
  return n;
}

/**
 * `--flag -1` → `--flag=-1` for string options, so that a negative number reaches the flag's own
 * check (one clear line) instead of parseArgs' "argument is ambiguous" message.
 */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (/^--[^=]+$/.test(a) && options[a.slice(2)]?.type === "string" && next !== undefined && /^-[\d.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}
