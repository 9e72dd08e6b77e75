/**
 * Scenario expressions: a limited mathjs instance.
 *
 * An expression is parsed once, its syntax tree is checked against an allow-list (numbers,
 * arithmetic, comparisons, conditionals, the functions in ALLOWED_FUNCTIONS and the symbols the
 * caller declares), then compiled once and evaluated with a scope holding only those symbols.
 * `import`, `createUnit`, `evaluate`, `parse`, `simplify`, `derivative`, random functions, property
 * access, assignment and function definition are all refused (mathjs "Security" guidance).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import type { MathNode, EvalFunction, MathJsInstance } from "mathjs";
import { packageRoot } from "../paths.js";

let mathParse: MathJsInstance["parse"] | undefined;

/**
 * The parser of the limited mathjs instance, built on first use: mathjs takes ~0.5 s to import, which runs
 * and sweep workers without expressions need not pay.
 */
function mathParser(): MathJsInstance["parse"] {
  if (mathParse) return mathParse;
  const { create, all } = createRequire(join(packageRoot(), "x.js"))("mathjs") as typeof import("mathjs");
  const m = create(all as NonNullable<typeof all>);
  const parse = m.parse;
  // Belt and braces: even if a node slipped past the checker, these cannot run.
  const refuse = (name: string) => () => {
    throw new Error(`function ${name} is not allowed in scenario expressions`);
  };
  m.import(
    Object.fromEntries(
      ["import", "createUnit", "evaluate", "parse", "simplify", "derivative", "compile", "resolve", "reviver", "random", "randomInt", "pickRandom"].map(
        (n) => [n, refuse(n)],
      ),
    ),
    { override: true },
  );
  return (mathParse = parse);
}

export const ALLOWED_FUNCTIONS = new Set([
  "abs", "sqrt", "cbrt", "exp", "expm1", "log", "log10", "log2", "log1p", "pow", "min", "max", "floor", "ceil",
  "round", "fix", "sign", "mod", "sin", "cos", "tan", "atan", "tanh", "hypot",
]);
export const ALLOWED_CONSTANTS = new Set(["pi", "e", "true", "false"]);
const ALLOWED_NODES = new Set([
  "ConstantNode", "SymbolNode", "OperatorNode", "ParenthesisNode", "FunctionNode", "ConditionalNode",
]);

export interface CompiledExpr {
  readonly source: string;
  readonly symbols: readonly string[];
  /** Evaluate with values for the declared symbols; returns a number (maybe non-finite: caller checks). */
  evaluate(scope: Readonly<Record<string, number>>): number;
}

export type ExprResult = { ok: true; expr: CompiledExpr } | { ok: false; message: string };

/** Parse, check and compile `source` over `symbols`. Never throws for user mistakes. */
export function compileExpr(source: string, symbols: readonly string[]): ExprResult {
  let node: MathNode;
  try {
    node = mathParser()(source);
  } catch (e) {
    return { ok: false, message: `expression "${source}": ${(e as Error).message}` };
  }
  const declared = new Set(symbols);
  let problem: string | undefined;
  node.traverse((n: MathNode, _path: string, parent: MathNode | null) => {
    if (problem) return;
    if (!ALLOWED_NODES.has(n.type)) {
      problem = `${describeNode(n)} is not allowed`;
      return;
    }
    if (n.type === "FunctionNode") {
      const fn = (n as unknown as { fn: MathNode }).fn;
      const name = fn.type === "SymbolNode" ? (fn as unknown as { name: string }).name : undefined;
      if (name === undefined || !ALLOWED_FUNCTIONS.has(name)) {
        problem = `function ${name ?? "(computed)"} is not allowed (allowed: ${[...ALLOWED_FUNCTIONS].join(", ")})`;
      }
      return;
    }
    if (n.type === "SymbolNode") {
      const name = (n as unknown as { name: string }).name;
      const isCallee = parent?.type === "FunctionNode" && (parent as unknown as { fn: MathNode }).fn === n;
      if (!isCallee && !declared.has(name) && !ALLOWED_CONSTANTS.has(name)) {
        problem = `unknown symbol "${name}" (declared here: ${symbols.join(", ") || "none"})`;
      }
      return;
    }
    if (n.type === "OperatorNode") {
      const fn = (n as unknown as { fn: string }).fn;
      if (fn === "factorial" || fn === "transpose") problem = `operator ${fn} is not allowed`;
    }
  });
  if (problem) return { ok: false, message: `expression "${source}": ${problem}` };
  let code: EvalFunction;
  try {
    code = node.compile();
  } catch (e) {
    return { ok: false, message: `expression "${source}": ${(e as Error).message}` };
  }
  const scope = new Map<string, number>();
  return {
    ok: true,
    expr: {
      source,
      symbols,
      evaluate(values) {
        for (const s of symbols) scope.set(s, values[s] ?? NaN);
        const v: unknown = code.evaluate(scope);
        if (typeof v === "number") return v;
        if (typeof v === "boolean") return v ? 1 : 0;
        return NaN;
      },
    },
  };
}

function describeNode(n: MathNode): string {
  switch (n.type) {
    case "AssignmentNode":
    case "FunctionAssignmentNode":
      return "assignment";
    case "AccessorNode":
    case "IndexNode":
      return "property or index access";
    case "ObjectNode":
      return "an object literal";
    case "ArrayNode":
    case "RangeNode":
      return "a matrix or range";
    case "BlockNode":
      return "several statements";
    default:
      return n.type;
  }
}
