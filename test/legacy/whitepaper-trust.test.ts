/** T5: the whitepaper cabal decays under the legacy trust model (targets.md T5). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { whitepaperIncentive, whitepaperTrust } from "../../src/legacy/whitepaper-trust.js";
import { packageRoot, sharedDir } from "../../src/paths.js";

const PRINTED = [0.4877323388820201, 0.4849535784321247, 0.4815511535094221, 0.477389901500398, 0.4723093486843246];

test("T5: cabal share for blocks 0–4 matches the whitepaper to 1e-12; < 0.25 by block 19, < 0.02 by block 49", () => {
  const r = whitepaperTrust({ stake: [0.51, 0.49], steps: 50 });
  const cabal = r.share_frac[1]!;
  for (let t = 0; t < PRINTED.length; t++) {
    assert.ok(Math.abs(cabal[t]! / PRINTED[t]! - 1) < 1e-12, `block ${t}: ${cabal[t]} vs ${PRINTED[t]}`);
  }
  assert.ok(cabal[19]! < 0.25, `block 19: ${cabal[19]}`);
  assert.ok(cabal[49]! < 0.02, `block 49: ${cabal[49]}`);
  // Shares sum to 1 and the honest side gains.
  for (let t = 0; t < 50; t++) assert.ok(Math.abs(cabal[t]! + r.share_frac[0]![t]! - 1) < 1e-15);
});

test("T5: the whole published trajectory (data/whitepaper_cabal_trajectory.csv) to 1e-12", (t) => {
  const file = join(sharedDir() ?? join(packageRoot(), "..", "shared"), "spec", "data", "whitepaper_cabal_trajectory.csv");
  if (!existsSync(file)) return t.skip(`not found: ${file}`);
  const rows = readFileSync(file, "utf8").trim().split("\n").slice(1).map((l) => l.split(","));
  const r = whitepaperTrust({ stake: [0.51, 0.49], steps: rows.length });
  for (const [block, value] of rows) {
    const b = Number(block);
    const got = r.share_frac[1]![b]!;
    assert.ok(Math.abs(got / Number(value) - 1) < 1e-12, `block ${b}: ${got} vs ${value}`);
  }
});

test("whitepaperIncentive(s, T, ρ, κ) = s / (1 + e^(−ρ(s/T − κ))): half the stake at s/T = κ", () => {
  assert.equal(whitepaperIncentive(3, 6, 10, 0.5), 1.5);
  assert.equal(whitepaperIncentive(0.49, 1, 10, 0.5), 0.49 / (1 + Math.exp(-10 * (0.49 / 1 - 0.5))));
  assert.ok(whitepaperIncentive(0.2, 1, 10, 0.5) < 0.2 * 0.05);
});

test("legacy trust: a party above κ gains share, one below loses; equal halves stay equal", () => {
  const r = whitepaperTrust({ stake: [1, 1], steps: 10 });
  for (let t = 0; t < 10; t++) assert.ok(Math.abs(r.share_frac[0]![t]! - 0.5) < 1e-15);
  assert.throws(() => whitepaperTrust({ stake: [], steps: 1 }), /party/);
  assert.throws(() => whitepaperTrust({ stake: [1, -1], steps: 1 }), /stakes/);
});

test("T5 as a scenario: scenarios/whitepaper-cabal.yaml (era whitepaper-2020) gives the same trajectory through the engine", async () => {
  const { loadScenario } = await import("../../src/index.js");
  const { compileScenario } = await import("../../src/scenario/compile.js");
  const { simulate } = await import("../../src/engine/simulate.js");
  const c = compileScenario(loadScenario(join(packageRoot(), "scenarios", "whitepaper-cabal.yaml")));
  assert.ok(c.ok);
  const out = simulate(c.value);
  const share = out.tables.network.columns.find((x) => x.def.name === "cartel_stake_frac")!.data as Float64Array;
  const lib = whitepaperTrust({ stake: [0.51, 0.49], steps: 100 }).share_frac[1]!;
  assert.equal(share[0], 0.49);
  for (let t = 0; t < 100; t++) assert.ok(Math.abs(share[t + 1]! / lib[t]! - 1) < 1e-12, `block ${t}`);
  for (let t = 0; t < PRINTED.length; t++) assert.ok(Math.abs(share[t + 1]! / PRINTED[t]! - 1) < 1e-12);
});
