/**
 * A parsed YAML document → plain data, safely, with a position index.
 *
 * The `yaml` package's own `toJS()` throws on an alias before its anchor and on an alias bomb,
 * builds ordinary objects (so a `__proto__` key becomes the object's prototype) and gives no cheap
 * way to find a key's line. This converter walks the syntax tree once, in document order, and:
 *   - builds null-prototype objects, and refuses the keys `__proto__`, `constructor` and
 *     `prototype` (at their line) so no scenario can reach an object's prototype;
 *   - resolves aliases itself (the last anchor before the alias), refusing an alias with no
 *     anchor before it, an alias inside its own anchor, and aliases that expand to more than
 *     `maxAliasValues` values in all (the "billion laughs");
 *   - refuses duplicate keys and counts mapping keys, refusing more than `maxKeys` (the parser's own
 *     duplicate check compares every pair of keys: quadratic, 26 s for 60,000 keys);
 *   - records the position of every key and value by key path, so locating a path is one map
 *     look-up (reporting thousands of unknown keys stays linear).
 * `nearestPath` names the key path nearest a character offset (for syntax errors).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from "yaml";
import { RESERVED_KEYS, type PathSegment } from "../issues.js";

export interface Position {
  line: number;
  col: number;
}

export interface DocLimits {
  /** Mapping keys in one document. */
  maxKeys: number;
  /** Values produced by expanding aliases, over the whole document. */
  maxAliasValues: number;
  /** Nesting depth of mappings and lists. */
  maxDepth: number;
  /** Items in one list. */
  maxListItems: number;
}

export const DEFAULT_DOC_LIMITS: DocLimits = { maxKeys: 20_000, maxAliasValues: 10_000, maxDepth: 64, maxListItems: 100_000 };

export interface DocProblem {
  path: PathSegment[];
  pos: Position;
  message: string;
}

export interface PositionIndex {
  /** Position of the key (for a mapping entry) or of the value at `path`; undefined if absent. */
  at(path: readonly PathSegment[], key?: boolean): Position | undefined;
  /** True when the document defines `path`. */
  has(path: readonly PathSegment[]): boolean;
}

export type ConvertResult = { ok: true; value: unknown; index: PositionIndex; keys: number } | { ok: false; problem: DocProblem };

const SEP = "\u0001";
const keyOf = (path: readonly PathSegment[]) => path.map(String).join(SEP);

class Stop extends Error {
  constructor(readonly problem: DocProblem) {
    super(problem.message);
  }
}

