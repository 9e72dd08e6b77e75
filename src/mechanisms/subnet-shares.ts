/**
 * Subnet emission shares (`EmissionValues` in era A/B): which fraction of each block's emission a
 * subnet accrues. A registry keyed by the scenario's `network.subnet_emission`.
 *
 *   equal   share_s = 1/S                      (era A: values set by sudo; a neutral default)
 *
 * The era-B root network (64 validators, share_j = C_j·R_j / Σ C·R with C = sigmoid(ρ(T − κ)),
 * v1.2.4 `coinbase/root.rs :: root_epoch`) plugs in here as another entry.
 */
import { defineMechanism, type Mechanism } from "./mechanism.js";

export interface SubnetShareFunction {
  name: string;
  doc: string;
  mechanism: Mechanism;
}

const equal: SubnetShareFunction = {
  name: "equal",
  doc: "every subnet gets 1/S of the emission",
  mechanism: defineMechanism({
    name: "subnet_shares/equal",
    mirrors: "era A: EmissionValues set by sudo (equal split)",
    reads: [],
    writes: ["subnets.emission_share_frac"],
    init(st) {
      st.subnets.emission_share_frac.fill(st.subnets.n > 0 ? 1 / st.subnets.n : 0);
    },
    nextBlock: () => Infinity,
    step() {},
  }),
};

export const SUBNET_SHARE_FUNCTIONS: readonly SubnetShareFunction[] = [equal];

export function findSubnetShareFunction(name: string): SubnetShareFunction | undefined {
  return SUBNET_SHARE_FUNCTIONS.find((f) => f.name === name);
}
