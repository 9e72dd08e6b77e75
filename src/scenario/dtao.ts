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

export function compileDtao(sc: Scenario, stakedTao: number, push: Push): Record<string, Float64Array> | undefined {
  if (!findDtaoEra(sc.network.era)) return undefined;
  const n = sc.network.subnets;
  const section = (sc.network as Record<string, unknown>).dtao as Record<string, unknown> | undefined;
  const d = dtaoSchema.unwrap().parse(section ?? {});
  const at = (key: string, ...rest: PathSegment[]): PathSegment[] => ["network", "dtao", key, ...rest];
  if (n > d.subnet_limit) push(["network", "subnets"], `${n} subnets exceed the subnet limit of ${d.subnet_limit} (network.dtao.subnet_limit)`);
  if (d.active_subnets !== undefined && d.active_subnets > n) push(at("active_subnets"), `${d.active_subnets} active subnets but network.subnets is ${n}`);
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
