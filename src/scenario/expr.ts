/**
 * Scenario expressions: a limited mathjs instance.
 *
 * An expression is parsed once, its syntax tree is checked against an allow-list (numbers,
 * arithmetic, comparisons, conditionals, the functions in ALLOWED_FUNCTIONS and the symbols the
 * caller declares), then compiled once and evaluated with a scope holding only those symbols.
 * `import`, `createUnit`, `evaluate`, `parse`, `simplify`, `derivative`, random functions, property
 * access, assignment and function definition are all refused (mathjs "Security" guidance).
 *
 * Everything the allow-list accepts also evaluates: the checker knows each function's arity and
 * refuses string, null and unit constants, bitwise and unit operators, and `round` digits outside
 * 0–15; an expression is at most MAX_EXPR_CHARS characters, MAX_EXPR_NODES nodes and
 * MAX_EXPR_DEPTH deep (a 20,000-term sum would overflow the stack). The instance is configured
 * `predictable` (sqrt(−1) is NaN, never a complex number), and evaluation never throws:
 * `tryEvaluate` returns the number or the reason it has none.
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
  const m = create(all as NonNullable<typeof all>, { predictable: true });
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

/** Allowed functions and their arity [min, max] (max Infinity: any number of arguments). */
const FUNCTION_ARITY: Readonly<Record<string, readonly [number, number]>> = {
  abs: [1, 1], sqrt: [1, 1], cbrt: [1, 1], exp: [1, 1], expm1: [1, 1], log: [1, 2], log10: [1, 1], log2: [1, 1],
  log1p: [1, 1], pow: [2, 2], min: [1, Infinity], max: [1, Infinity], floor: [1, 1], ceil: [1, 1], round: [1, 2],
  fix: [1, 1], sign: [1, 1], mod: [2, 2], sin: [1, 1], cos: [1, 1], tan: [1, 1], atan: [1, 1], tanh: [1, 1],
  hypot: [1, Infinity],
};
export const ALLOWED_FUNCTIONS = new Set(Object.keys(FUNCTION_ARITY));
export const ALLOWED_CONSTANTS = new Set(["pi", "e", "true", "false"]);
const ALLOWED_NODES = new Set([
  "ConstantNode", "SymbolNode", "OperatorNode", "ParenthesisNode", "FunctionNode", "ConditionalNode",
]);
/** Arithmetic, comparison and logic on numbers; bitwise, unit, element-wise and matrix operators are refused. */
const ALLOWED_OPERATORS = new Set([
  "add", "subtract", "multiply", "divide", "pow", "mod", "unaryMinus", "unaryPlus",
  "equal", "unequal", "smaller", "larger", "smallerEq", "largerEq", "and", "or", "not", "xor",
]);

/** Size caps of one expression (a typo or an attack, never a model). */
export const MAX_EXPR_CHARS = 2_000;
export const MAX_EXPR_NODES = 1_000;
export const MAX_EXPR_DEPTH = 100;

export interface CompiledExpr {
  readonly source: string;
  readonly symbols: readonly string[];
  /** Evaluate with values for the declared symbols: the number (maybe non-finite: caller checks), NaN on failure. */
  evaluate(scope: Readonly<Record<string, number>>): number;
  /** Evaluate; a failure (a non-number result or an error inside mathjs) comes back as its reason. */
  tryEvaluate(scope: Readonly<Record<string, number>>): number | { error: string };
}

export type ExprResult = { ok: true; expr: CompiledExpr } | { ok: false; message: string };

interface NodeLike {
  type: string;
  fn?: unknown;
  name?: string;
  value?: unknown;
  args?: NodeLike[];
  content?: NodeLike;
  condition?: NodeLike;
  trueExpr?: NodeLike;
  falseExpr?: NodeLike;
}

function children(n: NodeLike): NodeLike[] {
  switch (n.type) {
    case "OperatorNode":
    case "FunctionNode":
      return n.args ?? [];
    case "ParenthesisNode":
      return n.content ? [n.content] : [];
    case "ConditionalNode":
      return [n.condition, n.trueExpr, n.falseExpr].filter((c): c is NodeLike => c !== undefined);
    default:
      return [];
  }
}

/** Deepest bracket nesting in the text (checked before parsing: the parser recurses per bracket). */
function bracketDepth(source: string): number {
  let d = 0;
  let max = 0;
  for (const ch of source) {
    if (ch === "(" || ch === "[" || ch === "{") max = Math.max(max, ++d);
    else if (ch === ")" || ch === "]" || ch === "}") d = Math.max(0, d - 1);
  }
  return max;
}

