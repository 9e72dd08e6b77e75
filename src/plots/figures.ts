/**
 * Plot helpers: pure functions from result tables to plotly figure specs ({data, layout}). They do
 * no rendering; the report (plots/report.ts), notebooks (notebook/display.ts) and any other
 * front end draw them.
 */
import type { Data, Layout } from "plotly.js-dist";
import { column as tableColumn, type Table } from "../table.js";
import { NETWORK_COLUMNS } from "../network-columns.js";

export interface Figure {
  data: Data[];
  layout: Partial<Layout>;
}

/** Anything holding a network table (a run result or the table itself). */
export type NetworkSource = Table | { tables: { network: Table } };

function networkOf(src: NetworkSource): Table {
  return "tables" in src ? src.tables.network : src;
}

function column(t: Table, name: string): number[] | string[] {
  return Array.from(tableColumn(t, name) as ArrayLike<number | string>) as number[] | string[];
}

/** "issuance_tao" → "Issuance (TAO)" using the column registry's unit. */
export function label(name: string): string {
  const def = NETWORK_COLUMNS.find((c) => c.name === name);
  const base = name.replace(/_(tao|usd|frac|blocks)$/, "").replace(/_/g, " ");
  const nice = base.charAt(0).toUpperCase() + base.slice(1);
  return def ? `${nice} (${def.unit})` : nice;
}

const baseLayout = (title: string, yTitle: string): Partial<Layout> => ({
  title: { text: title },
  xaxis: { title: { text: "Date" } },
  yaxis: { title: { text: yTitle }, rangemode: "tozero" },
  legend: { orientation: "h", y: -0.2 },
  margin: { l: 70, r: 20, t: 50, b: 60 },
  template: undefined,
});

/** Supply: issuance, staked and liquid TAO, cumulative recycled. */
export function supplyFigure(src: NetworkSource): Figure {
  const t = networkOf(src);
  const x = column(t, "date");
  const line = (name: string, title: string): Data => ({ type: "scatter", mode: "lines", x, y: column(t, name), name: title });
  return {
    data: [
      line("issuance_tao", "Issuance"),
      line("staked_tao", "Staked"),
      line("liquid_tao", "Liquid"),
      line("recycled_tao", "Recycled (cumulative)"),
    ],
    layout: baseLayout("TAO supply", "TAO"),
  };
}

/** Emission: block emission (TAO/block, left axis) and net emission per day (TAO/day, right). */
export function emissionFigure(src: NetworkSource): Figure {
  const t = networkOf(src);
  const x = column(t, "date") as string[];
  const issuance = column(t, "issuance_tao") as number[];
  const day = column(t, "day") as number[];
  const perDay: number[] = issuance.map((v, i) => (i === 0 ? NaN : (v - issuance[i - 1]!) / (day[i]! - day[i - 1]!)));
  const layout = baseLayout("Emission", "TAO per block");
  layout.yaxis2 = { title: { text: "Net new issuance (TAO/day)" }, overlaying: "y", side: "right", rangemode: "tozero" };
  layout.margin = { ...layout.margin, r: 80 };
  return {
    data: [
      { type: "scatter", mode: "lines", line: { shape: "hv" }, x, y: column(t, "block_emission_tao"), name: "Block emission (TAO/block)" },
      { type: "scatter", mode: "lines", x: x.slice(1), y: perDay.slice(1), name: "Net issuance (TAO/day)", yaxis: "y2" },
    ],
    layout,
  };
}

/** Staking ratio and TAO price. */
export function stakingFigure(src: NetworkSource): Figure {
  const t = networkOf(src);
  const x = column(t, "date");
  const layout = baseLayout("Staking ratio and price", "Staked / issued");
  layout.yaxis = { title: { text: "Staked / issued" }, range: [0, 1] };
  layout.yaxis2 = { title: { text: "Price (USD/TAO)" }, overlaying: "y", side: "right", rangemode: "tozero" };
  layout.margin = { ...layout.margin, r: 80 };
  return {
    data: [
      { type: "scatter", mode: "lines", x, y: column(t, "staking_ratio_frac"), name: "Staking ratio" },
      { type: "scatter", mode: "lines", x, y: column(t, "price_usd"), name: "Price (USD)", yaxis: "y2" },
    ],
    layout,
  };
}

/** Staking yield: gross (before take), network (net of take) and nominators', annualised, in %. */
export function aprFigure(src: NetworkSource): Figure {
  const t = networkOf(src);
  const x = column(t, "date");
  const pct = (name: string) => (column(t, name) as number[]).map((v) => 100 * v);
  return {
    data: [
      { type: "scatter", mode: "lines", x, y: pct("apr_gross_frac"), name: "Gross (before take)" },
      { type: "scatter", mode: "lines", x, y: pct("apr_network_frac"), name: "Net of take (network)" },
      { type: "scatter", mode: "lines", x, y: pct("apr_nominator_frac"), name: "Nominators" },
    ],
    layout: baseLayout("Staking yield (annualised over each recording interval)", "APR (%)"),
  };
}

