/**
 * A seeded scenario mutator: valid base scenarios bent the ways a new user or an attacker would
 * bend them. Object-level mutations (delete, duplicate, wrong type, special numbers, random
 * strings, deep nesting, huge lists, hostile expressions, reserved keys, file fields pointing out
 * of the folder) and text-level ones (broken YAML, aliases and alias bombs, duplicated lines,
 * truncation). Every draw comes from the case's own stream, so a case is reproduced by its seed
 * and index alone.
 */
import { parse as yamlParse, stringify } from "yaml";
import type { Rng } from "../../src/rng.js";

/** Base scenarios (file name → text); each case writes them with its helper files into one folder. */
export const BASES: Record<string, string> = {
  "small.yaml": `name: fuzz-small
seed: 3
start: { date: "2023-11-20" }
horizon: { days: 3 }
token: { initial_issuance_tao: 1000000, recycle_frac: 0.02 }
network: { subnets: 2 }
populations:
  validators:
    v: { count: 3, strategy: honest, stake_tao: { dist: lognormal, median: 1000, sigma: 0.5 }, take_frac: 0.09 }
  miners:
    m: { count: 6, strategy: honest, quality: "0.2 + 0.8 * u", cost_usd_per_day: 1 }
  stakers:
    s: { count: 20, strategy: passive, stake_tao: 50 }
`,
  "yuma.yaml": `name: fuzz-yuma
start: { date: "2024-01-01", block: 2000000 }
horizon: { days: 3 }
token:
  initial_issuance_tao: 6000000
  price: { process: gbm, initial_usd: 300, drift_per_year: 0.1, volatility_per_year: 0.8 }
network:
  subnets: 2
  consensus: yuma
  subnet_emission: root
  hyperparameters: { tempo: 99, max_allowed_uids: 32, kappa: 0.5, bond_model: yuma3, liquid_alpha: { alpha_low: 0.7, alpha_high: 0.9, steepness: 1000 }, commit_reveal_epochs: 1 }
  registration: { enabled: true, initial_burn_tao: 2 }
populations:
  validators:
    h: { count: 4, strategy: honest, params: { noise_sigma: 0.05 }, stake_tao: 5000 }
    c: { count: 1, strategy: copier, stake_tao: 3000 }
    k: { count: 1, strategy: cartel, params: { cartel_weight_frac: 0.8 }, stake_tao: 2000 }
  miners:
    m: { count: 12, strategy: honest, quality: { dist: beta, a: 2, b: 3 } }
    x: { count: 2, strategy: cartel, quality: 0.3 }
  stakers:
    y: { count: 30, strategy: yield_chasing, stake_tao: { dist: pareto, scale: 10, shape: 1.5 } }
record: { every_blocks: 3600 }
`,
  "dtao.yaml": `name: fuzz-dtao
seed: 5
start: { date: "2025-01-10", block: 4900000 }
horizon: { days: 3 }
token: { initial_issuance_tao: 8200000, recycle_frac: 0.03 }
network:
  eras:
    - { era: "2023" }
    - { era: dtao-2025, from: "2025-01-11" }
    - { era: dtao-2026, from: "2025-01-12", recycle_frac: 0.1 }
  subnets: 3
  task_demand_per_day: "3 - s"
  hyperparameters: { tempo: 99 }
  dtao:
    tempo: 360
    pool_tao: "100 * (s + 1)"
    pool_alpha: [1000, 900, 800]
    alpha_out: 5000
    owner_miner_burn_frac: "s == 2 ? 0.5 : 0"
    user_buy_tao_per_day: 50
    user_sell_frac_per_day: 0.01
    share_function: price_ema
populations:
  validators:
    v: { count: 3, strategy: honest, stake_tao: 1000, sell_frac: 0.2 }
  miners:
    m: { count: 6, strategy: honest, quality: "0.2 + 0.8 * u", sell_frac: 0.5 }
  stakers:
    r: { count: 10, strategy: root, stake_tao: 100 }
    a: { count: 10, strategy: alpha_yield, params: { inertia_frac: 0.2 }, stake_tao: 100 }
    h: { count: 5, strategy: holder, stake_tao: 10 }
    k: { count: 5, strategy: momentum, stake_tao: 10 }
record: { every_blocks: 3600 }
`,
  "priced.yaml": `name: fuzz-priced
extends: base.yaml
token:
  initial_issuance_tao: 2000000
  price: { process: csv, path: prices.csv }
network: { subnets: 1, task_demand_per_day: [5] }
`,
  "expr.yaml": `name: fuzz-expr
start: { date: "2025-01-01" }
horizon: { until: "2025-01-04" }
token:
  initial_issuance_tao: 8000000
  price: { process: expr, expr: "400 * exp(0.3 * year) * (1 + 0.1 * sin(day))" }
network: { subnets: 1 }
populations:
  validators:
    v: { count: 2, strategy: stale, stake_tao: "100 * (i + 1)" }
  miners:
    m: { count: 4, strategy: sybil, quality: "max(0, min(1, 0.5 + 0.2 * z))" }
sweep:
  grid:
    token.recycle_frac: [0, 0.1]
  seeds: 2
`,
  "legacy.yaml": `name: fuzz-legacy
start: { date: "2021-01-01" }
horizon: { blocks: 200 }
token: { initial_issuance_tao: 1 }
network: { era: whitepaper-2020, subnets: 0 }
populations:
  validators:
    honest: { count: 1, strategy: honest, stake_tao: 0.51 }
    cabal: { count: 1, strategy: cartel, stake_tao: 0.49 }
record: { every_blocks: 50 }
`,
};

