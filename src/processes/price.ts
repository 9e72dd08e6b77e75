/**
 * TAO/USD price processes, stepped once a day (day 0 = the start date). The whole path is built at
 * compile time from the `process/price` stream, so the recording interval never changes the draws.
 *
 *   constant   P_d = P_0
 *   gbm        P_{d+1} = P_d · exp((μ − σ²/2)·Δ + σ·√Δ·Z_d),  Δ = 1/365 year, Z_d ~ N(0,1)
 *   csv        P_d = last row of the file with date ≤ day d (the first row before it)
 *   expr       P_d = f(day = d, year = d/365, block = start_block + 7200·d)
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { FileResolution } from "../scenario/files.js";
import { compileExpr } from "../scenario/expr.js";
import type { Issue } from "../scenario/issues.js";
import { parseIsoDate, MS_PER_DAY, BLOCKS_PER_DAY } from "../units.js";
import { normal01, type Rng } from "../rng.js";
import type { Scenario } from "../scenario/schema.js";

export type PriceSpec = Scenario["token"]["price"];

export interface PricePathInput {
  spec: PriceSpec;
  days: number;
  startMs: number;
  startBlock: number;
  rng: Rng;
  /** Resolve and check a path given in the scenario (relative to the scenario file, inside its allowed roots). */
  resolvePath: (p: string) => FileResolution;
  /** Where the spec sits, for issues. */
  at: (key: string) => Pick<Issue, "file" | "line" | "col">;
}

export type PricePathResult = { ok: true; path: Float64Array } | { ok: false; issues: Issue[] };

export function buildPricePath(inp: PricePathInput): PricePathResult {
  const { spec, days } = inp;
  const out = new Float64Array(days + 1);
  const fail = (key: string, message: string): PricePathResult => ({
    ok: false,
    issues: [{ ...inp.at(key), path: `token.price${key ? "." + key : ""}`, message }],
  });
  switch (spec.process) {
    case "constant":
      out.fill(spec.initial_usd);
      return { ok: true, path: out };
    case "gbm": {
      const dt = 1 / 365;
      const mu = spec.drift_per_year;
      const sig = spec.volatility_per_year;
      out[0] = spec.initial_usd;
      for (let d = 1; d <= days; d++) {
        out[d] = out[d - 1]! * Math.exp((mu - 0.5 * sig * sig) * dt + sig * Math.sqrt(dt) * normal01(inp.rng));
      }
      return { ok: true, path: out };
    }
    case "expr": {
      const c = compileExpr(spec.expr, ["day", "year", "block"]);
      if (c.ok === false) return fail("expr", c.message);
      for (let d = 0; d <= days; d++) {
        const v = c.expr.evaluate({ day: d, year: d / 365, block: inp.startBlock + BLOCKS_PER_DAY * d });
        if (!Number.isFinite(v) || v <= 0) return fail("expr", `price must be a positive finite number; got ${v} on day ${d}`);
        out[d] = v;
      }
      return { ok: true, path: out };
    }
    case "csv": {
      const r = inp.resolvePath(spec.path);
      if (r.ok === false) return fail("path", r.message);
      const file = r.abs;
      const rel = relative(process.cwd(), file);
      const shown = rel.startsWith("..") || isAbsolute(rel) ? file : rel;
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        return fail("path", `price file cannot be read: ${spec.path}`);
      }
      // Cell contents are never quoted back in messages: the file may hold anything.
      const rows = text.split(/\r?\n/);
      const header = (rows[0] ?? "").split(",").map((h) => h.trim());
      const di = header.indexOf("date");
      const pi = header.indexOf("price_usd");
      if (di < 0 || pi < 0) {
        return { ok: false, issues: [{ file: shown, line: 1, col: 1, path: "token.price.path", message: "the price CSV needs a header row with columns date and price_usd" }] };
      }
      const colOf = (cells: string[], k: number) => 1 + cells.slice(0, k).reduce((n, c) => n + c.length + 1, 0);
      const points: [number, number][] = [];
      for (let r = 1; r < rows.length; r++) {
        const line = rows[r]!;
        if (line.trim() === "") continue;
        const cells = line.split(",");
        const ms = parseIsoDate((cells[di] ?? "").trim());
        const price = Number((cells[pi] ?? "").trim());
        const bad = (col: number, what: string): PricePathResult => ({
          ok: false,
          issues: [{ file: shown, line: r + 1, col, path: "token.price.path", message: what }],
        });
        if (Number.isNaN(ms)) return bad(colOf(cells, di), "the date is not a calendar date YYYY-MM-DD");
        if ((cells[pi] ?? "").trim() === "" || !Number.isFinite(price) || price <= 0) return bad(colOf(cells, pi), "price_usd must be a positive number");
        if (points.length > 0 && ms <= points[points.length - 1]![0]) return bad(colOf(cells, di), "dates must be increasing");
        points.push([ms, price]);
      }
      if (points.length === 0) return { ok: false, issues: [{ file: shown, line: 1, col: 1, path: "token.price.path", message: "the price CSV has no rows" }] };
      let k = 0;
      for (let d = 0; d <= days; d++) {
        const ms = inp.startMs + d * MS_PER_DAY;
        while (k + 1 < points.length && points[k + 1]![0] <= ms) k++;
        out[d] = points[k]![1];
      }
      return { ok: true, path: out };
    }
  }
}
