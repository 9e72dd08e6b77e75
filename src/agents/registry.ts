/**
 * Strategy registry. A strategy is declared once with its kind (miner, validator, staker), its name,
 * its parameter schema (validated from the scenario) and documentation. The scenario schema and the
 * engine read this registry; neither ever tests a strategy's name.
 */
import { z } from "zod";
import type { NormalStream } from "../rng.js";

export type AgentKind = "miners" | "validators" | "stakers";
export const AGENT_KINDS: readonly AgentKind[] = ["miners", "validators", "stakers"];

export interface StrategyDef<P extends z.ZodRawShape = z.ZodRawShape> {
  kind: AgentKind;
  name: string;
  doc: string;
  params: P;
  /**
   * Per-agent columns this strategy sets from its parameters at compile time (e.g. a staker's
   * `compound` flag). Mechanisms read columns, never strategy names.
   */
  columns?: (params: z.infer<z.ZodObject<P>>) => Readonly<Record<string, number>>;
  /** Validators only: how an agent of this strategy sets weights (created once per group and run). */
  weights?: (params: z.infer<z.ZodObject<P>>) => WeightSetter;
}

/** What a validator sees of one subnet when it sets weights (miner vectors in the subnet's miner order). */
export interface WeightView {
  /** Current block and this subnet's epoch counter. */
  block: number;
  epoch: number;
  /** The miners' true quality (an honest validator observes it with noise). */
  quality: Float64Array;
  /** 1 where the miner belongs to the cartel. */
  cartelMiner: Uint8Array;
  /** The subnet's public consensus on its miners `lag` ≥ 1 epochs ago (undefined before it exists). */
  consensus(lag: number): Float64Array | undefined;
  /**
   * out[j] = quality[j]·max(0, 1 + σ·z_j), z ~ N(0, 1): an observation with noise, z the next
   * draws of the validator group's stream behaviour/validators/<group>.
   */
  observe(sigma: number, out: Float64Array): void;
}

export interface WeightSetter {
  /**
   * Write validator `i`'s weights on the subnet's miners into `out` (values ≥ 0, any scale; the
   * chain max-upscales them to u16) and return true, or return false to leave the stored weights
   * as they are this epoch.
   */
  set(i: number, view: WeightView, out: Float64Array): boolean;
}

const registry: StrategyDef[] = [];

export function defineStrategy<P extends z.ZodRawShape>(def: StrategyDef<P>): StrategyDef<P> {
  if (registry.some((s) => s.kind === def.kind && s.name === def.name)) {
    throw new Error(`strategy ${def.kind}/${def.name} defined twice`);
  }
  registry.push(def as unknown as StrategyDef);
  return def;
}

export function findStrategy(kind: AgentKind, name: string): StrategyDef | undefined {
  return registry.find((s) => s.kind === kind && s.name === name);
}

export function strategiesOf(kind: AgentKind): readonly StrategyDef[] {
  return registry.filter((s) => s.kind === kind);
}