/** Helper files written beside the bases. */
export const HELPERS: Record<string, string> = {
  "base.yaml": `name: fuzz-base
start: { date: "2024-03-01" }
horizon: { days: 3 }
token: { initial_issuance_tao: 1000000 }
populations:
  validators:
    v: { count: 2, strategy: honest, stake_tao: 10 }
  miners:
    m: { count: 4, strategy: honest, quality: 0.5 }
`,
  "prices.csv": "date,price_usd\n2024-02-01,300\n2024-03-02,320\n",
  "loop.yaml": "name: loop\nextends: loop2.yaml\n",
  "loop2.yaml": "name: loop2\nextends: loop.yaml\n",
  "notes.txt": "SECRET=do-not-print\n",
};

const SPECIAL_NUMBERS = [".nan", ".inf", "-.inf", "-1", "1e308", "-1e308", "0", "9007199254740993", "-0.5", "1e-320", "10000000", "4294967296", "0.5", "1", "2", "100"];

const HOSTILE_EXPRESSIONS = [
  "max()", "hypot()", "min()", "u | 1", "u & 1", "~u", "u << 2", 'exp("abc")', "round(u, 400)", "round(u, -1)", "round(u, u)",
  "1/0", "-1/0", "0/0", "log(-1)", "sqrt(-1)", "pow(-8, 1/3)", "e^1000", "10^400", "import(u)", "evaluate(\"1\")", "u.a", "u[1]",
  "[1, 2]", "{a: 1}", "x = 1", "f(x) = x", "2 cm", "5!", "u'", "1:3", "null", "undefined", "NaN", "Infinity", "i / (i - 1)",
  "mod(u, 0)", "atan2(u, 1)", "random()", "pow(u)", "pow(u, 2, 3)", "abs(u, u)", "log(u, 0)", "u ? 1 : 'a'", "true", "u > 0.5",
  "max(u, z, i, n) * 2", "(u", "u)", "", " ", "#", "u +", "sin(cos(tan(u)))", "0.5 + 0 * (", "\u0000", "u \u2212 1",
];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

function randomString(rng: Rng): string {
  const kind = Math.floor(rng() * 5);
  if (kind === 0) return "x".repeat(1 + Math.floor(rng() * 5000));
  if (kind === 1) return "é∑😀\u202e" + String(rng());
  if (kind === 2) return "../../etc/passwd";
  if (kind === 3) return Array.from({ length: 1 + Math.floor(rng() * 40) }, () => String.fromCharCode(32 + Math.floor(rng() * 95))).join("");
  return pick(rng, ["honest", "passive", "uniform", "yuma", "csv", "2023", "classic", "true", "null", "1e3", "-", "0x10"]);
}

type Obj = Record<string, unknown>;
type Path = (string | number)[];

