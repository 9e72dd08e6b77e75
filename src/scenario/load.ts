/**
 * Reading scenario files: YAML or JSON (JSON is read by the same YAML 1.2 parser), `extends`
 * resolution, validation against the schema, and mapping every problem back to file:line:col.
 *
 * `extends: base.yaml` (relative to the file) loads the base first and overrides it key by key:
 * mappings merge recursively, any other value (number, string, list) replaces the base's. A
 * tagged mapping — a distribution (`dist`), a price process (`process`) or a population group
 * (`strategy`) — that changes its tag replaces the base's mapping whole. Cycles and missing bases are reported at the `extends` key that names them.
 */
import { readFileSync, realpathSync, existsSync } from "node:fs";
import { dirname, resolve, relative, isAbsolute } from "node:path";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { scenarioSchema, type Scenario } from "./schema.js";
import { pathToString, type Issue, type PathSegment } from "./issues.js";

interface SourceFile {
  /** Path as shown to the user. */
  display: string;
  abs: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export interface LoadedScenario {
  /** The validated scenario with defaults applied. */
  scenario: Scenario;
  /** Files read, most derived first (the file given, then its bases). */
  files: readonly string[];
  /** Merged raw document before defaults (for hashing and reports). */
  raw: Record<string, unknown>;
  /** Locate a key path in the files (for issues raised after loading). */
  locate(path: readonly PathSegment[]): Pick<Issue, "file" | "line" | "col">;
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
  return TAGS.some((t) => t in over && over[t] !== base[t]);
}

/** Recursive key-by-key override of `base` by `over` (mappings merge; everything else replaces). */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) && !changesTag(b, v) ? deepMerge(b, v) : v;
  }
  return out;
}

function positionOf(src: SourceFile, path: readonly PathSegment[], key = false): { line: number; col: number } | undefined {
  // Longest prefix of the path that exists in this document.
  for (let len = path.length; len >= 0; len--) {
    const sub = path.slice(0, len);
    let node: unknown = len === 0 ? src.doc.contents : src.doc.getIn(sub, true);
    if (len > 0 && (key || len < path.length)) {
      // Point at the key of the last segment when possible (for unknown keys and missing children).
      const parent = len === 1 ? src.doc.contents : src.doc.getIn(sub.slice(0, -1), true);
      if (isMap(parent)) {
        const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(sub[len - 1]));
        if (pair && isNode(pair.key) && len === path.length) node = pair.key;
      }
    }
    if (isNode(node) && node.range) {
      const pos = src.lines.linePos(node.range[0]);
      return { line: pos.line, col: pos.col };
    }
  }
  return undefined;
}

function locateIn(chain: readonly SourceFile[], path: readonly PathSegment[], key = false): Pick<Issue, "file" | "line" | "col"> {
  // The most derived file that defines the full path wins; else the one with the longest prefix.
  for (const src of chain) {
    if (path.length === 0 || src.doc.hasIn(path)) {
      const p = positionOf(src, path, key);
      if (p) return { file: src.display, ...p };
    }
  }
  for (let len = path.length - 1; len >= 0; len--) {
    for (const src of chain) {
      if (len === 0 || src.doc.hasIn(path.slice(0, len))) {
        const p = positionOf(src, path.slice(0, len), key);
        if (p) return { file: src.display, ...p };
      }
    }
  }
  const first = chain[0];
  return { file: first ? first.display : "", line: first ? 1 : 0, col: first ? 1 : 0 };
}

/** Read one file and its `extends` chain. Returns the chain (most derived first) or issues. */
function readChain(file: string, issues: Issue[]): SourceFile[] | undefined {
  const chain: SourceFile[] = [];
  const seen: string[] = [];
  let current = resolve(file);
  let referrer: { src: SourceFile; node: unknown } | undefined;
  for (;;) {
    const display = show(current);
    const at = (message: string) => {
      if (referrer) {
        const pos = positionOf(referrer.src, ["extends"]);
        issues.push({ file: referrer.src.display, line: pos?.line ?? 0, col: pos?.col ?? 0, path: "extends", message });
      } else {
        issues.push({ file: display, line: 0, col: 0, path: "", message });
      }
    };
    if (!existsSync(current)) {
      at(referrer ? `base scenario not found: ${display}` : "file not found");
      return undefined;
    }
    let real: string;
    let text: string;
    try {
      real = realpathSync(current);
      text = readFileSync(real, "utf8");
    } catch (e) {
      at(`cannot read ${display}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      return undefined;
    }
    if (seen.includes(real)) {
      at(`extends cycle: ${[...seen, real].map(show).join(" → ")}`);
      return undefined;
    }
    seen.push(real);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const src: SourceFile = { display, abs: real, doc, lines };
    if (doc.errors.length > 0) {
      for (const err of doc.errors) {
        const pos = lines.linePos(err.pos[0]);
        issues.push({ file: display, line: pos.line, col: pos.col, path: "", message: `syntax: ${err.message.split("\n")[0]}` });
      }
      return undefined;
    }
    if (!isMap(doc.contents)) {
      issues.push({ file: display, line: 1, col: 1, path: "", message: "a scenario must be a mapping of keys to values" });
      return undefined;
    }
    chain.push(src);
    const ext = doc.get("extends");
    if (ext === undefined || ext === null) break;
    if (typeof ext !== "string" || ext === "") {
      const pos = positionOf(src, ["extends"]);
      issues.push({ file: display, line: pos?.line ?? 0, col: pos?.col ?? 0, path: "extends", message: "extends must be a file path" });
      return undefined;
    }
    referrer = { src, node: ext };
    current = resolve(dirname(real), ext);
  }
  return chain;
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

/** Load, merge and validate a scenario file. Never throws for user mistakes. */
export function loadScenarioFile(file: string): LoadResult {
  const issues: Issue[] = [];
  const chain = readChain(file, issues);
  if (!chain) return { ok: false, issues };
  let raw: Record<string, unknown> = {};
  for (let k = chain.length - 1; k >= 0; k--) {
    raw = deepMerge(raw, (chain[k]!.doc.toJS() ?? {}) as Record<string, unknown>);
  }
  delete raw.extends;
  const parsed = scenarioSchema.safeParse(raw);
  if (parsed.success === false) {
    for (const zi of parsed.error.issues) issues.push(...zodIssueToIssue(chain, zi));
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      scenario: parsed.data,
      files: chain.map((c) => c.abs),
      raw,
      locate: (path) => locateIn(chain, path),
    },
  };
}
