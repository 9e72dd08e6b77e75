/** Neuron registration settings (`network.registration`, era B legacy burn, spec §11.2–11.3; mechanisms/registration.ts). */
import { z } from "zod";

const posInt = () => z.number().int().positive();

export const registrationSchema = z
  .strictObject({
    enabled: z.boolean().default(false).describe("miners register by burning TAO, are pruned, join when it pays and quit when it does not"),
    adjustment_interval_blocks: posInt().max(50_400).default(100).describe("AdjustmentInterval: blocks between burn adjustments (and registration rounds)"),
    target_registrations_per_interval: posInt().max(1000).default(2).describe("TargetRegistrationsPerInterval"),
    initial_burn_tao: z.number().positive().default(1).describe("burn price at the start, TAO"),
    min_burn_tao: z.number().positive().default(1).describe("MinBurn (era B: 1 TAO)"),
    max_burn_tao: z.number().positive().default(100).describe("MaxBurn (era B: 100 TAO)"),
    max_registrations_per_interval: posInt().max(50_400).default(100).describe("at most one registration per block (MaxRegistrationsPerBlock = 1)"),
    payback_days: z.number().positive().max(3650).default(30).describe("a miner registers if its expected profit over this many days covers the burn"),
    patience_days: z.number().positive().max(3650).default(7).describe("a registered miner quits after its smoothed daily reward stays below its cost this long"),
  })
  .refine((r) => r.min_burn_tao <= r.max_burn_tao, { message: "min_burn_tao must not exceed max_burn_tao" })
  .describe("neuron registration (era B legacy burn, spec §11.2–11.3)");

export type RegistrationParams = z.output<typeof registrationSchema>;

/** The fields of `network.registration` the registration mechanism reads once it is enabled. */
export const REGISTRATION_PATHS = Object.keys(registrationSchema.parse({})).map((k) => `network.registration.${k}`);
