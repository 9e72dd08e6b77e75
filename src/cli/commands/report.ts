/** `taosim report DIR`: the HTML report of a sweep store or of a run folder. */
import { existsSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";
import { reportHtml } from "../../plots/report.js";
import { readManifest, writeAtomic } from "../../sweep/store.js";
import { sweepReportHtml } from "../../sweep/report.js";
import { readRunManifest, readRunTable } from "../../runs/load.js";
import { parse, UsageError } from "../args.js";
import type { Io } from "../main.js";

export const help = `Usage: taosim report DIR [--out FILE]

Write an HTML report (self-contained: plotly is inlined) for DIR:
  - a sweep store (from \`taosim sweep\`): each summarised series over time per parameter
    combination, median and 5–95 % band across seeds; each summary metric by parameter (a line
    with its band for one parameter, a heatmap for two, one chart per parameter for more);
  - a run folder (from \`taosim run\`): its report rebuilt from network.parquet.

Options:
  --out FILE   where to write (default: DIR/report.html)
  -h, --help   show this help`;

export async function report(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, { out: { type: "string" }, help: { type: "boolean", short: "h" } });
  if (values.help) return io.out(help), 0;
  if (positionals.length !== 1) throw new UsageError(`report takes one folder, got ${positionals.length}`);
  const dir = positionals[0]!;
  const out = values.out ?? join(dir, "report.html");
  let html: string;
  if (readManifest(dir)) html = await sweepReportHtml(dir);
  else if (existsSync(join(dir, "manifest.json")) && existsSync(join(dir, "network.parquet"))) {
    const m = readRunManifest(dir);
    const t = await readRunTable(dir, "network", m);
    html = reportHtml({
      title: `taosim run: ${m.scenario?.name ?? m.run_id ?? dir}`,
      network: t,
      summary: [
        ["scenario", `${m.scenario?.name ?? "?"}${m.scenario?.description ? `: ${m.scenario.description}` : ""}`],
        ["run id", m.run_id ?? "?"],
        ["seed", String(m.seed ?? "?")],
        ["horizon", `${((m.horizon_blocks ?? 0) / 7200).toFixed(1)} days`],
      ],
    });
  } else {
    io.err(`taosim report: ${dir} is neither a sweep store (manifest.json of kind taosim-sweep) nor a run folder (manifest.json and network.parquet)`);
    return 1;
  }
  writeAtomic(out, html);
  const rel = relative(process.cwd(), out);
  io.out(`report: ${rel.startsWith("..") || isAbsolute(rel) ? out : rel}`);
  return 0;
}
