/** TEMPORARY (replaced by the dtao-math branch): subnet share functions, spec §5.1. */
export interface ShareInputs { n: number; pbar: Float64Array; minerBurned_frac: Float64Array; rootProp_frac: Float64Array; flowEma_tao: Float64Array; protocolFlowEma_tao: Float64Array; enabled: Uint8Array }
export interface ShareParams { flow_cutoff_tao: number; flow_exponent: number; net_flow: boolean }
export interface ShareFunction { usesFlows?: boolean; name: string; doc: string; mirrors: string; shares(x: ShareInputs, p: ShareParams, out: Float64Array): void }
function norm(out: Float64Array, n: number, en: Uint8Array): void {
  let s = 0;
  for (let i = 0; i < n; i++) { if (!en[i]) out[i] = 0; s += out[i]!; }
  for (let i = 0; i < n; i++) out[i] = s > 0 ? out[i]! / s : 0;
}
export const SHARE_FUNCTIONS: readonly ShareFunction[] = [
  { name: "price_ema", doc: "p̄_i/Σp̄", mirrors: "", shares(x, _p, out) { for (let i = 0; i < x.n; i++) out[i] = x.pbar[i]!; norm(out, x.n, x.enabled); } },
  { name: "price_ema_burn", doc: "p̄(1−MB)", mirrors: "", shares(x, _p, out) { for (let i = 0; i < x.n; i++) out[i] = x.pbar[i]! * (1 - Math.min(1, x.minerBurned_frac[i]!)); norm(out, x.n, x.enabled); } },
  { usesFlows: true, name: "flow", doc: "flow", mirrors: "", shares(x, _p, out) { for (let i = 0; i < x.n; i++) out[i] = Math.max(0, x.flowEma_tao[i]!); norm(out, x.n, x.enabled); } },
];
export function findShareFunction(name: string): ShareFunction | undefined { return SHARE_FUNCTIONS.find((f) => f.name === name); }
