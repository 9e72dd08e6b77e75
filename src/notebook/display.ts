// Notebook display helpers for tslab, plus a tslab-free `renderPng`.
//
// - renderPng(fig): plotly figure spec -> PNG bytes, rendered in Debian's /usr/bin/chromium
//   via playwright-core. One browser + page is launched lazily and reused; closeRenderer() ends it.
// - showPng / showInteractive / showTable: emit PNG / RequireJS-plotly HTML / HTML table to tslab.
//
// tslab compiles this file with its own TS 5.0 to CommonJS (lib es2022, no DOM): so no
// import.meta, no top-level await, and in-page code goes through `globalThis as any`.
// Packages are resolved from the nearest node_modules above process.cwd() (the notebook's
// folder under tslab, usually the repo root under the CLI/tests).
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import type { Data, Layout } from "plotly.js-dist";

/** A plotly figure spec, as produced by src/plots. */
export interface Figure {
  data: Data[];
  layout?: Partial<Layout>;
}

export interface PngOptions {
  width?: number;
  height?: number;
}

/** Anything table-like: a danfojs DataFrame (columns + values) or an array of row objects. */
export interface FrameLike {
  columns: string[];
  values: unknown;
  index?: unknown;
}

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox", // running as root
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking", // the network is closed: avoid connection attempts
  "--disable-component-update",
  "--disable-sync",
];

let cachedRequire: NodeRequire | undefined;

/** `require` rooted at the first folder (walking up from cwd) that has node_modules/plotly.js-dist. */
function localRequire(): NodeRequire {
  if (cachedRequire) return cachedRequire;
  let dir = process.cwd();
  for (;;) {
    if (existsSync(join(dir, "node_modules", "plotly.js-dist"))) break;
    const up = dirname(dir);
    if (up === dir) throw new Error(`node_modules/plotly.js-dist not found above ${process.cwd()}`);
    dir = up;
  }
  cachedRequire = createRequire(join(dir, "x.js"));
  return cachedRequire;
}

let pagePromise: Promise<{ browser: Browser; page: Page }> | undefined;

