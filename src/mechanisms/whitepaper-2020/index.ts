/**
 * Era `whitepaper-2020`: the legacy sigmoid trust model of the 2020 whitepaper, before Yuma
 * (validator groups as parties). Its own folder: the mechanism (legacy-trust.ts), its scenario
 * section `network.legacy_trust` (params.ts), and this registry entry, listed in ../index.ts.
 */
import type { EraDef } from "../index.js";
import { legacyTrust } from "./legacy-trust.js";
import { legacyTrustSchema } from "./params.js";

export const whitepaper2020: EraDef = {
  name: "whitepaper-2020",
  doc: "the legacy sigmoid trust model of the 2020 whitepaper (validator groups as parties)",
  section: { key: "legacy_trust", schema: legacyTrustSchema },
  mechanisms: [legacyTrust],
  pipeline: () => [legacyTrust],
};
