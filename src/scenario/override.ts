/**
 * Scenario variants by parameter path: `withOverrides(loaded, { "network.hyperparameters.kappa":
 * 0.6 })` sets each dotted path in the merged scenario and validates the result again, so a
 * misspelt path or a bad value is reported (naming the path) before anything runs. The one route
 * for variants: notebooks, sweeps and the run options (`withRunOptions`: --seed, --horizon-days).
 */
import { scenarioSchema } from "./schema.js";
import { pathToString, type Issue, type PathSegment } from "./issues.js";
import type { LoadResult, LoadedScenario } from "./load.js";
import { RESERVED_KEYS } from "../issues.js";

export type Overrides = Readonly<Record<string, unknown>>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Split "a.b.0.c" into segments (numbers index arrays). Undefined for a malformed path. */
export function parsePath(path: string): PathSegment[] | undefined {
  if (path === "" || path.length > 500 || path.startsWith(".") || path.endsWith(".") || path.includes("..")) return undefined;
  return path.split(".").map((s) => (/^\d{1,9}$/.test(s) ? Number(s) : s));
}

/** The first reserved segment (`__proto__`, `constructor`, `prototype`) of a path, if any. */
export function reservedSegment(path: readonly PathSegment[]): string | undefined {
  return path.find((s): s is string => typeof s === "string" && RESERVED_KEYS.has(s));
}

function setIn(doc: Record<string, unknown>, path: readonly PathSegment[], value: unknown): string | undefined {
  let node: unknown = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    if (Array.isArray(node) && typeof seg === "number") {
      if (seg >= node.length) return `index ${seg} is past the end of ${pathToString(path.slice(0, i)) || "the scenario"} (${node.length} items)`;
      node = node[seg];
    } else if (isPlainObject(node)) {
      // Missing mappings are created: the schema rejects keys that do not exist. Only own
      // properties are followed (never a prototype's).
      const k = String(seg);
      if (!Object.hasOwn(node, k) || node[k] === undefined || node[k] === null) node[k] = Object.create(null);
      node = node[k];
    } else {
      return `${pathToString(path.slice(0, i)) || "the scenario"} is not a mapping`;
    }
  }
  const last = path[path.length - 1]!;
  if (Array.isArray(node) && typeof last === "number" && last < node.length) node[last] = value;
  else if (isPlainObject(node)) node[String(last)] = value;
  else return `${pathToString(path.slice(0, -1)) || "the scenario"} is not a mapping`;
  return undefined;
}

function clone<T>(v: T): T {
  return structuredClone(v);
}

/** A reserved key anywhere inside an override value (as own keys of its objects). */
function reservedKeyIn(v: unknown, depth = 0): string | undefined {
  if (depth > 64 || typeof v !== "object" || v === null) return undefined;
  for (const k of Object.keys(v)) {
    if (RESERVED_KEYS.has(k)) return k;
    const r = reservedKeyIn((v as Record<string, unknown>)[k], depth + 1);
    if (r !== undefined) return r;
  }
  return undefined;
}

/**
 * `loaded` with each path set to its value, validated again. Issues for an overridden path (or
 * below it) name the override (`label`, e.g. the sweep file) instead of a scenario line.
 */
export function withOverrides(loaded: LoadedScenario, overrides: Overrides, label = "override"): LoadResult {
  const raw = clone(loaded.raw);
  const issues: Issue[] = [];
  const paths: PathSegment[][] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const path = parsePath(key);
    if (!path) {
      issues.push({ file: label, line: 0, col: 0, path: key, message: `not a parameter path (dotted keys, e.g. network.hyperparameters.kappa)` });
      continue;
    }
    const reserved = reservedSegment(path);
    if (reserved !== undefined) {
      issues.push({ file: label, line: 0, col: 0, path: key, message: `not a parameter path: "${reserved}" is reserved` });
      continue;
    }
    const badValue = reservedKeyIn(value);
    if (badValue !== undefined) {
      issues.push({ file: label, line: 0, col: 0, path: key, message: `the value holds the reserved key "${badValue}"` });
      continue;
    }
    const err = setIn(raw, path, clone(value));
    if (err) issues.push({ file: label, line: 0, col: 0, path: key, message: err });
    paths.push(path);
  }
  if (issues.length > 0) return { ok: false, issues };
  // A path at, above or below an override is the override's (it has no line in any file).
  const related = (p: readonly PathSegment[]) => paths.some((o) => o.slice(0, p.length).every((s, i) => String(s) === String(p[i])) || p.slice(0, o.length).every((s, i) => String(s) === String(o[i])));
  const locate = (p: readonly PathSegment[]) => (related(p) ? { file: label, line: 0, col: 0 } : loaded.locate(p));
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success === false) {
    for (const zi of parsed.error.issues) {
      const p = zi.path as PathSegment[];
      const at = zi.code === "unrecognized_keys" ? zi.keys.map((k): [PathSegment[], string] => [[...p, k], `unknown key "${k}"`]) : [[p, zi.message] as [PathSegment[], string]];
      for (const [path, message] of at) issues.push({ ...locate(path), path: pathToString(path), message });
    }
    return { ok: false, issues };
  }
  return { ok: true, value: { scenario: parsed.data, files: loaded.files, roots: loaded.roots, raw, locate } };
}

/** The run options of `taosim run` and runScenario, and the flag each is reported as. */
export interface RunOptions {
  seed?: number;
  horizonDays?: number;
}

export const COMMAND_LINE = "(command line)";

const FLAGS: Readonly<Record<string, string>> = { seed: "--seed", horizon: "--horizon-days" };

/**
 * `loaded` with the run options applied as the overrides `seed` and `horizon: { days }` (the whole
 * horizon is replaced). Issues name the flag (`--seed`, `--horizon-days`) in file "(command line)".
 */
export function withRunOptions(loaded: LoadedScenario, o: RunOptions): LoadResult {
  const overrides: Record<string, unknown> = {};
  if (o.seed !== undefined) overrides.seed = o.seed;
  if (o.horizonDays !== undefined) overrides.horizon = { days: o.horizonDays };
  if (Object.keys(overrides).length === 0) return { ok: true, value: loaded };
  const r = withOverrides(loaded, overrides, COMMAND_LINE);
  if (r.ok === false) return { ok: false, issues: r.issues.map((i) => (i.file === COMMAND_LINE ? { ...i, path: FLAGS[i.path.split(".")[0]!] ?? i.path } : i)) };
  return r;
}
