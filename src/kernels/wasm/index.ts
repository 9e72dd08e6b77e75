/**
 * Loads the WebAssembly kernels (kernels.wasm, built from kernels.as.ts by `npm run build:wasm`;
 * test/kernels/wasm.test.ts checks the committed binary matches its source): the Yuma epoch's hot
 * loops and the normal generator of the noise feed. One instance per subnet (and per feed), so
 * every subnet's state lives in its own linear memory (layout: ../layout.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../../paths.js";

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface YumaKernels {
  memory: WasmMemory;
  setLayout(tab: number): void;
  flush(k: number, n: number, rcap: number): void;
  setRow(row: number, first: number, count: number, n: number): number;
  normals(count: number): void;
  observe(at: number, m: number, sigma: number): void;
  epoch(R: number, rcap: number, n: number, nAct: number, nSlow: number, m: number, model: number, beta: number, a: number, liquidAlpha: number, lo: number, hi: number, slope: number): void;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

const compiled = new Map<string, object>();

export function wasmPath(file = "kernels.wasm"): string {
  return join(packageRoot(), "src", "kernels", "wasm", file);
}

/**
 * The exports of a fresh instance of this folder's `file` (compiled once per process) with
 * `imports`, its linear memory grown to at least `bytes`.
 */
export function instantiateWasm<T extends { memory: WasmMemory }>(file: string, imports: object, bytes: number): T {
  const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  let module = compiled.get(file);
  if (!module) compiled.set(file, (module = new api.Module(readFileSync(wasmPath(file)))));
  const k = new api.Instance(module, imports).exports as unknown as T;
  const need = Math.ceil(bytes / 65536) - k.memory.buffer.byteLength / 65536;
  if (need > 0) k.memory.grow(need);
  return k;
}

/** A fresh instance of the kernels with at least `bytes` of linear memory. */
export function instantiateKernels(bytes: number): YumaKernels {
  // Math.exp itself (not a wrapper): V8 then calls it directly from wasm (--wasm-math-intrinsics),
  // and liquid alpha's sigmoid is JavaScript's to the bit.
  return instantiateWasm<YumaKernels>("kernels.wasm", { Math: { exp: Math.exp } }, bytes);
}