async function openPage(): Promise<{ browser: Browser; page: Page }> {
  const req = localRequire();
  const { chromium } = req("playwright-core") as typeof import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.addScriptTag({ path: req.resolve("plotly.js-dist") });
    return { browser, page };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

function getPage(): Promise<{ browser: Browser; page: Page }> {
  if (!pagePromise) {
    pagePromise = openPage();
    pagePromise.catch(() => (pagePromise = undefined)); // allow a retry after a failed launch
  }
  return pagePromise;
}

/** Render a figure to PNG bytes (no tslab needed). */
export async function renderPng(fig: Figure, opts: PngOptions = {}): Promise<Buffer> {
  const { page } = await getPage();
  const arg = {
    data: fig.data,
    layout: fig.layout ?? {},
    width: opts.width ?? 800,
    height: opts.height ?? 450,
  };
  const dataUrl = await page.evaluate(async (a) => {
    const g = globalThis as any; // page context; tslab's lib has no DOM types
    const gd = g.document.createElement("div");
    g.document.body.appendChild(gd);
    try {
      await g.Plotly.newPlot(gd, a.data, a.layout, { staticPlot: true });
      return (await g.Plotly.toImage(gd, { format: "png", width: a.width, height: a.height })) as string;
    } finally {
      g.Plotly.purge(gd);
      gd.remove();
    }
  }, arg);
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
}

/** Close the shared browser (safe to call when none is open). */
export async function closeRenderer(): Promise<void> {
  const p = pagePromise;
  pagePromise = undefined;
  if (!p) return;
  const { browser } = await p.catch(() => ({ browser: undefined }));
  await browser?.close();
}

/** tslab's display, loaded lazily so this module also works outside a kernel. */
function tslabDisplay(): typeof import("tslab").display {
  return (localRequire()("tslab") as typeof import("tslab")).display;
}

/** Render the figure to PNG and show it in the notebook (the PNG is saved with the notebook). */
export async function showPng(fig: Figure, opts: PngOptions = {}): Promise<void> {
  tslabDisplay().png(await renderPng(fig, opts));
}

let plotCounter = 0;

/**
 * HTML for an interactive plot in the classic Notebook UI: plotly.js is loaded by RequireJS from
 * the server (`/files/node_modules/…`, the server runs at the repo root), never inlined.
 */
export function interactiveHtml(fig: Figure, opts: PngOptions = {}): string {
  const id = `taosim-plot-${process.pid}-${++plotCounter}`;
  // Escape "</" so figure text cannot close the <script> element.
  const json = (v: unknown): string => JSON.stringify(v).replace(/<\//g, "<\\/");
  return (
    `<div id="${id}" style="width:${opts.width ?? 800}px;height:${opts.height ?? 450}px"></div>\n` +
    `<script>\n` +
    // plotly.js-dist is a UMD bundle without AMD define: the shim exports the global.
    `require.config({paths: {plotly: "/files/node_modules/plotly.js-dist/plotly"}, shim: {plotly: {exports: "Plotly"}}});\n` +
    `require(["plotly"], function (Plotly) { Plotly.newPlot(${json(id)}, ${json(fig.data)}, ${json(fig.layout ?? {})}); });\n` +
    `</script>`
  );
}

/** Show an interactive plot (live notebook server only: see interactiveHtml). */
export function showInteractive(fig: Figure, opts: PngOptions = {}): void {
  tslabDisplay().html(interactiveHtml(fig, opts));
}

function escapeHtml(v: unknown): string {
  const s = typeof v === "number" ? formatNumber(v) : v == null ? "" : String(v);
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e5) return String(Math.round(n)); // big amounts: whole units
  if (Math.abs(n) < 1e-3) return n.toExponential(3); // tiny errors/fractions
  return String(Number(n.toPrecision(6)));
}

function isRowArray(df: FrameLike | readonly object[]): df is readonly object[] {
  return Array.isArray(df);
}

/** HTML for the first `maxRows` rows of a DataFrame or array of row objects. */
export function tableHtml(df: FrameLike | readonly object[], maxRows = 20): string {
  let columns: string[];
  let rows: unknown[][];
  let index: unknown[] | undefined;
  if (isRowArray(df)) {
    const recs = df as readonly Record<string, unknown>[];
    columns = [...new Set(recs.flatMap((r) => Object.keys(r)))];
    rows = recs.map((r) => columns.map((c) => r[c]));
  } else {
    columns = df.columns;
    const values = Array.isArray(df.values) ? (df.values as unknown[]) : [];
    rows = values.map((r) => (Array.isArray(r) ? r : [r]));
    index = Array.isArray(df.index) ? (df.index as unknown[]) : undefined;
  }
  const shown = rows.slice(0, maxRows);
  // Plain markup: Jupyter's own CSS (rendered_html) styles tables.
  const head = (index ? "<th></th>" : "") + columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("");
  const body = shown
    .map((r, i) => {
      const idx = index ? `<th>${escapeHtml(index[i])}</th>` : "";
      return `<tr>${idx}${r.map((v) => `<td>${escapeHtml(v)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  const more = rows.length > shown.length ? `<p><small>${shown.length} of ${rows.length} rows</small></p>` : "";
  return `<table><thead><tr>${head}</tr></thead>\n<tbody>${body}</tbody></table>${more}`;
}

/** Show a DataFrame (or rows) as a compact HTML table. */
export function showTable(df: FrameLike | readonly object[], maxRows = 20): void {
  tslabDisplay().html(tableHtml(df, maxRows));
}

/**
 * Show a figure: an interactive chart when the notebook runs under a live server started by
 * `npm run notebook` (which sets TAOSIM_INTERACTIVE=1), else an embedded PNG (headless runs and
 * saved notebooks; never an inlined plotly bundle).
 */
export async function show(fig: Figure, opts: PngOptions = {}): Promise<void> {
  if (process.env.TAOSIM_INTERACTIVE === "1") showInteractive(fig, opts);
  else await showPng(fig, opts);
}
