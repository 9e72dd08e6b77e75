/**
 * Compile the dTAO section (`network.dtao`, params/dtao.ts) of a scenario in a dTAO era: evaluate
 * its per-subnet values (a number, a list as long as network.subnets, or an expression in s and n)
 * and check what one field alone cannot (located issues, nothing run):
 *   - every per-subnet value within its bounds (a pool's reserves > 0, fractions in [0, 1], …);
 *   - network.subnets ≤ subnet_limit and active_subnets ≤ network.subnets;
 *   - the share function, injection cap and pool curve name registry entries;
 *   - the TAO that exists covers the pools' reserves and every stake (any stake may sit on root).
 */
import { compileExpr } from "./expr.js";
import type { PathSegment } from "./issues.js";
import type { Scenario } from "./schema.js";
import { PER_SUBNET_KEYS, dtaoSchema, type PerSubnetKey } from "../params/dtao.js";
import { findDtaoEra } from "../mechanisms/dtao/eras.js";
import { SHARE_FUNCTIONS } from "../mechanisms/dtao/shares.js";
import { INJECTION_RULES } from "../mechanisms/dtao/injection.js";
import { POOL_CURVES } from "../mechanisms/dtao/amm.js";

type Push = (path: PathSegment[], message: string) => void;

/**
 * `network.eras`: the eras in order with their first blocks. Checks: the first starts with the run
 * (no `from`, or one not after the start date); every later one has a `from` after the previous
 * one's (an era that starts after the end of a shortened run is simply not reached); only 2023 and dTAO eras chain, and once dTAO, dTAO stays; `network.era`,
 * if given too, names the first era.
 */
export function compileEras(sc: Scenario, raw: Record<string, unknown>, startMs: number, startBlock: number, push: Push): { era: string; from_block: number; recycle_frac: number }[] | undefined {
  const list = sc.network.eras;
  if (!list) return undefined;
  const rawEra = (raw.network as Record<string, unknown> | undefined)?.era;
  if (rawEra !== undefined && rawEra !== list[0]!.era) push(["network", "era"], `network.era "${String(rawEra)}" differs from the first of network.eras ("${list[0]!.era}"); give one or the other`);
  const out: { era: string; from_block: number; recycle_frac: number }[] = [];
  let prevMs = -Infinity;
  let dtao = false;
  for (let k = 0; k < list.length; k++) {
    const e = list[k]!;
    const isDtao = findDtaoEra(e.era) !== undefined;
    if (!isDtao && e.era !== "2023") push(["network", "eras", k, "era"], `era "${e.era}" cannot be part of an era list (only 2023 and the dTAO eras chain)`);
    else if (dtao && !isDtao) push(["network", "eras", k, "era"], `era "${e.era}" cannot follow a dTAO era (the chain never went back)`);
    dtao ||= isDtao;
    let fromBlock = startBlock;
    if (e.from !== undefined) {
      const ms = Date.parse(`${e.from}T00:00:00Z`);
      if (k === 0 && ms > startMs) push(["network", "eras", k, "from"], `the first era must start with the run (${sc.start.date}), not on ${e.from}`);
      if (k > 0 && !(ms > prevMs)) push(["network", "eras", k, "from"], `eras must be in order: ${e.from} is not after ${list[k - 1]!.from ?? sc.start.date}`);
      if (k > 0 && !(ms > startMs)) push(["network", "eras", k, "from"], `${e.from} is not after the start date ${sc.start.date}`);
      prevMs = ms;
      fromBlock = startBlock + Math.round(((ms - startMs) / 86_400_000) * 7200);
    } else if (k > 0) push(["network", "eras", k], "every era after the first needs a `from` date");
    else prevMs = startMs;
    out.push({ era: e.era, from_block: k === 0 ? startBlock : fromBlock, recycle_frac: e.recycle_frac ?? sc.token.recycle_frac });
  }
  return out;
}