/** Convert `doc` (parsed without errors) to plain data with null-prototype objects. */
export function convertDocument(doc: Document.Parsed, lines: LineCounter, limits: DocLimits = DEFAULT_DOC_LIMITS): ConvertResult {
  const index = new Map<string, { key?: Position; value?: Position }>();
  const anchors = new Map<string, YamlNode>();
  const inProgress = new Set<YamlNode>();
  let keys = 0;
  let aliasValues = 0;
  const posOf = (n: { range?: [number, number, number] | null } | null | undefined): Position => {
    const r = n?.range;
    if (!r) return { line: 1, col: 1 };
    const p = lines.linePos(r[0]);
    return { line: p.line, col: p.col };
  };
  const stop = (path: PathSegment[], node: YamlNode | null | undefined, message: string): never => {
    throw new Stop({ path, pos: posOf(node as never), message });
  };

  // `record`: whether positions are indexed (not inside an alias's expansion, which has no lines of its own).
  // `origin`: the alias whose expansion this is (problems inside an expansion are placed at it).
  const conv = (node: unknown, path: PathSegment[], depth: number, record: boolean, expanding: boolean, origin?: YamlNode): unknown => {
    if (node === null || node === undefined) return null;
    const here = origin ?? (node as YamlNode);
    if (depth > limits.maxDepth) stop(path, here, `nested more than ${limits.maxDepth} levels deep`);
    if (expanding && ++aliasValues > limits.maxAliasValues) {
      stop(path, here, `aliases expand to more than ${limits.maxAliasValues.toLocaleString("en-US")} values (an alias bomb?)`);
    }
    const n = node as YamlNode;
    if (record) {
      const k = keyOf(path);
      const e = index.get(k) ?? {};
      e.value = posOf(n);
      index.set(k, e);
    }
    if (!isAlias(n) && n.anchor) anchors.set(n.anchor, n);
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      if (!target) return stop(path, n, `alias *${n.source} has no anchor &${n.source} before it`);
      if (inProgress.has(target)) return stop(path, n, `alias *${n.source} is inside its own anchor`);
      return conv(target, path, depth, false, true, origin ?? n);
    }
    if (isScalar(n)) {
      const v = n.value;
      if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
      if (typeof v === "bigint") return Number(v);
      return stop(path, here, "unsupported value (use numbers, strings, true/false, lists and mappings)");
    }
    inProgress.add(n);
    try {
      if (isSeq(n)) {
        if (n.items.length > limits.maxListItems) stop(path, here, `a list of ${n.items.length.toLocaleString("en-US")} items; at most ${limits.maxListItems.toLocaleString("en-US")} are accepted`);
        const out: unknown[] = [];
        n.items.forEach((item, i) => out.push(conv(item, [...path, i], depth + 1, record, expanding, origin)));
        return out;
      }
      if (isMap(n)) {
        const out = Object.create(null) as Record<string, unknown>;
        const seen = new Set<string>();
        for (const pair of n.items) {
          if (!isPair(pair)) continue;
          const kNode = pair.key as YamlNode | null;
          let key: string;
          if (kNode === null || kNode === undefined) key = "";
          else if (isScalar(kNode)) key = String(kNode.value);
          else if (isAlias(kNode)) return stop(path, kNode, "a key cannot be an alias");
          else return stop(path, kNode, "keys must be plain strings, not lists or mappings");
          const kPath = [...path, key];
          if (RESERVED_KEYS.has(key)) stop(kPath, origin ?? kNode, `the key "${key}" is reserved and not allowed`);
          if (seen.has(key)) stop(kPath, origin ?? kNode, `duplicate key "${key}" (map keys must be unique)`);
          seen.add(key);
          if (++keys > limits.maxKeys) stop(kPath, origin ?? kNode, `more than ${limits.maxKeys.toLocaleString("en-US")} keys: a scenario this large is refused`);
          if (record) index.set(keyOf(kPath), { key: posOf(kNode) });
          out[key] = conv(pair.value, kPath, depth + 1, record, expanding, origin);
        }
        return out;
      }
      return stop(path, n, "unsupported YAML node");
    } finally {
      inProgress.delete(n);
    }
  };

  let value: unknown;
  try {
    value = conv(doc.contents, [], 0, true, false);
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problem: e.problem };
    if (e instanceof RangeError) return { ok: false, problem: { path: [], pos: { line: 1, col: 1 }, message: "the document is nested too deeply" } };
    throw e;
  }
  return {
    ok: true,
    value,
    keys,
    index: {
      at(path, key = false) {
        const e = index.get(keyOf(path));
        if (!e) return undefined;
        return key ? (e.key ?? e.value) : (e.value ?? e.key);
      },
      has: (path) => index.has(keyOf(path)),
    },
  };
}

/**
 * The key path nearest `offset` in a (possibly broken) document: the deepest entry whose key
 * starts at or before the offset, else the document's first key. [] when the document has no key.
 */
export function nearestPath(doc: Document.Parsed, offset: number): PathSegment[] {
  const keyName = (k: unknown) => (isScalar(k) ? String(k.value) : "?");
  const walk = (node: unknown, path: PathSegment[], depth: number): PathSegment[] => {
    if (depth > 200) return path;
    if (isMap(node)) {
      // The entry whose value spans the offset (an unclosed [ or {), else the last key at or before it.
      let best = node.items.find((pair) => {
        const r = (pair.value as YamlNode | null)?.range;
        return r !== undefined && r !== null && r[0] <= offset && offset <= r[1];
      });
      if (!best) {
        for (const pair of node.items) {
          const start = (pair.key as YamlNode | null)?.range?.[0] ?? (pair.value as YamlNode | null)?.range?.[0];
          if (start !== undefined && start <= offset) best = pair;
        }
      }
      if (best) return walk(best.value, [...path, keyName(best.key)], depth + 1);
      if (path.length === 0 && node.items[0]) return [keyName(node.items[0].key)];
      return path;
    }
    if (isSeq(node)) {
      let idx = -1;
      node.items.forEach((it, i) => {
        const start = (it as YamlNode | null)?.range?.[0];
        if (start !== undefined && start <= offset) idx = i;
      });
      return idx >= 0 ? walk(node.items[idx], [...path, idx], depth + 1) : path;
    }
    return path;
  };
  return walk(doc.contents, [], 0);
}
