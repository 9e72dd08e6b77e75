/**
 * The dTAO coinbase's block loop in WebAssembly (kernels/wasm/coinbase.as.ts → coinbase.wasm): the subnets'
 * columns the coinbase reads and writes are moved into the kernel's linear memory once, when the
 * run's state is made (placeCoinbaseColumns), and the state keeps views of them, so every other
 * mechanism, the recorder and the checks read and write the same numbers as before, and a block
 * range runs without copying anything. The memory never grows (a grow would detach the views).
 *
 * coinbase.ts :: coinbaseBlock stays the reference and the fallback (a rule the
 * kernel does not know, or a state made without the kernel); test/mechanisms/dtao/coinbase-kernel.test.ts
 * runs both over the same blocks and requires identical bytes. Results never depend on which one
 * ran.
 */
import { layoutOffsets } from "../../kernels/layout.js";
import { instantiateWasm } from "../../kernels/wasm/index.js";
import { alphaBlockEmission } from "./alpha-issuance.js";
import type { SubnetState } from "../../state/state.js";

/**
 * The kernel's buffers: [name, bytes per element, elements], in the order of the pointers declared
 * in kernels/wasm/coinbase.as.ts (setLayout reads them in that order). Names in STATE_COLUMNS are the
 * subnets' state columns of the same name; the others are the kernel's scratch and outputs.
 */
export function coinbaseLayout(S: number): [string, number, number][] {
  return [
    ...F64_COLUMNS.map((name): [string, number, number] => [name, 8, S]),
    ...U8_COLUMNS.map((name): [string, number, number] => [name, 1, S]),
    ["emit", 4, S],
    ["shares", 8, S],
    ["price", 8, S],
    ["price_block", 8, S],
    ["net", 8, 6],
  ];
}

const F64_COLUMNS = [
  "pool_tao",
  "pool_alpha",
  "pool_weight",
  "alpha_out",
  "protocol_alpha",
  "alpha_issued",
  "alpha_recycled",
  "emission_share_frac",
  "root_prop_frac",
  "pending_owner_alpha",
  "pending_server_alpha",
  "pending_validator_alpha",
  "pending_root_alpha",
  "flow_tao",
  "flow_ema_tao",
  "protocol_flow_tao",
  "protocol_flow_ema_tao",
  "interval_chain_buy_tao",
  "interval_tao_in_tao",
  "interval_alpha_in_alpha",
  "interval_alpha_out_alpha",
  "interval_recycled_alpha",
  "moving_price",
  "miner_burned_frac",
  "first_emission_block",
] as const;
const U8_COLUMNS = ["active", "emission_enabled"] as const;

/** The subnets' state columns that live in the kernel's memory. */
export const STATE_COLUMNS: readonly string[] = [...F64_COLUMNS, ...U8_COLUMNS];

/** Share functions, injection rules and pool curves the kernel implements, by name → its code. */
export const KERNEL_SHARE_FUNCTIONS: Readonly<Record<string, number>> = { price_ema: 0, price_ema_burn: 1, price_ema_root_prop: 2, flow: 3 };
export const KERNEL_CURVES: readonly string[] = ["cpmm", "balancer"];

interface Exports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  setLayout(tab: number): void;
  setRules(shareKind: number, capByRootProp: number, buysExcess: number, recycleBought: number, reweights: number, usesFlows: number, netFlow: number, ownerCut: number, recycleFrac: number, movingAlpha: number, emaHalving: number, capEma: number, flowCutoff: number, flowExponent: number, flowEmaAlpha: number): void;
  run(S: number, b0: number, t: number, E: number, twR: number, nextThreshold: number): number;
  movingPrices(S: number, b: number, alpha: number, h: number, cap: number): void;
}

export interface CoinbaseKernel {
  readonly exports: Exports;
  /** The memory the views share (the placement check compares each column's buffer with it). */
  readonly buffer: ArrayBuffer;
  readonly subnets: number;
  /**
   * The network's totals the kernel carries in and out of a call, at indices 0–5: emitted,
   * recycled, chain-buy and interval chain-buy TAO, issuance, root sell flag.
   */
  readonly net: Float64Array;
  /** Whose rules the kernel holds (the coinbase sets them again when another instance runs). */
  rulesOwner: unknown;
}

/** A kernel for S subnets, its columns zeroed. */
export function instantiateCoinbaseKernel(S: number): CoinbaseKernel {
  const layout = coinbaseLayout(S);
  const { base, offsets, bytes } = layoutOffsets(layout);
  // The host's own functions (not wrappers): the kernel's transcendentals are JavaScript's to the bit.
  const imports = { Math: { pow: Math.pow, log: Math.log, expm1: Math.expm1 }, host: { alphaBlockEmission } };
  const ex = instantiateWasm<Exports>("coinbase.wasm", imports, bytes);
  const buffer = ex.memory.buffer;
  new Uint32Array(buffer, base, layout.length).set(offsets);
  new Uint8Array(buffer, offsets[0]!, bytes - offsets[0]!).fill(0);
  ex.setLayout(base);
  const at = (name: string) => offsets[layout.findIndex((x) => x[0] === name)]!;
  return {
    exports: ex,
    buffer,
    subnets: S,
    net: new Float64Array(buffer, at("net"), 6),
    rulesOwner: undefined,
  };
}

/** The kernel whose memory holds a state's subnet columns (placeCoinbaseColumns). */
const placed = new WeakMap<SubnetState, CoinbaseKernel>();

/** The kernel placeCoinbaseColumns gave these subnets, if it did and every column is still its view. */
export function kernelOf(sn: SubnetState): CoinbaseKernel | undefined {
  const k = placed.get(sn);
  return k && columnsPlaced(sn, k) ? k : undefined;
}

/**
 * Move the coinbase's subnet columns of a state into a new kernel's memory: each column is copied
 * into its place there and the state's field replaced by that view. Call before anything holds a
 * column (right after createState). Returns the kernel.
 */
export function placeCoinbaseColumns(sn: SubnetState): CoinbaseKernel {
  const S = sn.n;
  const k = instantiateCoinbaseKernel(S);
  const layout = coinbaseLayout(S);
  const { offsets } = layoutOffsets(layout);
  const cols = sn as unknown as Record<string, Float64Array | Uint8Array>;
  layout.forEach(([name, size], i) => {
    if (!STATE_COLUMNS.includes(name)) return;
    const old = cols[name];
    const view = size === 8 ? new Float64Array(k.buffer, offsets[i]!, S) : new Uint8Array(k.buffer, offsets[i]!, S);
    if (!old || old.constructor !== view.constructor || old.length !== S) throw new Error(`subnets.${name} is not a ${view.constructor.name} of ${S}`);
    view.set(old as never);
    cols[name] = view;
  });
  placed.set(sn, k);
  return k;
}

/** True when every column the kernel works on is (still) its view in the kernel's memory. */
export function columnsPlaced(sn: SubnetState, k: CoinbaseKernel): boolean {
  const cols = sn as unknown as Record<string, ArrayBufferView>;
  return k.subnets === sn.n && STATE_COLUMNS.every((name) => cols[name]?.buffer === k.buffer);
}
