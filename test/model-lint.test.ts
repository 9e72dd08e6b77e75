/**
 * Model lint: every mechanism against its declaration (the mutation contract of
 * src/mechanisms/mechanism.ts), statically over the registries and dynamically by running every
 * committed scenario (and the registration and whitepaper paths) with the contract checker on.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { allColumns, type ColumnKey } from "../src/state/columns.js";
import { allMechanisms, ERAS } from "../src/mechanisms/index.js";
import { CONSENSUS_MODELS } from "../src/mechanisms/consensus/index.js";
import { epoch } from "../src/mechanisms/epoch.js";
import { defineMechanism } from "../src/mechanisms/mechanism.js";
import { loadScenario, runScenario } from "../src/index.js";
import { compileWithOptions } from "./helpers.js";
import { createState, ENGINE_WRITES } from "../src/state/state.js";
import { StateChecker, ContractViolation } from "../src/engine/check.js";
import { packageRoot } from "../src/paths.js";

const columns = allColumns();
const byKey = new Map(columns.map((c) => [c.key as string, c]));

test("every declared read and write names a registered column; no mechanism writes an input, label or intent column, or reads a label", () => {
  for (const m of allMechanisms()) {
    for (const k of [...m.reads, ...m.writes]) assert.ok(byKey.has(k), `${m.name}: "${k}" is not a column`);
    for (const k of m.writes) assert.ok(!["input", "label", "intent"].includes(byKey.get(k)!.spec.role), `${m.name} writes ${k} (${byKey.get(k)!.spec.role})`);
    for (const k of m.reads) assert.notEqual(byKey.get(k)!.spec.role, "label", `${m.name} reads the label ${k}: agents decide through intents`);
    assert.ok(m.mirrors.length > 0, `${m.name}: says which chain function it mirrors`);
  }
});

test("every state, interval and scratch column is written by some mechanism or by the engine (CADLabs test_linting)", () => {
  const written = new Set<string>([...allMechanisms().flatMap((m) => m.writes), ...ENGINE_WRITES]);
  for (const c of columns) {
    if (["state", "interval", "scratch"].includes(c.spec.role)) assert.ok(written.has(c.key), `${c.key} (${c.spec.role}) is written by no mechanism`);
  }
});

test("the epoch declares every column its consensus models read and write", () => {
  for (const m of CONSENSUS_MODELS) {
    for (const k of m.writes) assert.ok(epoch.writes.includes(k), `consensus model ${m.name} writes ${k}, undeclared by the epoch`);
    for (const k of m.reads) assert.ok(epoch.reads.includes(k) || epoch.writes.includes(k), `consensus model ${m.name} reads ${k}, undeclared by the epoch`);
  }
});

test("every era has a pipeline drawn from its own mechanisms, with unique names", () => {
  const names = allMechanisms().map((m) => m.name);
  assert.equal(new Set(names).size, names.length);
  assert.ok(ERAS.length >= 2);
});

test("TAOSIM_CHECK: every committed scenario, a registration run and the whitepaper era keep the contract (1 day; registration runs 3 and 2 days)", () => {
  const dir = join(packageRoot(), "scenarios");
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".yaml"))) {
    runScenario(join(dir, f), { horizonDays: 1, checkContract: true, threads: 1 });
  }
  runScenario(join(dir, "mainnet-2023.yaml"), { horizonDays: 3, checkContract: true, threads: 1, overrides: { "network.registration.enabled": true, "network.subnets": 4 } });
  runScenario(join(dir, "weight-copying.yaml"), { horizonDays: 2, checkContract: true, threads: 1, overrides: { "network.registration.enabled": true } });
});

test("StateChecker: an undeclared write and an undeclared read each fail, naming the mechanism and the column", () => {
  const c = compileWithOptions(loadScenario(join(packageRoot(), "scenarios", "mainnet-2023.yaml")), { horizonDays: 1 });
  assert.ok(c.ok);
  const st = createState(c.value);
  const checker = new StateChecker(st);
  const sneaky = defineMechanism({
    name: "sneaky",
    mirrors: "test",
    reads: [],
    writes: ["network.liquid_tao"] as ColumnKey[],
    nextBlock: () => Infinity,
    step(s) {
      s.stakers.stake_tao[0] = s.stakers.stake_tao[0]! + 1;
    },
  });
  assert.throws(() => checker.call(sneaky, "step", (s) => sneaky.step(s, 1, undefined)), (e: unknown) => e instanceof ContractViolation && /"sneaky" read stakers\.stake_tao/.test(e.message));
  const writer = defineMechanism({
    name: "writer",
    mirrors: "test",
    reads: ["validators.self_stake_tao"] as ColumnKey[],
    writes: [],
    nextBlock: () => Infinity,
    step(s) {
      s.validators.self_stake_tao[0] = s.validators.self_stake_tao[0]! * 2;
    },
  });
  assert.throws(() => checker.call(writer, "step", (s) => writer.step(s, 1, undefined)), (e: unknown) => e instanceof ContractViolation && /"writer" changed validators\.self_stake_tao in step/.test(e.message));
});
