/**
 * Reading scenario files: YAML or JSON (JSON is read by the same YAML 1.2 parser), `extends`
 * resolution, validation against the schema, and mapping every problem back to file:line:col.
 *
 * `extends: base.yaml` (relative to the file) loads the base first and overrides it key by key:
 * mappings merge recursively, any other value (number, string, list) replaces the base's. A
 * tagged mapping — a distribution (`dist`), a price process (`process`) or a population group
 * (`strategy`) — that changes its tag replaces the base's mapping whole. Cycles and missing bases are reported at the `extends` key that names them.
 *
 * The input boundary: a base may only come from the scenario's own folder tree or the project's
 * scenarios/ folder (files.ts); a file over MAX_SCENARIO_BYTES is refused before it is read; the
 * document becomes null-prototype data through yaml-doc.ts (reserved keys, aliases and the key
 * count checked at their line); and every problem is an `Issue`, never an exception.
 */
import { readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve, relative, isAbsolute } from "node:path";
import { isMap, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { scenarioSchema, type Scenario } from "./schema.js";
import { pathToString, type Issue, type PathSegment } from "./issues.js";
import { convertDocument, DEFAULT_DOC_LIMITS, nearestPath, type DocLimits, type PositionIndex } from "./yaml-doc.js";
import { RESERVED_KEYS } from "../issues.js";
import { allowedRoots, MAX_SCENARIO_BYTES, resolveScenarioRef } from "./files.js";

interface SourceFile {
  /** Path as shown to the user. */
  display: string;
  abs: string;
  /** The document as plain data (null-prototype objects). */
  data: Record<string, unknown>;
  index: PositionIndex;
}

export interface LoadedScenario {
  /** The validated scenario with defaults applied. */
  scenario: Scenario;
  /** Files read, most derived first (the file given, then its bases). */
  files: readonly string[];
  /** Folders (real paths) the scenario's file fields may point into (files.ts). */
  roots: readonly string[];
  /** Merged raw document before defaults (for hashing and reports). */
  raw: Record<string, unknown>;
  /** Locate a key path in the files (for issues raised after loading). */
  locate(path: readonly PathSegment[]): Pick<Issue, "file" | "line" | "col">;
}

export interface LoadOptions {
  /**
   * Extra folders the scenario's file fields (extends, token.price.path) may read from, beside the
   * scenario's own folder tree and the project's scenarios/ folder. The CLI never sets this.
   */
  allowRoots?: readonly string[];
  /** Size limits of a scenario document (defaults: DEFAULT_DOC_LIMITS, MAX_SCENARIO_BYTES). */
  limits?: Partial<DocLimits> & { maxBytes?: number };
}

export type LoadResult = { ok: true; value: LoadedScenario } | { ok: false; issues: Issue[] };

function show(p: string): string {
  const r = relative(process.cwd(), p);
  return r !== "" && !r.startsWith("..") && !isAbsolute(r) ? r : p;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const TAGS = ["dist", "process", "strategy"] as const;

/** A mapping whose tag differs from the base's: its fields mean something else, so it replaces. */
function changesTag(base: Record<string, unknown>, over: Record<string, unknown>): boolean {
  return TAGS.some((t) => Object.hasOwn(over, t) && over[t] !== base[t]);
}

/**
 * Recursive key-by-key override of `base` by `over` (mappings merge; everything else replaces).
 * Builds null-prototype objects; reserved keys (`__proto__`, …) are skipped, never assigned.
 */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(base)) if (!RESERVED_KEYS.has(k)) out[k] = base[k];
  for (const k of Object.keys(over)) {
    if (RESERVED_KEYS.has(k)) continue;
    const v = over[k];
    const b = Object.hasOwn(out, k) ? out[k] : undefined;
    out[k] = isPlainObject(b) && isPlainObject(v) && !changesTag(b, v) ? deepMerge(b, v) : v;
  }
  return out;
}