/** Every path to a value in `v` (objects and arrays), up to `limit` paths. */
function paths(v: unknown, prefix: Path = [], out: Path[] = [], limit = 2000): Path[] {
  if (out.length >= limit) return out;
  if (Array.isArray(v)) v.forEach((x, i) => (out.push([...prefix, i]), paths(x, [...prefix, i], out, limit)));
  else if (v && typeof v === "object") for (const k of Object.keys(v)) (out.push([...prefix, k]), paths((v as Obj)[k], [...prefix, k], out, limit));
  return out;
}

/** The object at `keys` under `doc`, made (or replaced by) a mapping where it is not one. */
function objectAt(doc: Obj, keys: readonly string[]): Obj {
  let node: Obj = doc;
  for (const k of keys) {
    const next = node[k];
    node = (next !== null && typeof next === "object" && !Array.isArray(next) ? next : (node[k] = {})) as Obj;
  }
  return node;
}

function getParent(root: unknown, path: Path): { parent: Obj | unknown[]; key: string | number } | undefined {
  let node: unknown = root;
  for (let i = 0; i < path.length - 1; i++) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Obj)[path[i] as string];
  }
  if (node === null || typeof node !== "object") return undefined;
  return { parent: node as Obj, key: path[path.length - 1]! };
}

/** A nested flow collection as YAML text (written raw: the stringifier itself recurses). */
function nest(rng: Rng, depth: number): string {
  return rng() < 0.5 ? "[".repeat(depth) + "1" + "]".repeat(depth) : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
}

/** A value marker replaced in the YAML text after stringify (numbers YAML writes its own way). */
const RAW = "@@RAW@@";

type ObjMutation = (doc: Obj, rng: Rng) => void;

