/**
 * Tables as danfojs DataFrames (for notebooks and the library API). danfojs is loaded lazily: it
 * takes ~0.6 s to import, which the CLI does not need to pay.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot } from "../paths.js";
import type { Table } from "../table.js";

export type DataFrame = import("danfojs-node").DataFrame;
type Danfo = typeof import("danfojs-node");

let dfd: Danfo | undefined;

/** The danfojs-node module (loaded on first use). */
export function danfo(): Danfo {
  if (!dfd) dfd = createRequire(join(packageRoot(), "x.js"))("danfojs-node") as Danfo;
  return dfd;
}

/** A Table as a DataFrame; float columns stay float64. */
export function tableToFrame(t: Table): DataFrame {
  const data: Record<string, unknown[]> = {};
  for (const c of t.columns) data[c.def.name] = Array.from(c.data as ArrayLike<unknown>);
  return new (danfo().DataFrame)(data);
}
