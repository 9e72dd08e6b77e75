/**
 * The compile stage of the price process: a scenario's `token.price` spec → the daily price path
 * (index = day, day 0 = the start date). Reads and checks the CSV file, compiles and evaluates the
 * expression, and hands the numbers to the process math (processes/price.ts); problems come back
 * as issues located in the scenario or the CSV file.
 */
import { readFileSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { FileResolution } from "./files.js";
import { compileExpr } from "./expr.js";
import type { Issue } from "./issues.js";
import type { Scenario } from "./schema.js";
import { constantPricePath, gbmPricePath, priceTimeOfDay, stepPricePath } from "../processes/price.js";
import { parseIsoDate } from "../units.js";
import type { Rng } from "../rng.js";

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
  const fail = (key: string, message: string): PricePathResult => ({
    ok: false,
    issues: [{ ...inp.at(key), path: `token.price${key ? "." + key : ""}`, message }],
  });
  switch (spec.process) {
    case "constant":
      return { ok: true, path: constantPricePath(days, spec.initial_usd) };
    case "gbm":
      return { ok: true, path: gbmPricePath(days, spec.initial_usd, spec.drift_per_year, spec.volatility_per_year, inp.rng) };
    case "expr": {
      const c = compileExpr(spec.expr, ["day", "year", "block"]);
      if (c.ok === false) return fail("expr", c.message);
      const out = new Float64Array(days + 1);
      for (let d = 0; d <= days; d++) {
        const v = c.expr.evaluate(priceTimeOfDay(d, inp.startBlock));
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
      return { ok: true, path: stepPricePath(points, inp.startMs, days) };
    }
  }
}