const OBJECT_MUTATIONS: Record<string, ObjMutation> = {
  perturb: (doc, rng) => {
    // A plausible edit: scale a number, or swap an enum-like word for another valid one.
    const nums = paths(doc).filter((p) => {
      const at = getParent(doc, p);
      return at !== undefined && typeof (at.parent as Obj)[at.key as string] === "number";
    });
    for (let j = 0; j < 3 && nums.length > 0; j++) {
      const at = getParent(doc, pick(rng, nums))!;
      const v = (at.parent as Obj)[at.key as string] as number;
      const f = pick(rng, [0, 1e-9, 0.5, 0.9, 1.1, 2, 3, 1000]);
      (at.parent as Obj)[at.key as string] = Number.isInteger(v) ? Math.round(v * f) : v * f;
    }
    const words: Record<string, string[]> = { strategy: ["honest", "lazy", "cartel", "sybil", "stale", "copier", "passive", "loyal", "yield_chasing"], consensus: ["ideal", "yuma"], subnet_emission: ["equal", "root"], bond_model: ["classic", "yuma3"], era: ["2023", "whitepaper-2020"], delegate_to: ["by_stake", "uniform"] };
    const ps = paths(doc).filter((p) => typeof p[p.length - 1] === "string" && Object.hasOwn(words, p[p.length - 1] as string));
    if (ps.length > 0 && rng() < 0.5) {
      const p = pick(rng, ps);
      const at = getParent(doc, p)!;
      (at.parent as Obj)[at.key as string] = pick(rng, words[p[p.length - 1] as string]!);
    }
  },
  delete: (doc, rng) => {
    const p = pick(rng, paths(doc));
    const at = getParent(doc, p);
    if (!at) return;
    if (Array.isArray(at.parent)) at.parent.splice(at.key as number, 1);
    else delete (at.parent as Obj)[at.key as string];
  },
  wrong_type: (doc, rng) => {
    const at = getParent(doc, pick(rng, paths(doc)));
    if (!at) return;
    (at.parent as Obj)[at.key as string] = pick(rng, [[1, 2, 3], { a: 1 }, "text", true, null, [], {}, -1, 0.5]);
  },
  special_number: (doc, rng) => {
    const ps = paths(doc).filter((p) => {
      const at = getParent(doc, p);
      const v = at ? (at.parent as Obj)[at.key as string] : undefined;
      return typeof v === "number" || rng() < 0.1;
    });
    const at = getParent(doc, pick(rng, ps.length > 0 ? ps : paths(doc)));
    if (at) (at.parent as Obj)[at.key as string] = RAW + pick(rng, SPECIAL_NUMBERS);
  },
  random_string: (doc, rng) => {
    const at = getParent(doc, pick(rng, paths(doc)));
    if (at) (at.parent as Obj)[at.key as string] = randomString(rng);
  },
  deep_nesting: (doc, rng) => {
    const at = getParent(doc, pick(rng, paths(doc)));
    if (at) (at.parent as Obj)[at.key as string] = RAW + nest(rng, pick(rng, [10, 70, 300, 2000]));
  },
  huge_list: (doc, rng) => {
    const n = pick(rng, [1000, 50_000, 150_000]);
    const target = pick(rng, [["network", "task_demand_per_day"], ["sweep", "grid", "token.recycle_frac"], ["populations", "miners", "m", "subnets"], ["populations", "validators", "v", "stake_tao"], ["x_list"]]);
    const node = objectAt(doc, target.slice(0, -1));
    const last = target[target.length - 1]!;
    // Flow style, written raw: [0,1,2,…] (the block style the stringifier writes is 4× larger).
    const list = RAW + "[" + Array.from({ length: n }, (_, i) => i % 7).join(",") + "]";
    node[last] = last === "stake_tao" ? { dist: "list", values: list } : list;
  },
  hostile_expression: (doc, rng) => {
    let e = pick(rng, HOSTILE_EXPRESSIONS);
    if (rng() < 0.15) e = Array.from({ length: pick(rng, [50, 400, 30_000]) }, () => pick(rng, ["u", "z", "i", "1"])).join(pick(rng, ["+", "*", "-"]));
    if (rng() < 0.1) e = "(".repeat(pick(rng, [50, 150, 5000])) + "u" + ")".repeat(pick(rng, [50, 150, 5000]));
    const where = pick(rng, [["populations", "miners", "m", "quality"], ["populations", "validators", "v", "stake_tao"], ["populations", "stakers", "s", "stake_tao"], ["token", "price"]]);
    const node = objectAt(doc, where.slice(0, -1));
    node[where[where.length - 1]!] = where[1] === "price" ? { process: "expr", expr: e } : e;
  },
  reserved_key: (doc, rng) => {
    const key = pick(rng, ["__proto__", "constructor", "prototype"]);
    const r = rng();
    if (r < 0.4) {
      // as a sweep path (a text key, not a prototype)
      doc.sweep = { grid: { [`${pick(rng, ["", "network.", "token."])}${key}.polluted`]: [1] } };
      return;
    }
    const objs = paths(doc).map((p) => getParent(doc, [...p, "x"])?.parent).filter((o): o is Obj => !!o && !Array.isArray(o));
    const target = r < 0.7 || objs.length === 0 ? doc : pick(rng, objs);
    Object.defineProperty(target, key, { value: { seed: 99, polluted: 1 }, enumerable: true, configurable: true, writable: true });
  },
  file_field: (doc, rng) => {
    const ref = pick(rng, ["/etc/passwd", "/etc/shadow", "../../../etc/passwd", "..", ".", "missing.yaml", "loop.yaml", "notes.txt", "out-link.yaml", "out-link.csv", "prices.csv", "base.yaml", "C:\\\\x.yaml", "~/x.yaml", "base.yaml\u0000.csv", "sub/../base.yaml", "self"]);
    if (rng() < 0.5) doc.extends = ref === "self" ? "__SELF__" : ref;
    else {
      const token = objectAt(doc, ["token"]);
      token.price = { process: "csv", path: ref === "self" ? "prices.csv" : ref };
    }
  },
  count_scale: (doc, rng) => {
    const kinds = (doc.populations ?? {}) as Obj;
    const groups = Object.values(kinds).flatMap((k) => (k && typeof k === "object" ? Object.values(k as Obj) : []));
    const g = groups.length > 0 ? (pick(rng, groups) as Obj) : undefined;
    if (g && typeof g === "object") g.count = pick(rng, [0, 1, 255, 256, 257, 4096, 100_000, 10_000_000, 10_000_001]);
  },
  network_knob: (doc, rng) => {
    const net = objectAt(doc, ["network"]);
    const hp = objectAt(net, ["hyperparameters"]);
    const knob = pick(rng, ["tempo", "max_allowed_uids", "max_allowed_validators", "activity_cutoff_blocks", "immunity_period_blocks", "commit_reveal_epochs", "root_tempo", "root_max_validators", "subnets", "every_blocks"]);
    const v = pick(rng, [1, 2, 3, 64, 100, 4096, 50_400, 1024]);
    if (knob === "subnets") net.subnets = v;
    else if (knob === "every_blocks") doc.record = { every_blocks: v };
    else hp[knob] = v;
  },
};