/** Active validators and miners: registered, serving and paid. */
export function activityFigure(src: NetworkSource): Figure {
  const t = networkOf(src);
  const x = column(t, "date");
  const line = (name: string, title: string): Data => ({ type: "scatter", mode: "lines", x, y: column(t, name), name: title });
  return {
    data: [line("validators_active", "Validators active"), line("miners_registered", "Miners registered"), line("miners_serving", "Miners serving"), line("miners_active", "Miners paid")],
    layout: baseLayout("Participants", "Count"),
  };
}

/**
 * Collusion and concentration: cartel stake share vs cartel emission share, sybil uid and emission
 * shares, copiers' dividend ratio; series with no data (no cartel, no sybil, no copier) are left out.
 * Undefined when the run has none of them.
 */
export function collusionFigure(src: NetworkSource): Figure | undefined {
  const t = networkOf(src);
  const x = column(t, "date");
  const series: [string, string][] = [
    ["cartel_stake_frac", "Cartel stake share"],
    ["cartel_emission_frac", "Cartel emission share"],
    ["sybil_uid_frac", "Sybil uid share"],
    ["sybil_emission_frac", "Sybil emission share"],
    ["copier_dividend_ratio", "Copier ÷ honest dividends per TAO"],
  ];
  const data: Data[] = [];
  for (const [name, title] of series) {
    const y = column(t, name) as number[];
    if (y.some((v) => Number.isFinite(v))) data.push({ type: "scatter", mode: "lines", x, y, name: title });
  }
  if (data.length === 0) return undefined;
  const layout = baseLayout("Collusion", "Share / ratio");
  return { data, layout };
}

export interface Series {
  name: string;
  x: readonly (number | string)[];
  /** Numbers, or ISO dates for a date axis. */
  y: readonly (number | string)[];
  /** "lines" (default), "markers" or "lines+markers". */
  mode?: "lines" | "markers" | "lines+markers";
  dash?: "solid" | "dash" | "dot";
  /** Step line (values hold until the next x). */
  step?: boolean;
  /** Plot on a second y axis at the right. */
  right?: boolean;
  /** CSS colour (default: plotly's cycle); give related series the same one. */
  color?: string;
}

/** plotly's default colour cycle, for series that should share a colour. */
export const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"] as const;

export interface LineChart {
  title: string;
  xTitle: string;
  yTitle: string;
  series: readonly Series[];
  /** Title of the right axis (when some series use it). */
  y2Title?: string;
  /** Start the y axis at zero (default true). */
  fromZero?: boolean;
  yRange?: [number, number];
  xRange?: [number | string, number | string];
}

/** A chart of named series (for notebooks and experiments): titles and units are required. */
export function lineChart(c: LineChart): Figure {
  const layout: Partial<Layout> = {
    title: { text: c.title },
    xaxis: { title: { text: c.xTitle }, ...(c.xRange ? { range: [...c.xRange] } : {}) },
    yaxis: { title: { text: c.yTitle }, ...(c.yRange ? { range: [...c.yRange] } : c.fromZero === false ? {} : { rangemode: "tozero" }) },
    legend: { orientation: "h", y: -0.2 },
    margin: { l: 70, r: c.y2Title ? 80 : 20, t: 50, b: 60 },
  };
  if (c.y2Title) layout.yaxis2 = { title: { text: c.y2Title }, overlaying: "y", side: "right", rangemode: "tozero" };
  return {
    data: c.series.map(
      (s): Data => ({
        type: "scatter",
        mode: s.mode ?? "lines",
        name: s.name,
        x: [...s.x],
        y: [...s.y],
        line: { dash: s.dash ?? "solid", ...(s.step ? { shape: "hv" } : {}), ...(s.color ? { color: s.color } : {}) },
        ...(s.color ? { marker: { color: s.color } } : {}),
        ...(s.right ? { yaxis: "y2" } : {}),
      }),
    ),
    layout,
  };
}

export interface BandSeries {
  name: string;
  x: readonly (number | string)[];
  median: readonly number[];
  low: readonly number[];
  high: readonly number[];
  color?: string;
}

