/**
 * Strategy registry. A strategy is declared once with its kind (miner, validator, staker), its name,
 * its parameter schema (validated from the scenario), documentation and the hooks through which its
 * agents decide (src/intents.ts). The scenario schema and the agent hooks are built from this
 * registry; nothing ever tests a strategy's name. Adding a strategy is one `defineStrategy` call in
 * strategies.ts (plus, if it needs new behaviour, a function in a file of this folder).
 */
import { z } from "zod";
import type { NormalStream } from "../rng.js";
import type { MinerEconomics, PortfolioManager, Restaker, RootVoter, WeightSetter } from "../intents.js";

export type { WeightSetter, WeightView } from "../intents.js";

export type AgentKind = "miners" | "validators" | "stakers";
export const AGENT_KINDS: readonly AgentKind[] = ["miners", "validators", "stakers"];

/** What a strategy's hooks are built with (plain data: agents never see the state or the scenario). */
export interface AgentContext {
  /** The group's name and the run's seed. */
  group: string;
  seed: number;
  /** The group's own random stream behaviour/<kind>/<group> (created on first use). */
  stream(): NormalStream;
  /** 1 where a miner (by index) belongs to the cartel: what a cartel member knows. */
  minerCartel: Uint8Array;
  /** Miners' economics: days a registration must pay back in, days of losses a miner tolerates. */
  paybackDays: number;
  patienceDays: number;
}

export interface StrategyDef<P extends z.ZodRawShape = z.ZodRawShape> {
  kind: AgentKind;
  name: string;
  doc: string;
  params: P;
  /**
   * Per-agent columns this strategy sets from its parameters at compile time: inputs (a miner's
   * quality drift), labels for analysis (`cartel`, `copier`) and static intents (a staker's
   * `compound`). Mechanisms never read labels.
   */
  columns?: (params: z.infer<z.ZodObject<P>>) => Readonly<Record<string, number>>;
  /** Validators: how an agent of this strategy sets weights (created once per group and run). */
  weights?: (params: z.infer<z.ZodObject<P>>, ctx: AgentContext) => WeightSetter;
  /** Validators: how it votes on the root network (default: its honest, noisy view of subnet value). */
  rootVote?: (params: z.infer<z.ZodObject<P>>, ctx: AgentContext) => RootVoter;
  /** Stakers: whether and where it re-delegates at its daily review (default: never). */
  restake?: (params: z.infer<z.ZodObject<P>>, ctx: AgentContext) => Restaker;
  /** Stakers, dTAO eras: where its stake starts and where it moves at each review (default: root, never moves). */
  portfolio?: (params: z.infer<z.ZodObject<P>>, ctx: AgentContext) => PortfolioManager;
  /** Miners: when it quits and when it registers (default: profit-seeking, agents/miners.ts). */
  economics?: (params: z.infer<z.ZodObject<P>>, ctx: AgentContext) => MinerEconomics;
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
