/**
 * The `yuma-case/1` replay format (shared/conformance/yuma/README.md): parsing and validation.
 * Everything wrong with a file — malformed JSON, ragged vectors, NaN or negative stake, weights to
 * uids ≥ n, unsorted dests, an unknown bond model — comes back as issues naming the field (and,
 * when it can be found, the line), never as an exception.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { isNode, LineCounter, parseDocument } from "yaml";
import { BOND_MODEL_NAMES } from "./bond-models.js";
import { findJsonProblem, lineCol } from "../io/json-locate.js";
import { RESERVED_KEYS, type Issue } from "../issues.js";

const u16 = z.number().int().min(0).max(65535);
const uid = z.number().int().min(0).max(65534);
const block = z.number().int().min(0);
const frac = z.number().min(0).max(1);
const uidKey = z.string().regex(/^(0|[1-9][0-9]{0,4})$/, "keys are uids (decimal integers)");

const weightRow = z.union([
  z.array(u16),
  z.strictObject({ dests: z.array(uid), values: z.array(u16) }),
]);

const vector = z.array(z.number().nullable());

const expectedSchema = z.strictObject({
  incentive: vector.optional(),
  dividends: vector.optional(),
  consensus: vector.optional(),
  validator_trust: vector.optional(),
  emission: vector.optional(),
  validator_permit: z.array(z.boolean().nullable()).optional(),
  bonds: z
    .strictObject({
      rows: z.array(uid).optional(),
      cols: z.array(uid).optional(),
      values: z.array(z.array(z.number().nullable())),
    })
    .optional(),
});

export const FIELDS = ["incentive", "dividends", "consensus", "validator_trust", "emission", "validator_permit", "bonds"] as const;
export type Field = (typeof FIELDS)[number];

const epochSchema = z.strictObject({
  block,
  registrations: z.array(z.strictObject({ uid, block: block.optional() })).optional(),
  stake: z.array(z.number().min(0, "stake must be ≥ 0")).optional(),
  reset_bonds: z.array(uid).optional(),
  weights: z.record(uidKey, weightRow).optional(),
  last_update: z.record(uidKey, block).optional(),
  expected: expectedSchema.optional(),
  provenance: z.partialRecord(z.enum(FIELDS), z.enum(["chain", "oracle", "mixed"])).optional(),
  note: z.string().optional(),
  reference: z.record(z.string(), z.unknown()).optional(),
});

export const caseSchema = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal("yuma-case/1"),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/),
  title: z.string().optional(),
  source: z.strictObject({ kind: z.enum(["subtensor-test", "yuma-simulation", "synthetic", "other"]), ref: z.string(), notes: z.string().optional() }),
  notes: z.string().optional(),
  settings: z.strictObject({
    bond_model: z.string().refine((s) => BOND_MODEL_NAMES.includes(s), { message: `unknown bond model; expected one of: ${BOND_MODEL_NAMES.join(", ")}` }),
    liquid_alpha: z.union([z.literal(false), z.strictObject({ alpha_low: frac, alpha_high: frac, steepness: z.number() })]),
    kappa: frac,
    bonds_penalty: frac,
    bonds_moving_average: z.number().int().min(0).max(1_000_000),
    max_allowed_validators: z.number().int().min(0),
    activity_cutoff: z.number().int().min(0),
    tempo: z.number().int().min(0).default(360),
    stake_threshold: z.number().min(0).default(0),
  }),
  n: z.number().int().min(1).max(65535),
  registration_block: z.union([block, z.array(block)]).default(0),
  tolerance: z.strictObject(Object.fromEntries(FIELDS.map((f) => [f, z.number().min(0).optional()])) as Record<Field, z.ZodOptional<z.ZodNumber>>),
  roles: z.record(z.string(), z.unknown()).optional(),
  epochs: z.array(epochSchema).min(1),
});

export type YumaCase = z.output<typeof caseSchema>;
export type CaseEpoch = YumaCase["epochs"][number];

export type CaseResult = { ok: true; value: YumaCase } | { ok: false; issues: Issue[] };

/** Semantic checks JSON Schema cannot express (section 4 of the README). */
function semanticIssues(c: YumaCase): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const n = c.n;
  if (c.settings.liquid_alpha !== false) {
    if (c.settings.bond_model !== "yuma3") out.push({ path: ["settings", "liquid_alpha"], message: "liquid alpha is only allowed with bond_model yuma3" });
    else if (c.settings.liquid_alpha.alpha_low > c.settings.liquid_alpha.alpha_high) out.push({ path: ["settings", "liquid_alpha", "alpha_low"], message: "alpha_low must be ≤ alpha_high" });
  }
  if (Array.isArray(c.registration_block) && c.registration_block.length !== n) out.push({ path: ["registration_block"], message: `has ${c.registration_block.length} entries, n is ${n}` });
  if (c.epochs[0]!.stake === undefined) out.push({ path: ["epochs", 0, "stake"], message: "the first epoch must give the stake vector" });
  let prev = -Infinity;
  c.epochs.forEach((e, k) => {
    const at = (...p: (string | number)[]) => ["epochs", k, ...p];
    if (e.block < prev) out.push({ path: at("block"), message: `blocks must not decrease (${e.block} after ${prev})` });
    prev = e.block;
    if (e.stake && e.stake.length !== n) out.push({ path: at("stake"), message: `has ${e.stake.length} entries, n is ${n}` });
    e.registrations?.forEach((r, q) => {
      if (r.uid >= n) out.push({ path: at("registrations", q, "uid"), message: `uid ${r.uid} ≥ n (${n})` });
      if (r.block !== undefined && r.block > e.block) out.push({ path: at("registrations", q, "block"), message: `registration block ${r.block} is after the epoch's block ${e.block}` });
    });
    e.reset_bonds?.forEach((j, q) => {
      if (j >= n) out.push({ path: at("reset_bonds", q), message: `uid ${j} ≥ n (${n})` });
    });
    for (const [key, row] of Object.entries(e.weights ?? {})) {
      const u = Number(key);
      if (u >= n) out.push({ path: at("weights", key), message: `caller uid ${u} ≥ n (${n})` });
      if (Array.isArray(row)) {
        if (row.length !== n) out.push({ path: at("weights", key), message: `dense row has ${row.length} values, n is ${n}` });
      } else {
        if (row.dests.length !== row.values.length) out.push({ path: at("weights", key), message: `${row.dests.length} dests but ${row.values.length} values` });
        row.dests.forEach((d, q) => {
          if (d >= n) out.push({ path: at("weights", key, "dests", q), message: `weight to uid ${d} ≥ n (${n})` });
          if (q > 0 && d <= row.dests[q - 1]!) out.push({ path: at("weights", key, "dests", q), message: "dests must be strictly ascending" });
        });
      }
    }
    for (const key of Object.keys(e.last_update ?? {})) if (Number(key) >= n) out.push({ path: at("last_update", key), message: `uid ${key} ≥ n (${n})` });
    const x = e.expected;
    if (x) {
      for (const f of ["incentive", "dividends", "consensus", "validator_trust", "emission", "validator_permit"] as const) {
        const v = x[f];
        if (v && v.length !== n) out.push({ path: at("expected", f), message: `has ${v.length} entries, n is ${n}` });
      }
      if (x.bonds) {
        const rows = x.bonds.rows ?? Array.from({ length: n }, (_, i) => i);
        const cols = x.bonds.cols ?? Array.from({ length: n }, (_, i) => i);
        if (x.bonds.values.length !== rows.length) out.push({ path: at("expected", "bonds", "values"), message: `has ${x.bonds.values.length} rows, expected ${rows.length}` });
        x.bonds.values.forEach((r, q) => {
          if (r.length !== cols.length) out.push({ path: at("expected", "bonds", "values", q), message: `has ${r.length} values, expected ${cols.length}` });
        });
        for (const [name, list] of [["rows", rows], ["cols", cols]] as const) list.forEach((u, q) => u >= n && out.push({ path: at("expected", "bonds", name, q), message: `uid ${u} ≥ n (${n})` }));
      }
    }
  });
  return out;
}

