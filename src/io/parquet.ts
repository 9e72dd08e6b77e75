/** Table → Parquet bytes (hyparquet-writer): int columns as INT32, date and string columns as STRING, the rest DOUBLE. */
import { parquetWriteBuffer } from "hyparquet-writer";
import type { Table } from "../table.js";
import { VERSION } from "../version.js";

export function tableToParquet(t: Table): Uint8Array {
  const columnData = t.columns.map((c) => {
    if (c.def.kind === "date" || c.def.kind === "string") return { name: c.def.name, data: c.data as string[], type: "STRING" as const };
    if (c.def.kind === "int") return { name: c.def.name, data: Int32Array.from(c.data as Float64Array), type: "INT32" as const };
    return { name: c.def.name, data: c.data as Float64Array, type: "DOUBLE" as const };
  });
  const buf = parquetWriteBuffer({
    columnData,
    createdBy: `taosim ${VERSION}`,
    kvMetadata: t.columns.map((c) => ({ key: `unit:${c.def.name}`, value: c.def.unit })),
  });
  return new Uint8Array(buf);
}
