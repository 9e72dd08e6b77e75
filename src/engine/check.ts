/**
 * TAOSIM_CHECK=1: the mutation contract (mechanisms/mechanism.ts) checked at run time. Around every
 * call of a mechanism (init, nextBlock, step, close) the checker
 *   - copies every state column the mechanism does not declare in `writes` and compares it
 *     afterwards, byte for byte: an undeclared write fails the run, naming mechanism and column;
 *   - hands the mechanism a view of the state that records which columns it touches: a column
 *     outside `reads` ∪ `writes` fails the run the same way. The entity counts (`n`,
 *     `subnets.slots`) and `network.block` (the time) need no declaration.
 * Debugging only: it copies the whole state twice per mechanism call.
 */
import { allColumns, type ColumnKey, type Entity } from "../state/columns.js";
import type { SimState } from "../state/state.js";
import type { AnyMechanism } from "../mechanisms/mechanism.js";

const ENTITIES: readonly Entity[] = ["network", "subnets", "miners", "validators", "stakers"];
const FREE = new Set(["n", "slots", "block"]);

export class ContractViolation extends Error {}

type Snapshot = Map<ColumnKey, Buffer | string>;

function value(st: SimState, key: ColumnKey): unknown {
  const [e, name] = key.split(".") as [Entity, string];
  return (st[e] as unknown as Record<string, unknown>)[name];
}

/** A column's value as bytes (a copy of a typed array) or text (a scalar or an object's fields). */
function freeze(v: unknown): Buffer | string {
  if (ArrayBuffer.isView(v)) return Buffer.from(Buffer.from(v.buffer, v.byteOffset, v.byteLength));
  if (typeof v === "object" && v !== null) return JSON.stringify(v, (_k, x) => (typeof x === "number" ? String(x) : x));
  return Object.is(v, -0) ? "-0" : String(v);
}

function same(a: Buffer | string, b: Buffer | string): boolean {
  if (typeof a === "string" || typeof b === "string") return a === b;
  return a.equals(b);
}

export class StateChecker {
  private readonly keys = allColumns().map((c) => c.key);
  private readonly views = new Map<string, SimState>();
  private current: { m: AnyMechanism; allowed: Set<string> } | undefined;

  constructor(private readonly st: SimState) {}

  /** Run `fn` as mechanism `m`'s call `phase`, checking its reads and writes. */
  call<T>(m: AnyMechanism, phase: string, fn: (st: SimState) => T): T {
    const writes = new Set<string>(m.writes);
    const before: Snapshot = new Map();
    for (const k of this.keys) if (!writes.has(k)) before.set(k, freeze(value(this.st, k)));
    this.current = { m, allowed: new Set<string>([...m.reads, ...m.writes]) };
    let out: T;
    try {
      out = fn(this.view(m));
    } finally {
      this.current = undefined;
    }
    for (const [k, was] of before) {
      const now = value(this.st, k);
      if (!(ArrayBuffer.isView(now) && typeof was !== "string" ? was.equals(Buffer.from(now.buffer, now.byteOffset, now.byteLength)) : same(was, freeze(now)))) throw new ContractViolation(`TAOSIM_CHECK: mechanism "${m.name}" changed ${k} in ${phase} without declaring it in writes`);
    }
    return out;
  }

  /** The state as mechanism m sees it: entity objects that check every column it touches. */
  private view(m: AnyMechanism): SimState {
    let v = this.views.get(m.name);
    if (v) return v;
    const st = this.st;
    const entities = Object.fromEntries(
      ENTITIES.map((e) => [
        e,
        new Proxy(st[e] as unknown as Record<string, unknown>, {
          get: (target, prop, recv) => {
            if (typeof prop === "string" && !FREE.has(prop) && this.current && !this.current.allowed.has(`${e}.${prop}`)) {
              throw new ContractViolation(`TAOSIM_CHECK: mechanism "${this.current.m.name}" read ${e}.${prop} without declaring it in reads`);
            }
            return Reflect.get(target, prop, recv);
          },
        }),
      ]),
    );
    v = new Proxy(st, { get: (target, prop, recv) => (typeof prop === "string" && prop in entities ? entities[prop] : Reflect.get(target, prop, recv)) });
    this.views.set(m.name, v);
    return v;
  }
}
