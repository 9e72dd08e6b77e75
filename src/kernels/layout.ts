/**
 * The linear-memory layout of a kernels instance (wasm/kernels.as.ts): which buffers it holds,
 * in the order of the pointers the kernels declare (their setLayout reads the table in that
 * order), and the byte offset of each. YumaSubnet lays out a whole subnet (kernelLayout); the
 * noise feed lays out an instance that only draws normals (generatorLayout).
 */

/**
 * The buffers in each subnet's linear memory: [name, bytes per element, elements], in the order
 * of the pointers declared in wasm/kernels.as.ts (its setLayout reads them in that order).
 */
export function kernelLayout(n: number, rcap: number): [string, number, number][] {
  return [
    ["Ws", 2, n * rcap], ["Wps", 1, n * rcap], ["Bs", 2, n * rcap], ["base", 4, n], ["inv", 8, n], ["rowOkF", 8, n],
    ["lu", 8, n], ["reg", 8, n], ["cons", 8, n], ["rank", 8, n], ["active", 8, n], ["vt", 8, n],
    ["rowOf", 4, n], ["slowRows", 4, n], ["mask", 1, n], ["target", 1, n],
    ["div", 8, n], ["bucket", 4, n], ["hist", 8, 32], ["head", 4, 32], ["next", 4, n], ["qv", 8, n], ["qw", 8, n], ["colWt", 8, n],
    ["colB", 8, n], ["colV", 8, n], ["colW", 8, n], ["deferred", 4, n], ["colPF", 8, n], ["exp2", 8, 64 + 2 * 18], ["sell", 4, n + 3],
    ["Wst", 2, n * n], ["Wpres", 1, n * n], ["flush", 4, 2 * n], ["vals", 8, n], ["actRows", 4, n],
    ["zig", 8, 384], ["rng", 4, 4], ["qual", 8, n], ["rowBond", 1, rcap], ["stage", 8, n * rcap],
  ];
}

/** Where the layout table sits in linear memory (the buffers follow it). */
const LAYOUT_BASE = 65536;

/**
 * Byte offsets of the buffers of `sizes` (kernelLayout order) and the memory they need: the
 * table of u32 pointers at LAYOUT_BASE, then each buffer 8-byte aligned.
 */
export function layoutOffsets(sizes: [string, number, number][]): { base: number; offsets: number[]; bytes: number } {
  const offsets: number[] = [];
  let off = LAYOUT_BASE + Math.ceil((4 * sizes.length) / 8) * 8;
  for (const [, size, count] of sizes) {
    offsets.push(off);
    off += Math.ceil((size * count) / 8) * 8;
  }
  return { base: LAYOUT_BASE, offsets, bytes: off };
}

/** The layout of a kernels instance that only draws normals (`normals`): `chunk` draws per call. */
export function generatorLayout(chunk: number): [string, number, number][] {
  return kernelLayout(1, 1).map(([name, size, count]): [string, number, number] => (name === "vals" ? [name, size, chunk] : [name, size, count]));
}
