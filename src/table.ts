/**
 * The columnar table every result travels in (recorder → metrics → CSV, Parquet, frames, plots,
 * run folders): a name, a row count and typed columns, each with its definition. Numbers are
 * float64 (counts and flags too); dates and labels are strings. Below every other module: it
 * imports nothing.
 */

export interface ColumnDef {
  name: string;
  unit: string;
  doc: string;
  /** int: written as INT32 in Parquet; date and string: text; float: DOUBLE. */
  kind: "int" | "float" | "date" | "string";
  /**
   * A raw value recorded only for the metrics computed after the run (metrics/post.ts); dropped
   * before the table is returned, never written.
   */
  internal?: boolean;
}

export interface Column {
  def: ColumnDef;
  data: Float64Array | string[];
}

export interface Table {
  name: string;
  rows: number;
  columns: readonly Column[];
}

/** The three tables of a run (mesa's model-, agent- and agent-type-level split). */
export interface RunTables {
  /** One row per recording point. */
  network: Table;
  /** One row per validator per recording point. */
  validators: Table;
  /** One row per subnet per recording point. */
  subnets: Table;
  /** dTAO eras: one row per subnet pool per recording point. */
  pools?: Table;
}

/** The column `name` of `t`, or undefined. */
export function findColumn(t: Table, name: string): Column | undefined {
  return t.columns.find((c) => c.def.name === name);
}

export function hasColumn(t: Table, name: string): boolean {
  return findColumn(t, name) !== undefined;
}

/** The data of column `name`; throws naming the table and the column when there is none. */
export function column(t: Table, name: string): Float64Array | string[] {
  const c = findColumn(t, name);
  if (!c) throw new Error(`table ${t.name} has no column ${name}`);
  return c.data;
}

/** The data of the numeric column `name`; throws when there is none or it holds text. */
export function numericColumn(t: Table, name: string): Float64Array {
  const d = column(t, name);
  if (!(d instanceof Float64Array)) throw new Error(`column ${name} of table ${t.name} holds text, not numbers`);
  return d;
}

/** The data of the text column `name` (a date or a label); throws when there is none or it holds numbers. */
export function textColumn(t: Table, name: string): string[] {
  const d = column(t, name);
  if (d instanceof Float64Array) throw new Error(`column ${name} of table ${t.name} holds numbers, not text`);
  return d;
}