type TextMutation = (text: string, rng: Rng) => string;

const TEXT_MUTATIONS: Record<string, TextMutation> = {
  broken_yaml: (text, rng) => {
    const lines = text.split("\n");
    const i = Math.floor(rng() * lines.length);
    const how = Math.floor(rng() * 7);
    if (how === 0) lines[i] = lines[i] + " [";
    else if (how === 1) lines[i] = "\t" + lines[i];
    else if (how === 2) lines[i] = lines[i]!.replace(":", "");
    else if (how === 3) lines[i] = lines[i] + " : : {";
    else if (how === 4) lines[i] = "   " + lines[i];
    else if (how === 5) lines[i] = lines[i] + ' "unterminated';
    else return text.slice(0, Math.floor(rng() * text.length));
    return lines.join("\n");
  },
  duplicate_line: (text, rng) => {
    const lines = text.split("\n");
    const i = Math.floor(rng() * lines.length);
    lines.splice(i, 0, lines[i]!);
    return lines.join("\n");
  },
  alias: (text, rng) => {
    const how = Math.floor(rng() * 4);
    if (how === 0) return text.replace(/^name: .*$/m, "name: *nope") + "\nx_anchor: &nope fuzz\n";
    if (how === 1) {
      let out = text + "\nx0: &a0 [l, l, l, l, l, l, l, l, l]\n";
      for (let k = 1; k < 10; k++) out += `x${k}: &a${k} [${Array(9).fill(`*a${k - 1}`).join(", ")}]\n`;
      return out;
    }
    if (how === 2) return text + "\nx_self: &s [1, *s]\n";
    return text.replace(/^seed: .*$/m, "") + "\nx_seed: &sd 7\nseed: *sd\n";
  },
  oversize: (text, rng) => text + "#" + "x".repeat(pick(rng, [1024 * 1024, 3 * 1024 * 1024, 50 * 1024 * 1024])) + "\n",
  bad_encoding: (text, rng) => {
    const i = Math.floor(rng() * text.length);
    return text.slice(0, i) + pick(rng, ["\u0000", "\ufeff", "\ud800", "\u0085", "%YAML 9.9\n---\n", "--- !!binary\n", "!!js/function 'f'", "<<: *x\n"]) + text.slice(i);
  },
};

export interface FuzzCase {
  /** The scenario file to load (in the case's folder). */
  file: string;
  /** File name → text to write into the case folder (bases, helpers and the mutated file). */
  files: Record<string, string>;
  /** Names of the mutations applied (for the report). */
  mutations: string[];
}

/** Build one case from its stream (deterministic). */
export function makeCase(rng: Rng): FuzzCase {
  const baseName = pick(rng, Object.keys(BASES));
  const files: Record<string, string> = { ...HELPERS, ...BASES };
  const mutations: string[] = [];
  let text = BASES[baseName]!;
  const objNames = Object.keys(OBJECT_MUTATIONS);
  // A third of the cases are plausible edits only (most of them valid: they exercise the engine).
  const mild = rng() < 0.35;
  const k = mild ? 1 : 1 + Math.floor(rng() * 3);
  const textNames = Object.keys(TEXT_MUTATIONS);
  const useText = !mild && rng() < 0.3;
  if (!useText || rng() < 0.5) {
    const doc = (yamlParse(text) ?? {}) as Obj;
    for (let j = 0; j < k; j++) {
      const m = mild ? "perturb" : pick(rng, objNames);
      mutations.push(m);
      OBJECT_MUTATIONS[m]!(doc, rng);
    }
    text = stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 }).replace(new RegExp(`"?${RAW}([^"\\n]*)"?`, "g"), "$1").replace(/__SELF__/g, "fuzz.yaml");
  }
  if (useText) {
    const m = pick(rng, textNames);
    mutations.push(m);
    text = TEXT_MUTATIONS[m]!(text, rng);
  }
  files["fuzz.yaml"] = text;
  return { file: "fuzz.yaml", files, mutations };
}

