/**
 * The folder structure is a one-way street: the import graph between the folders of src/ (each
 * top-level file of src/ counts as its own node) has no cycle, type-only imports included; and
 * the walls of the mutation contract hold (mechanisms never import agents, agents never import
 * the state, the mechanisms or the scenario DSL).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { packageRoot } from "../src/paths.js";

const SRC = join(packageRoot(), "src");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mjs)$/.test(n) && !n.endsWith(".as.ts") ? [p] : [];
  });
}

/** The node of a file: its top-level folder under src/, or the file itself at the top level. */
function node(file: string): string {
  const rel = relative(SRC, file).split("/");
  return rel.length === 1 ? rel[0]!.replace(/\.(ts|js|mjs)$/, "") : `${rel[0]}/`;
}

function edges(): Map<string, Map<string, string>> {
  const g = new Map<string, Map<string, string>>();
  for (const f of files(SRC)) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)["'](\.{1,2}\/[^"']+)["']/gm)) {
      const target = resolve(dirname(f), m[1]!);
      if (!target.startsWith(SRC)) continue;
      const a = node(f);
      const b = node(target);
      if (a === b) continue;
      if (!g.has(a)) g.set(a, new Map());
      if (!g.get(a)!.has(b)) g.get(a)!.set(b, relative(SRC, f));
    }
  }
  return g;
}

/** Cycles as lists of nodes (one per strongly connected component larger than one node). */
function cycles(g: Map<string, Map<string, string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp);
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

test("the folders of src/ import each other without a cycle (type-only imports included)", () => {
  const g = edges();
  // The barrel re-exports everything; it is the top, not part of any cycle.
  g.delete("index");
  const found = cycles(g);
  const explain = found.map((c) => c.map((a) => `${a} → ${[...(g.get(a)?.keys() ?? [])].filter((b) => c.includes(b)).map((b) => `${b} (${g.get(a)!.get(b)})`).join(", ")}`).join("\n  "));
  assert.deepEqual(found, [], `folder cycles:\n  ${explain.join("\n\n  ")}`);
});

test("walls: mechanisms never import agents; agents never import state, mechanisms or the scenario DSL", () => {
  const g = edges();
  assert.ok(!g.get("mechanisms/")?.has("agents/"), `mechanisms → agents (${g.get("mechanisms/")?.get("agents/")})`);
  for (const b of ["state/", "mechanisms/", "scenario/", "engine/"]) assert.ok(!g.get("agents/")?.has(b), `agents → ${b} (${g.get("agents/")?.get(b)})`);
});

test("no module imports itself back at run time (tslab's CommonJS loader recurses forever on a cycle)", () => {
  // Value imports and re-exports only: `import type` / `export type` vanish when compiled.
  const graph = new Map<string, string[]>();
  for (const f of files(SRC).filter((x) => x.endsWith(".ts"))) {
    const text = readFileSync(f, "utf8");
    const deps: string[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)([^;]*?)from\s+["'](\.{1,2}\/[^"']+)["']/gms)) {
      const names = m[1]!.trim();
      // `{ type A, type B }` only: still type-only.
      if (/^\{[^}]*\}$/.test(names) && names.slice(1, -1).split(",").every((x) => x.trim() === "" || x.trim().startsWith("type "))) continue;
      deps.push(resolve(dirname(f), m[2]!).replace(/\.js$/, ".ts"));
    }
    for (const m of text.matchAll(/^import\s+["'](\.{1,2}\/[^"']+)["']/gm)) deps.push(resolve(dirname(f), m[1]!).replace(/\.js$/, ".ts"));
    graph.set(f, deps);
  }
  const mark = new Map<string, 1 | 2>();
  const path: string[] = [];
  const found: string[] = [];
  const visit = (v: string) => {
    mark.set(v, 1);
    path.push(v);
    for (const w of graph.get(v) ?? []) {
      if (mark.get(w) === 1) found.push([...path.slice(path.indexOf(w)), w].map((x) => relative(SRC, x)).join(" → "));
      else if (!mark.has(w)) visit(w);
    }
    path.pop();
    mark.set(v, 2);
  };
  for (const v of graph.keys()) if (!mark.has(v)) visit(v);
  assert.deepEqual(found, []);
});