/** Check one syntax tree; returns the first problem or undefined. Recursion is bounded by MAX_EXPR_DEPTH. */
function checkTree(root: NodeLike, declared: ReadonlySet<string>, symbols: readonly string[]): string | undefined {
  let nodes = 0;
  const visit = (n: NodeLike, depth: number, isCallee: boolean): string | undefined => {
    if (++nodes > MAX_EXPR_NODES) return `more than ${MAX_EXPR_NODES} terms`;
    if (depth > MAX_EXPR_DEPTH) return `nested more than ${MAX_EXPR_DEPTH} levels deep`;
    if (!ALLOWED_NODES.has(n.type)) return `${describeNode(n)} is not allowed`;
    switch (n.type) {
      case "ConstantNode": {
        const v = n.value;
        if (typeof v === "number" || typeof v === "boolean") break;
        return typeof v === "string" ? "text values are not allowed (numbers only)" : `the constant ${String(v)} is not allowed (numbers only)`;
      }
      case "SymbolNode":
        if (!isCallee && !declared.has(n.name ?? "") && !ALLOWED_CONSTANTS.has(n.name ?? "")) {
          return `unknown symbol "${n.name}" (declared here: ${symbols.join(", ") || "none"})`;
        }
        break;
      case "OperatorNode": {
        const fn = String(n.fn);
        if (!ALLOWED_OPERATORS.has(fn)) return `operator ${fn} is not allowed (use + - * / ^ %, comparisons, and, or, not)`;
        break;
      }
      case "FunctionNode": {
        const callee = n.fn as NodeLike;
        const name = callee.type === "SymbolNode" ? callee.name : undefined;
        const arity = name !== undefined && Object.hasOwn(FUNCTION_ARITY, name) ? FUNCTION_ARITY[name] : undefined;
        if (name === undefined || arity === undefined) return `function ${name ?? "(computed)"} is not allowed (allowed: ${[...ALLOWED_FUNCTIONS].join(", ")})`;
        const k = n.args?.length ?? 0;
        if (k < arity[0] || k > arity[1]) {
          const want = arity[1] === Infinity ? `at least ${arity[0]}` : arity[0] === arity[1] ? `${arity[0]}` : `${arity[0]} or ${arity[1]}`;
          const one = arity[0] === 1 && (arity[1] === 1 || arity[1] === Infinity);
          return `${name}() takes ${want} argument${one ? "" : "s"}, got ${k}`;
        }
        if (name === "round" && k === 2) {
          const d = n.args![1]!;
          const digits = d.type === "ConstantNode" ? d.value : undefined;
          if (typeof digits !== "number" || !Number.isInteger(digits) || digits < 0 || digits > 15) return "round(x, digits) needs digits as a whole number from 0 to 15";
        }
        const problem = visit(callee, depth + 1, true);
        if (problem) return problem;
        break;
      }
    }
    for (const c of children(n)) {
      const problem = visit(c, depth + 1, false);
      if (problem) return problem;
    }
    return undefined;
  };
  return visit(root, 0, false);
}

/** Parse, check and compile `source` over `symbols`. Never throws for user mistakes. */
export function compileExpr(source: string, symbols: readonly string[]): ExprResult {
  const shown = source.length > 60 ? `${source.slice(0, 57)}...` : source;
  const refuse = (why: string): ExprResult => ({ ok: false, message: `expression "${shown}": ${why}` });
  if (source.length > MAX_EXPR_CHARS) return refuse(`${source.length} characters; at most ${MAX_EXPR_CHARS} are accepted`);
  if (bracketDepth(source) > MAX_EXPR_DEPTH) return refuse(`nested more than ${MAX_EXPR_DEPTH} levels deep`);
  let node: MathNode;
  try {
    node = mathParser()(source);
  } catch (e) {
    return refuse(e instanceof RangeError ? "too complex to parse" : (e as Error).message);
  }
  const problem = checkTree(node as unknown as NodeLike, new Set(symbols), symbols);
  if (problem) return refuse(problem);
  let code: EvalFunction;
  try {
    code = node.compile();
  } catch (e) {
    return refuse((e as Error).message);
  }
  const scope = new Map<string, number>();
  const tryEvaluate = (values: Readonly<Record<string, number>>): number | { error: string } => {
    for (const s of symbols) scope.set(s, values[s] ?? NaN);
    let v: unknown;
    try {
      v = code.evaluate(scope);
    } catch (e) {
      return { error: e instanceof RangeError ? "too complex to evaluate" : (e as Error).message };
    }
    if (typeof v === "number") return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    return { error: `the result is not a number (${v === null ? "null" : typeof v === "object" ? ((v as object).constructor?.name ?? "object") : typeof v})` };
  };
  return {
    ok: true,
    expr: {
      source,
      symbols,
      tryEvaluate,
      evaluate(values) {
        const v = tryEvaluate(values);
        return typeof v === "number" ? v : NaN;
      },
    },
  };
}

function describeNode(n: { type: string }): string {
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