function locateIn(chain: readonly SourceFile[], path: readonly PathSegment[], key = false): Pick<Issue, "file" | "line" | "col"> {
  // The most derived file that defines the full path wins; else the one with the longest prefix
  // (pointing at the key of its last segment).
  for (const src of chain) {
    if (path.length === 0 || src.index.has(path)) {
      const p = src.index.at(path, key);
      if (p) return { file: src.display, ...p };
    }
  }
  for (let len = path.length - 1; len >= 0; len--) {
    const prefix = path.slice(0, len);
    for (const src of chain) {
      if (len === 0 || src.index.has(prefix)) {
        const p = src.index.at(prefix, true);
        if (p) return { file: src.display, ...p };
      }
    }
  }
  const first = chain[0];
  return { file: first ? first.display : "", line: first ? 1 : 0, col: first ? 1 : 0 };
}

function readText(file: string, maxBytes: number): { text: string } | { message: string } {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    return { message: (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : "cannot read the file" };
  }
  if (!st.isFile()) return { message: "not a file" };
  if (st.size > maxBytes) return { message: `the file is ${(st.size / 1048576).toFixed(2)} MiB; a scenario may be at most ${maxBytes / 1048576} MiB` };
  try {
    return { text: readFileSync(file, "utf8") };
  } catch (e) {
    return { message: `cannot read the file (${(e as NodeJS.ErrnoException).code ?? "error"})` };
  }
}

/** Read one file and its `extends` chain. Returns the chain (most derived first) and the roots, or undefined. */
function readChain(file: string, issues: Issue[], opts: LoadOptions): { chain: SourceFile[]; roots: string[] } | undefined {
  const limits: DocLimits = { ...DEFAULT_DOC_LIMITS, ...opts.limits };
  const maxBytes = opts.limits?.maxBytes ?? MAX_SCENARIO_BYTES;
  const chain: SourceFile[] = [];
  const seen: string[] = [];
  let current = resolve(file);
  let roots: string[] = [];
  let referrer: SourceFile | undefined;
  for (;;) {
    const display = show(current);
    const at = (message: string) => {
      if (referrer) {
        const pos = referrer.index.at(["extends"]);
        issues.push({ file: referrer.display, line: pos?.line ?? 1, col: pos?.col ?? 1, path: "extends", message });
      } else {
        // The file itself (not found, unreadable, over the size cap): no key to name.
        issues.push({ file: display, line: 0, col: 0, path: "", message });
      }
    };
    let real: string;
    try {
      real = realpathSync(current);
    } catch {
      at(referrer ? `base scenario not found: ${display}` : "file not found");
      return undefined;
    }
    if (seen.includes(real)) {
      at(`extends cycle: ${[...seen, real].map(show).join(" → ")}`);
      return undefined;
    }
    if (!referrer) roots = allowedRoots(real, opts.allowRoots);
    const read = readText(real, maxBytes);
    if ("message" in read) {
      at(referrer ? `base scenario ${display}: ${read.message}` : read.message);
      return undefined;
    }
    seen.push(real);
    const lines = new LineCounter();
    const doc = parseDocument(read.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false }); // duplicates: yaml-doc.ts, in linear time
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = lines.linePos(Math.min(err.pos[0], read.text.length));
        const message = err.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
        issues.push({ file: display, line: pos.line, col: pos.col, path: pathToString(nearestPath(doc, err.pos[0])), message: `syntax: ${message}` });
      }
      return undefined;
    }
    // An empty document (or only comments) is an empty mapping: the schema names the missing keys.
    if (doc.contents === null) doc.contents = doc.createNode({}) as never;
    if (!isMap(doc.contents)) {
      issues.push({ file: display, line: 1, col: 1, path: "", message: "a scenario must be a mapping of keys to values" });
      return undefined;
    }
    const conv = convertDocument(doc, lines, limits);
    if (conv.ok === false) {
      issues.push({ file: display, ...conv.problem.pos, path: pathToString(conv.problem.path), message: conv.problem.message });
      return undefined;
    }
    const src: SourceFile = { display, abs: real, data: conv.value as Record<string, unknown>, index: conv.index };
    chain.push(src);
    const ext = src.data.extends;
    if (ext === undefined || ext === null) break;
    if (typeof ext !== "string" || ext === "") {
      const pos = src.index.at(["extends"]);
      issues.push({ file: display, line: pos?.line ?? 1, col: pos?.col ?? 1, path: "extends", message: "extends must be a file path" });
      return undefined;
    }
    referrer = src;
    const r = resolveScenarioRef(ext, dirname(real), roots, "base scenario", [".yaml", ".yml", ".json"], maxBytes);
    if (r.ok === false) {
      at(r.message);
      return undefined;
    }
    current = r.abs;
  }
  return { chain, roots };
}

