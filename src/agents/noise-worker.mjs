// Worker thread of noise-feed.ts: draws one stream's normals with the kernels' generator into a
// shared ring buffer ahead of the simulation (plain JavaScript, so it needs no TypeScript loader).
// Protocol: see noise-feed.ts.
import { workerData } from "node:worker_threads";

const { spec, ring, ctrl, wasmBytes, constants } = workerData;
const { W, R, PRODUCER_WAITS, CONSUMER_WAITS, STOP, FAILED } = constants;
try {
  const k = new WebAssembly.Instance(new WebAssembly.Module(wasmBytes), {}).exports;
  const need = Math.ceil(spec.bytes / 65536) - k.memory.buffer.byteLength / 65536;
  if (need > 0) k.memory.grow(need);
  const buf = k.memory.buffer;
  new Uint32Array(buf, spec.base, spec.offsets.length).set(spec.offsets);
  k.setLayout(spec.base);
  new Float64Array(buf, spec.zig, spec.zigTables.length).set(spec.zigTables);
  new Uint32Array(buf, spec.rng, 4).set(spec.state);
  const out = new Float64Array(buf, spec.vals, spec.chunk);
  const size = ring.length;
  while (Atomics.load(ctrl, STOP) === 0) {
    const w = ctrl[W];
    const r = Atomics.load(ctrl, R);
    if (size - ((w - r) | 0) < spec.chunk) {
      // Full: sleep until the consumer frees a chunk (it notifies when it sees PRODUCER_WAITS).
      Atomics.store(ctrl, PRODUCER_WAITS, 1);
      const r2 = Atomics.load(ctrl, R);
      if (size - ((w - r2) | 0) < spec.chunk) Atomics.wait(ctrl, R, r2, 100);
      continue;
    }
    k.normals(spec.chunk);
    ring.set(out, w & (size - 1));
    Atomics.store(ctrl, W, (w + spec.chunk) | 0);
    if (Atomics.load(ctrl, CONSUMER_WAITS) === 1) Atomics.notify(ctrl, W);
  }
} catch (e) {
  Atomics.store(ctrl, FAILED, 1);
  Atomics.notify(ctrl, W);
  throw e;
}
