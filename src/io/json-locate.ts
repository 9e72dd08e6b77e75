/**
 * Where JSON text goes wrong. `JSON.parse` reports a position only for some errors (none for an
 * empty file, none for `NaN`, and it quotes the text back); this scanner walks the text once and
 * returns the offset of the first error, the key path leading to it and a short reason, so replay
 * files get file:line:col and a key like every other input. Refuses the keys `__proto__`,
 * `constructor` and `prototype` too. Iterative (an explicit stack), so deep nesting cannot
 * overflow the call stack.
 */
import { RESERVED_KEYS, type PathSegment } from "../issues.js";

export interface JsonProblem {
  offset: number;
  path: PathSegment[];
  message: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;

/** The first problem in `text` as JSON, or undefined if it is valid JSON. */
export function findJsonProblem(text: string, maxDepth = 256): JsonProblem | undefined {
  let i = 0;
  const path: PathSegment[] = [];
  // Stack of containers: "{" or "[" with the next index of an array.
  const stack: { kind: "{" | "["; index: number }[] = [];
  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = (message: string, at = i): JsonProblem => ({ offset: Math.min(at, text.length), path: [...path], message });
  const describe = (): string => {
    if (i >= text.length) return "the text ends early";
    WORD.lastIndex = i;
    const w = WORD.exec(text);
    if (w) {
      if (w[0] === "NaN" || w[0] === "Infinity") return `${w[0]} is not a JSON number (write a number, or null)`;
      return `unexpected word (JSON values are numbers, strings in "quotes", true, false, null, [lists] and {objects})`;
    }
    if (text[i] === "'") return "strings need double quotes";
    return `unexpected character ${JSON.stringify(text[i])}`;
  };
  ws();
  if (i >= text.length) return fail("the file is empty (expected a JSON object)", 0);
  for (;;) {
    // A value is expected at i.
    ws();
    const c = text[i];
    let scalarDone = false;
    if (c === "{" || c === "[") {
      if (stack.length >= maxDepth) return fail(`nested more than ${maxDepth} levels deep`);
      stack.push({ kind: c, index: 0 });
      i++;
      ws();
      const close = c === "{" ? "}" : "]";
      if (text[i] === close) {
        i++;
        stack.pop();
        scalarDone = true;
      } else if (c === "{") {
        const k = readKey();
        if (typeof k !== "string") return k;
        path.push(k);
        continue;
      } else {
        path.push(0);
        continue;
      }
    } else if (c === '"') {
      STRING.lastIndex = i;
      const m = STRING.exec(text);
      if (!m) return fail("unterminated or malformed string");
      i += m[0].length;
      scalarDone = true;
    } else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return fail(text.startsWith("-Infinity", i) ? "-Infinity is not a JSON number (write a number, or null)" : "malformed number");
      i += m[0].length;
      scalarDone = true;
    } else if (text.startsWith("true", i) || text.startsWith("null", i)) {
      i += 4;
      scalarDone = true;
    } else if (text.startsWith("false", i)) {
      i += 5;
      scalarDone = true;
    } else {
      return fail(describe());
    }
    // After a value: close containers or move to the next entry.
    while (scalarDone) {
      ws();
      const top = stack[stack.length - 1];
      if (!top) {
        if (i < text.length) return fail("unexpected text after the JSON value");
        return undefined;
      }
      if (text[i] === ",") {
        i++;
        ws();
        if (top.kind === "{") {
          // A bad next key is reported at the previous key (the nearest one).
          const k = readKey();
          if (typeof k !== "string") return k;
          path.pop();
          path.push(k);
        } else {
          path.pop();
          top.index++;
          path.push(top.index);
        }
        scalarDone = false;
      } else if (text[i] === (top.kind === "{" ? "}" : "]")) {
        i++;
        stack.pop();
        path.pop();
      } else {
        return fail(i >= text.length ? "the text ends early" : `expected "," or "${top.kind === "{" ? "}" : "]"}"`);
      }
    }
  }

  function readKey(): string | JsonProblem {
    if (text[i] !== '"') return fail(text[i] === "'" ? "keys need double quotes" : i >= text.length ? "the text ends early" : "expected a key in double quotes");
    STRING.lastIndex = i;
    const m = STRING.exec(text);
    if (!m) return fail("unterminated or malformed key");
    const key = JSON.parse(m[0]) as string;
    if (RESERVED_KEYS.has(key)) return fail(`the key "${key}" is reserved and not allowed`);
    const at = i;
    i += m[0].length;
    ws();
    if (text[i] !== ":") return fail(`expected ":" after the key`, i > at ? i : at);
    i++;
    return key;
  }
}

/** 1-based line and column of `offset` in `text`. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) (line++, (last = k));
  return { line, col: offset - last };
}