function rgba(hex: string, a: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${a})`;
}

/** Medians with a shaded band (e.g. 5–95 % across seeds) per series. */
export function bandChart(c: { title: string; xTitle: string; yTitle: string; series: readonly BandSeries[]; fromZero?: boolean }): Figure {
  const data: Data[] = [];
  c.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length]!;
    data.push({ type: "scatter", mode: "lines", x: [...s.x], y: [...s.low], line: { width: 0, color }, showlegend: false, hoverinfo: "skip", name: `${s.name} (5 %)` });
    data.push({ type: "scatter", mode: "lines", x: [...s.x], y: [...s.high], fill: "tonexty", fillcolor: rgba(color, 0.18), line: { width: 0, color }, showlegend: false, hoverinfo: "skip", name: `${s.name} (95 %)` });
    data.push({ type: "scatter", mode: "lines", x: [...s.x], y: [...s.median], line: { color }, name: s.name });
  });
  return {
    data,
    layout: {
      title: { text: c.title },
      xaxis: { title: { text: c.xTitle } },
      yaxis: { title: { text: c.yTitle }, ...(c.fromZero === false ? {} : { rangemode: "tozero" }) },
      legend: { orientation: "h", y: -0.2 },
      margin: { l: 70, r: 20, t: 50, b: 60 },
    },
  };
}

/** A heatmap of z[row][col] over two parameters. */
export function heatmap(c: { title: string; xTitle: string; yTitle: string; x: readonly (number | string)[]; y: readonly (number | string)[]; z: readonly (readonly number[])[]; zTitle: string }): Figure {
  return {
    data: [{ type: "heatmap", x: [...c.x], y: [...c.y], z: c.z.map((r) => [...r]), colorbar: { title: { text: c.zTitle } }, colorscale: "Viridis" } as Data],
    layout: {
      title: { text: c.title },
      xaxis: { title: { text: c.xTitle }, type: "category" },
      yaxis: { title: { text: c.yTitle }, type: "category" },
      margin: { l: 90, r: 20, t: 50, b: 60 },
    },
  };
}

/**
 * dTAO figures from the network and pools tables: root vs alpha yields, where the TAO sits (root,
 * pools) with the chain-buy share, each subnet's share of the emission over time (the largest
 * `top` by final share, the rest summed), and their spot prices.
 */
export function dtaoFigures(network: Table, pools: Table, top = 10): Figure[] {
  const x = column(network, "date");
  const pct = (name: string) => (column(network, name) as number[]).map((v) => 100 * v);
  const yields: Figure = {
    data: [
      { type: "scatter", mode: "lines", x, y: pct("apy_root_frac"), name: "Root staking (TAO)" },
      { type: "scatter", mode: "lines", x, y: pct("apy_alpha_frac"), name: "Alpha staking (alpha)" },
      { type: "scatter", mode: "lines", x, y: pct("apy_alpha_tao_frac"), name: "Alpha staking in TAO (price included)" },
    ],
    layout: { ...baseLayout("Staking yields, root vs alpha (annualised over each interval, stake-weighted)", "APY (%)"), yaxis: { title: { text: "APY (%)" } } },
  };
  const where: Figure = {
    data: [
      { type: "scatter", mode: "lines", x, y: column(network, "root_stake_tao"), name: "Root stake" },
      { type: "scatter", mode: "lines", x, y: column(network, "pool_tao"), name: "TAO in pools" },
      { type: "scatter", mode: "lines", x, y: column(network, "alpha_staked_value_tao"), name: "Staked alpha (at spot)" },
      { type: "scatter", mode: "lines", x, y: pct("chain_buy_share_frac"), name: "Chain buys (% of emission, right)", yaxis: "y2" },
    ],
    layout: { ...baseLayout("Where the TAO sits", "TAO"), yaxis2: { title: { text: "%" }, overlaying: "y", side: "right", rangemode: "tozero" } },
  };
  // Per subnet series from the long pools table.
  const subnet = column(pools, "subnet") as number[];
  const dates = column(pools, "date") as string[];
  const share = column(pools, "emission_share_frac") as number[];
  const price = column(pools, "price_tao") as number[];
  const S = subnet.length > 0 ? Math.max(...subnet) + 1 : 0;
  const rows = S > 0 ? subnet.length / S : 0;
  const lastShare = Array.from({ length: S }, (_, s) => share[(rows - 1) * S + s] ?? 0);
  const order = Array.from({ length: S }, (_, s) => s).sort((a, b) => lastShare[b]! - lastShare[a]! || a - b);
  const chosen = order.slice(0, Math.min(top, S));
  const dx = Array.from({ length: rows }, (_, r) => dates[r * S]!);
  const series = (s: number, v: number[], scale = 1) => Array.from({ length: rows }, (_, r) => scale * v[r * S + s]!);
  const rest = Array.from({ length: rows }, (_, r) => {
    let sum = 0;
    for (const s of order.slice(chosen.length)) sum += share[r * S + s]!;
    return 100 * sum;
  });
  const shares: Figure = {
    data: [
      ...chosen.map((s): Data => ({ type: "scatter", mode: "lines", stackgroup: "one", x: dx, y: series(s, share, 100), name: `subnet ${s}` })),
      ...(S > chosen.length ? [{ type: "scatter", mode: "lines", stackgroup: "one", x: dx, y: rest, name: `the other ${S - chosen.length}` } as Data] : []),
    ],
    layout: baseLayout(`Share of the TAO emission by subnet (the ${chosen.length} largest at the end)`, "%"),
  };
  const prices: Figure = {
    data: chosen.map((s): Data => ({ type: "scatter", mode: "lines", x: dx, y: series(s, price), name: `subnet ${s}` })),
    layout: { ...baseLayout("Alpha spot prices of the same subnets", "TAO per alpha"), yaxis: { title: { text: "TAO per alpha" }, type: "log" } },
  };
  return [yields, where, shares, prices];
}