/** Best-effort line:col of a JSON path (re-parses the text with position tracking). */
function locator(text: string): (path: (string | number)[]) => { line: number; col: number } {
  let doc: ReturnType<typeof parseDocument> | undefined;
  const lines = new LineCounter();
  return (path) => {
    doc ??= parseDocument(text, { lineCounter: lines });
    for (let k = path.length; k >= 0; k--) {
      const node = k === 0 ? doc.contents : doc.getIn(path.slice(0, k), true);
      if (isNode(node) && node.range) return lines.linePos(node.range[0]);
    }
    return { line: 0, col: 0 };
  };
}

/** Parse and validate case text; `file` names it in issues. */
export function parseCase(text: string, file: string): CaseResult {
  // Parse once; only a failure (or a reserved key) is located by scanning the text again, since
  // JSON.parse gives no position for an empty file or a NaN and quotes the text back.
  let raw: unknown;
  let failed = false;
  try {
    raw = JSON.parse(text, (key, value: unknown) => {
      if (RESERVED_KEYS.has(key)) failed = true;
      return value;
    });
  } catch {
    failed = true;
  }
  if (failed) {
    const problem = findJsonProblem(text);
    if (problem) return { ok: false, issues: [{ file, ...lineCol(text, problem.offset), path: problem.path.join("."), message: `malformed JSON: ${problem.message}` }] };
    return { ok: false, issues: [{ file, line: 1, col: 1, path: "", message: "malformed JSON" }] };
  }
  const locate = locator(text);
  const parsed = caseSchema.safeParse(raw);
  if (parsed.success === false) {
    return {
      ok: false,
      issues: parsed.error.issues.map((zi) => {
        const path = zi.path as (string | number)[];
        const message = zi.code === "unrecognized_keys" ? `unknown key(s): ${zi.keys.join(", ")}` : zi.code === "invalid_type" && /received undefined/.test(zi.message) ? "required field is missing" : zi.message;
        return { file, ...locate(path), path: path.join("."), message };
      }),
    };
  }
  const sem = semanticIssues(parsed.data);
  if (sem.length > 0) return { ok: false, issues: sem.map((s) => ({ file, ...locate(s.path), path: s.path.join("."), message: s.message })) };
  return { ok: true, value: parsed.data };
}

export function readCase(file: string): CaseResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { ok: false, issues: [{ file, line: 0, col: 0, path: "", message: (e as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : `cannot read: ${(e as Error).message}` }] };
  }
  return parseCase(text, file);
}
