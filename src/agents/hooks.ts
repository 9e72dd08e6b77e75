/**
 * Build a run's agent hooks (src/intents.ts) from the strategy registry: one set of hooks per
 * population group, made from the group's parameters. Defaults: validators vote on the root network
 * with their honest view; miners are profit-seeking; stakers never re-delegate.
 */
import type { AgentHooks, GroupHooks } from "../intents.js";
import { NormalStream } from "../rng.js";
import { findStrategy, type AgentContext, type AgentKind } from "./registry.js";
import { honestRootVote } from "./weights.js";
import { profitSeeking } from "./miners.js";
import { stayOnRoot } from "./portfolio.js";
import "./strategies.js";

export interface HookGroup {
  kind: AgentKind;
  name: string;
  strategy: string;
  params: Readonly<Record<string, unknown>>;
}

export interface HookSettings {
  seed: number;
  minerCartel: Uint8Array;
  paybackDays: number;
  patienceDays: number;
}

export function createAgentHooks(groups: readonly HookGroup[], settings: HookSettings): AgentHooks {
  return {
    groups: groups.map((g): GroupHooks => {
      const def = findStrategy(g.kind, g.strategy);
      if (!def) throw new Error(`no ${g.kind} strategy "${g.strategy}"`);
      let stream: NormalStream | undefined;
      const ctx: AgentContext = {
        group: g.name,
        seed: settings.seed,
        stream: () => (stream ??= new NormalStream(settings.seed, `behaviour/${g.kind}/${g.name}`)),
        minerCartel: settings.minerCartel,
        paybackDays: settings.paybackDays,
        patienceDays: settings.patienceDays,
      };
      const p = g.params as never;
      const hooks: GroupHooks = {};
      if (g.kind === "validators") {
        if (!def.weights) throw new Error(`validator strategy "${g.strategy}" cannot set weights`);
        hooks.weights = def.weights(p, ctx);
        hooks.rootVote = def.rootVote?.(p, ctx) ?? honestRootVote;
      } else if (g.kind === "stakers") {
        const r = def.restake?.(p, ctx);
        if (r) hooks.restake = r;
        hooks.portfolio = def.portfolio?.(p, ctx) ?? stayOnRoot;
      } else {
        hooks.economics = def.economics?.(p, ctx) ?? profitSeeking(settings.paybackDays, settings.patienceDays);
      }
      return hooks;
    }),
  };
}
