/**
 * The dTAO eras as registry entries (EraDef, ../index.ts): one pipeline, run in this order at
 * every event block, with the era's rules (eras.ts) under the scenario's `network.dtao`:
 *   dtao_genesis (start state) → dtao_coinbase (every block up to the event) → dtao_epoch (due
 *   subnet epochs) → dtao_neuron_registration (burn decay; miners' registrations, extrinsics
 *   after the block's epochs) → dtao_staking (stakers' reviews) → dtao_subnet_registry (subnet
 *   registrations and dissolutions) → moving_prices (the event block's EMA)
 */
import type { EraDef } from "../index.js";
import { dtaoSchema } from "../../params/dtao.js";
import { DTAO_ERAS } from "./eras.js";
import { genesis } from "./genesis.js";
import { dtaoCoinbase, dtaoMovingPrices } from "./coinbase.js";
import { dtaoEpoch } from "./epoch.js";
import { dtaoStaking } from "./staking.js";
import { dtaoNeuronRegistration } from "./neuron-registration.js";
import { subnetRegistry } from "./subnet-registry.js";
import { DTAO_NETWORK_COLUMNS, POOL_COLUMNS } from "../../record/dtao.js";

const PIPELINE = [genesis, dtaoCoinbase, dtaoEpoch, dtaoNeuronRegistration, dtaoStaking, subnetRegistry, dtaoMovingPrices];

export const DTAO_ERA_DEFS: readonly EraDef[] = DTAO_ERAS.map((e) => ({
  name: e.name,
  doc: e.doc,
  section: { key: "dtao", schema: dtaoSchema },
  mechanisms: PIPELINE,
  pipeline: () => [...PIPELINE],
  record: { network: DTAO_NETWORK_COLUMNS, pools: POOL_COLUMNS },
}));
