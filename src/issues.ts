/**
 * Problems found in user input are data, not exceptions: `Issue` values with the file, line and
 * column and the dotted key path. The CLI prints them with `formatIssue`, one per line. Also the
 * keys refused in every input (scenario YAML, replay JSON, override paths).
 *
 * Below every folder that reads user input (scenario, yuma, io), so none of them imports another
 * for these; scenario/issues.ts re-exports them beside ScenarioError.
 */
export interface Issue {
  file: string;
  /** 1-based; 0 when the problem has no position (e.g. a missing file). */
  line: number;
  col: number;
  /** Dotted key path, e.g. `token.recycle_frac`; "" for the whole document. */
  path: string;
  message: string;
  /** "error" (default: the scenario is refused) or "warning" (reported; the run goes on). */
  severity?: "error" | "warning";
}

export type PathSegment = string | number;

export function pathToString(path: readonly PathSegment[]): string {
  return path.map(String).join(".");
}

/** `file:line:col  key.path  message` (the line/col part is left out when unknown). */
export function formatIssue(i: Issue): string {
  const where = i.line > 0 ? `${i.file}:${i.line}:${i.col}` : i.file;
  return `${where}  ${i.path === "" ? "(document)" : i.path}  ${i.severity === "warning" ? "warning: " : ""}${i.message}`;
}

/** Keys that would reach an object's prototype: refused everywhere in user input. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
