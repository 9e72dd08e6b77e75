/** `taosim merge DIR...`: combine sweep stores (shards) into one. */
import { mergeStores, MergeError } from "../../sweep/merge.js";
import { parse, UsageError } from "../args.js";
import type { Io } from "../main.js";

export const help = `Usage: taosim merge DIR... [--out DIR]

Combine stores of one sweep (e.g. the shards of \`taosim sweep FILE --shard i/N\` run on several
machines) into one: run folders are copied into the first DIR (or --out DIR), a run present in
two stores must be identical, and summary.csv/summary.parquet are rebuilt in run order — the same
bytes a single uninterrupted sweep writes.

Options:
  --out DIR    write the merged store here instead of into the first DIR
  -h, --help   show this help`;

export async function merge(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (values.help) return io.out(help), 0;
  if (positionals.length === 0) throw new UsageError("merge takes one or more store folders");
  try {
    const r = mergeStores(positionals, values.out);
    io.out(`merged ${r.copied} run(s) (${r.already} already there): ${r.rows} runs in ${r.dir}${r.missing > 0 ? `, ${r.missing} not run yet` : ""}${r.failed > 0 ? `, ${r.failed} failed` : ""}`);
    return 0;
  } catch (e) {
    if (e instanceof MergeError) {
      io.err(`taosim merge: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
