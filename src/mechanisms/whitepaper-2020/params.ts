/** The 2020 whitepaper's trust model: the era's own scenario section `network.legacy_trust` (legacy-trust.ts reads it). */
import { z } from "zod";

export const legacyTrustSchema = z
  .strictObject({
    rho: z.number().positive().default(10).describe("sigmoid steepness ρ"),
    kappa: z.number().min(0).max(1).default(0.5).describe("trust threshold κ (stake fraction)"),
    inflation_frac_per_block: z.number().nonnegative().max(10).default(0.1).describe("new stake per block as a fraction of the total"),
  })
  .default({ rho: 10, kappa: 0.5, inflation_frac_per_block: 0.1 })
  .describe("era whitepaper-2020 only: the legacy trust model's parameters");

export type LegacyTrustParams = z.output<typeof legacyTrustSchema>;

export const LEGACY_TRUST_PATHS = ["network.legacy_trust.rho", "network.legacy_trust.kappa", "network.legacy_trust.inflation_frac_per_block"];