function zodIssueToIssue(chain: readonly SourceFile[], zi: z.core.$ZodIssue): Issue[] {
  if (zi.code === "unrecognized_keys") {
    return zi.keys.map((k) => {
      const path = [...(zi.path as PathSegment[]), k];
      return { ...locateIn(chain, path, true), path: pathToString(path), message: `unknown key "${k}"` };
    });
  }
  const path = zi.path as PathSegment[];
  if (zi.code === "invalid_union" && !("discriminator" in zi && zi.discriminator) && zi.errors.length > 0) {
    // A value that may be several shapes (number | expression | distribution): report the problems
    // of the branch that matched the value's type, not a bare "Invalid input".
    const typeMisses = (errs: readonly z.core.$ZodIssue[]) => errs.filter((e) => e.code === "invalid_type" && e.path.length === 0).length;
    const best = [...zi.errors].sort((a, b) => typeMisses(a) - typeMisses(b) || a.length - b.length)[0]!;
    if (typeMisses(best) === 0) {
      return best.flatMap((e) => zodIssueToIssue(chain, { ...e, path: [...path, ...e.path] } as z.core.$ZodIssue));
    }
  }
  let message = zi.message;
  if (zi.code === "invalid_union" && "discriminator" in zi && Array.isArray((zi as { options?: unknown }).options)) {
    message = `unknown ${String((zi as { discriminator?: string }).discriminator)}; expected one of: ${((zi as { options: unknown[] }).options).join(", ")}`;
  }
  if (zi.code === "invalid_type" && /received undefined/.test(message)) message = "required key is missing";
  return [{ ...locateIn(chain, path), path: pathToString(path), message }];
}

/** Problems reported for one file at most; the rest are counted in one last line. */
export const MAX_REPORTED_ISSUES = 50;

export function capIssues(issues: Issue[]): Issue[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;
  const next = issues[MAX_REPORTED_ISSUES]!;
  return [...issues.slice(0, MAX_REPORTED_ISSUES), { ...next, message: `… and ${(issues.length - MAX_REPORTED_ISSUES).toLocaleString("en-US")} more problems (from here on)` }];
}

/** Load, merge and validate a scenario file. Never throws for user mistakes. */
export function loadScenarioFile(file: string, opts: LoadOptions = {}): LoadResult {
  const issues: Issue[] = [];
  const read = readChain(file, issues, opts);
  if (!read) return { ok: false, issues };
  const { chain, roots } = read;
  let raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (let k = chain.length - 1; k >= 0; k--) raw = deepMerge(raw, chain[k]!.data);
  delete raw.extends;
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success === false) {
    for (const zi of parsed.error.issues) issues.push(...zodIssueToIssue(chain, zi));
    return { ok: false, issues: capIssues(issues) };
  }
  return {
    ok: true,
    value: {
      scenario: parsed.data,
      files: chain.map((c) => c.abs),
      roots,
      raw,
      locate: (path) => locateIn(chain, path),
    },
  };
}