export function compileDtao(sc: Scenario, stakedTao: number, push: Push, eras?: readonly { era: string }[]): Record<string, Float64Array> | undefined {
  if (!(eras ?? [{ era: sc.network.era }]).some((e) => findDtaoEra(e.era))) return undefined;
  const n = sc.network.subnets;
  const section = (sc.network as Record<string, unknown>).dtao as Record<string, unknown> | undefined;
  const d = dtaoSchema.unwrap().parse(section ?? {});
  const at = (key: string, ...rest: PathSegment[]): PathSegment[] => ["network", "dtao", key, ...rest];
  if (n > d.subnet_limit) push(["network", "subnets"], `${n} subnets exceed the subnet limit of ${d.subnet_limit} (network.dtao.subnet_limit)`);
  if (d.active_subnets !== undefined && d.active_subnets > n) push(at("active_subnets"), `${d.active_subnets} active subnets but network.subnets is ${n}`);
  if (d.neuron_min_burn_tao > d.neuron_max_burn_tao) push(at("neuron_min_burn_tao"), `neuron_min_burn_tao ${d.neuron_min_burn_tao} exceeds neuron_max_burn_tao ${d.neuron_max_burn_tao}`);
  const names: [string, readonly { name: string }[]][] = [
    ["share_function", SHARE_FUNCTIONS],
    ["injection", INJECTION_RULES],
    ["amm", POOL_CURVES],
  ];
  for (const [key, registry] of names) {
    const v = d[key as "share_function"];
    if (v !== undefined && !registry.some((e) => e.name === v)) push(at(key), `unknown ${key} "${v}"; expected one of ${registry.map((e) => e.name).join(", ")}`);
  }
  const out: Record<string, Float64Array> = {};
  for (const key of Object.keys(PER_SUBNET_KEYS) as PerSubnetKey[]) {
    const spec = d[key];
    if (spec === undefined) continue;
    const b = PER_SUBNET_KEYS[key];
    const values = new Float64Array(n);
    if (typeof spec === "number") values.fill(spec);
    else if (Array.isArray(spec)) {
      if (spec.length !== n) {
        push(at(key), `gives ${spec.length} values for ${n} subnets`);
        continue;
      }
      values.set(spec);
    } else {
      const c = compileExpr(spec, ["s", "n"]);
      if (c.ok === false) {
        push(at(key), c.message);
        continue;
      }
      let bad = false;
      for (let s = 0; s < n && !bad; s++) {
        const v = c.expr.tryEvaluate({ s, n });
        if (typeof v !== "number" || !Number.isFinite(v)) {
          push(at(key), `the expression gives ${typeof v === "number" ? v : v.error} for subnet ${s}`);
          bad = true;
        } else values[s] = v;
      }
      if (bad) continue;
    }
    for (let s = 0; s < n; s++) {
      const v = values[s]!;
      const low = "exclusiveMin" in b && b.exclusiveMin ? !(v > b.min) : !(v >= b.min);
      if (low || ("max" in b && v > b.max)) {
        const range = "max" in b ? `in [${b.min}, ${b.max}]` : "exclusiveMin" in b ? `> ${b.min}` : `≥ ${b.min}`;
        push(Array.isArray(spec) ? at(key, s) : at(key), `${b.what} must be ${range}; subnet ${s} has ${v}`);
        break;
      }
    }
    out[key] = values;
  }
  let pools = 0;
  const active = Math.min(d.active_subnets ?? n, n);
  const poolTao = out.pool_tao;
  for (let s = 0; s < active; s++) pools += poolTao ? poolTao[s]! : d.pool_tao as number;
  if (pools + stakedTao > sc.token.initial_issuance_tao * (1 + 1e-12)) {
    push(["token", "initial_issuance_tao"], `the pools hold ${pools.toFixed(3)} TAO and the populations stake ${stakedTao.toFixed(3)} TAO, more than the ${sc.token.initial_issuance_tao} TAO issued`);
  }
  return out;
}
