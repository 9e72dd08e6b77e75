/**
 * report.html for a run: a self-contained page (plotly is inlined, minified once and cached under
 * node_modules/.cache/taosim) with the scenario summary, headline figures and charts. Works
 * offline and from any folder.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { packageRoot } from "../paths.js";
import { NETWORK_COLUMNS } from "../network-columns.js";
import type { Table } from "../table.js";
import { emissionFigure, stakingFigure, supplyFigure, type Figure, aprFigure, activityFigure, collusionFigure, dtaoFigures } from "./figures.js";

let plotlyMin: string | undefined;

/** plotly.js-dist, minified with esbuild, cached on disk by version. */
export function plotlyBundle(): string {
  if (plotlyMin) return plotlyMin;
  const req = createRequire(join(packageRoot(), "x.js"));
  const pkgPath = req.resolve("plotly.js-dist/package.json");
  const version = (JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string }).version;
  const cache = join(packageRoot(), "node_modules", ".cache", "taosim", `plotly-${version}.min.js`);
  if (existsSync(cache)) return (plotlyMin = readFileSync(cache, "utf8"));
  const src = readFileSync(join(dirname(pkgPath), "plotly.js"), "utf8");
  const esbuild = req("esbuild") as typeof import("esbuild");
  plotlyMin = esbuild.transformSync(src, { minify: true, legalComments: "none" }).code;
  try {
    mkdirSync(dirname(cache), { recursive: true });
    writeFileSync(cache, plotlyMin);
  } catch {
    // read-only install: keep it in memory only
  }
  return plotlyMin;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);

export interface ReportInput {
  title: string;
  summary: readonly [string, string][];
  network: Table;
  /** dTAO runs: the pools table (adds the dTAO figures). */
  pools?: Table;
  figures?: Figure[];
}

/** The standard figures of a run. */
export function runFigures(t: Table): Figure[] {
  const collusion = collusionFigure(t);
  return [supplyFigure(t), emissionFigure(t), stakingFigure(t), aprFigure(t), activityFigure(t), ...(collusion ? [collusion] : [])];
}

export function reportHtml(r: ReportInput): string {
  const figures = r.figures ?? [...runFigures(r.network), ...(r.pools ? dtaoFigures(r.network, r.pools) : [])];
  const divs = figures.map((_, i) => `<div id="fig${i}" class="fig"></div>`).join("\n");
  const json = JSON.stringify(figures).replace(/</g, "\\u003c");
  const rows = r.summary.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join("");
  const cols = NETWORK_COLUMNS.map((c) => `<tr><td><code>${c.name}</code></td><td>${esc(c.unit)}</td><td>${esc(c.doc)}</td></tr>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#222}
table{border-collapse:collapse;margin:1rem 0}th,td{padding:.25rem .75rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{font-weight:600}.fig{width:100%;height:440px;margin:1rem 0}code{font-size:.9em}
</style>
<script>${plotlyBundle()}</script>
</head><body>
<h1>${esc(r.title)}</h1>
<table>${rows}</table>
${divs}
<h2>Columns of network.csv</h2>
<table><tr><th>column</th><th>unit</th><th>meaning</th></tr>${cols}</table>
<script>
const figs = ${json};
figs.forEach((f, i) => Plotly.newPlot("fig" + i, f.data, Object.assign({autosize: true}, f.layout), {responsive: true, displaylogo: false}));
</script>
</body></html>
`;
}
