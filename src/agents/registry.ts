/**
 * Strategy registry. A strategy is declared once with its kind (miner, validator, staker), its name,
 * its parameter schema (validated from the scenario) and documentation. The scenario schema and the
 * engine read this registry; neither ever tests a strategy's name.
 */
import { z } from "zod";

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
