/**
 * Reading run folders back without rerunning (the folder is the interface between running and
 * analysing): `loadRun(dir)` gives the manifest and the tables as Table objects read from the
 * Parquet files. The same reader serves a sweep's per-run network.parquet.
 *
 * A column's kind comes from its Parquet type: INT32/INT64 → int, DOUBLE/FLOAT → float, text →
 * date when its unit is YYYY-MM-DD, else string. Units come from the file's `unit:<column>`
 * metadata, meanings from the manifest. Numbers come back as float64 (as the recorder holds them).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import type { ColumnDef, RunTables, Table } from "../table.js";
import type { RunManifest } from "./write.js";

export interface LoadedRun {
  dir: string;
  manifest: RunManifest;
  tables: RunTables;
}

const TABLES = ["network", "validators", "subnets"] as const;

const toArrayBuffer = (buf: Buffer): ArrayBuffer => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;

/** The rows of a Parquet file (hyparquet), 64-bit integers as numbers. */
export async function readParquetRows(file: string): Promise<Record<string, number | string>[]> {
  const rows = (await parquetReadObjects({ file: toArrayBuffer(readFileSync(file)) })) as Record<string, number | string | bigint>[];
  for (const r of rows) for (const k of Object.keys(r)) if (typeof r[k] === "bigint") r[k] = Number(r[k]);
  return rows as Record<string, number | string>[];
}

/** A Parquet file written by taosim as a Table named `name`; `docs` gives the columns' meanings (by name). */
export async function readTable(file: string, name: string, docs: ReadonlyMap<string, string> = new Map()): Promise<Table> {
  const ab = toArrayBuffer(readFileSync(file));
  const metadata = parquetMetadata(ab);
  const units = new Map((metadata.key_value_metadata ?? []).filter((kv) => kv.key.startsWith("unit:")).map((kv) => [kv.key.slice("unit:".length), kv.value ?? ""]));
  const rows = (await parquetReadObjects({ file: ab, metadata })) as Record<string, unknown>[];
  // A flat schema: the root, then one element per column.
  const columns = metadata.schema.slice(1).map((el) => {
    const unit = units.get(el.name) ?? "";
    const kind: ColumnDef["kind"] =
      el.type === "BYTE_ARRAY" || el.type === "FIXED_LEN_BYTE_ARRAY" ? (unit === "YYYY-MM-DD" ? "date" : "string") : el.type === "INT32" || el.type === "INT64" ? "int" : "float";
    const def: ColumnDef = { name: el.name, unit, kind, doc: docs.get(el.name) ?? "" };
    const data = kind === "date" || kind === "string" ? rows.map((r) => String(r[el.name])) : Float64Array.from(rows, (r) => Number(r[el.name]));
    return { def, data };
  });
  return { name, rows: rows.length, columns };
}

/** The manifest.json of the run folder `dir`; throws when it is not a run folder. */
export function readRunManifest(dir: string): RunManifest {
  const p = join(dir, "manifest.json");
  if (!existsSync(p)) throw new Error(`${dir}: not a run folder (no manifest.json)`);
  let m: unknown;
  try {
    m = JSON.parse(readFileSync(p, "utf8"));
  } catch {
    throw new Error(`${p} is not valid JSON`);
  }
  if (typeof m !== "object" || m === null || typeof (m as RunManifest).run_id !== "string") throw new Error(`${p} is not a run manifest (no run_id)`);
  return m as RunManifest;
}

/** One table (network, validators or subnets) of the run folder `dir`, from its Parquet file. */
export async function readRunTable(dir: string, name: string, manifest?: RunManifest): Promise<Table> {
  const file = join(dir, `${name}.parquet`);
  if (!existsSync(file)) throw new Error(`${dir}: not a run folder (no ${name}.parquet)`);
  const docs = new Map((manifest?.tables?.[name]?.columns ?? []).map((c) => [c.name, c.doc]));
  return readTable(file, name, docs);
}

/** A run folder written by `taosim run` or writeRunFolder: its manifest and its three tables. */
export async function loadRun(dir: string): Promise<LoadedRun> {
  const manifest = readRunManifest(dir);
  const [network, validators, subnets] = await Promise.all(TABLES.map((t) => readRunTable(dir, t, manifest)));
  return { dir, manifest, tables: { network: network!, validators: validators!, subnets: subnets! } };
}
