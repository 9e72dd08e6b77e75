/**
 * A feed of one named stream's standard normal draws (validators' observation noise), drawn by
 * the kernels' generator (wasm/kernels.as.ts :: normals: xoshiro128** + a 128-layer ziggurat, the
 * generator of rng.ts :: NormalStream) in chunks and handed out in order.
 *
 * The draws are a fixed sequence of the stream's seed: who draws them does not change them. So on
 * a machine with a spare core a long run draws them on a worker thread (noise-worker.mjs) into a
 * shared ring buffer ahead of use, and the simulation only copies them; elsewhere (or for short
 * runs) they are drawn inline. Both give identical results (tested).
 *
 * Ring protocol (single producer, single consumer): ctrl = Int32Array [W, R, PRODUCER_WAITS,
 * CONSUMER_WAITS, STOP, FAILED]; W and R count draws written and consumed (mod 2³², so W − R is the
 * number ready); slot of draw k = k mod size. The producer writes whole chunks (chunk divides size)
 * while size − (W − R) ≥ chunk, then publishes W, and sleeps when the ring is full; the consumer reads
 * ready draws, publishes R, and wakes the producer once half the ring is free.
 */
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { packageRoot } from "../paths.js";
import { zigguratTables, type NormalStream } from "../rng.js";
import { generatorLayout, layoutOffsets } from "./layout.js";
import { instantiateKernels, type YumaKernels } from "./wasm/index.js";

const W = 0;
const R = 1;
const PRODUCER_WAITS = 2;
const CONSUMER_WAITS = 3;
const STOP = 4;
const FAILED = 5;

/** Draws per generator call. */
export const FEED_CHUNK = 8192;
/** Ring size in draws (a multiple of FEED_CHUNK). */
const RING = 64 * FEED_CHUNK;

export interface NormalFeed {
  /** Whether the draws come from a worker thread. */
  readonly threaded: boolean;
  /** Copy the next `count` unconsumed draws into dst[at …] (they stay unconsumed). */
  peek(count: number, dst: Float64Array, at: number): void;
  /** Mark the next `count` draws consumed. */
  consume(count: number): void;
  /** Stop the worker (if any). The feed must not be used afterwards. */
  close(): void;
}

/** The pieces a generator needs: layout table, tables and the stream's start state. */
export interface GeneratorSpec {
  base: number;
  offsets: number[];
  bytes: number;
  vals: number;
  zig: number;
  rng: number;
  zigTables: Float64Array;
  state: Uint32Array;
  chunk: number;
}

function generatorSpec(stream: NormalStream): GeneratorSpec {
  const sizes = generatorLayout(FEED_CHUNK);
  const { base, offsets, bytes } = layoutOffsets(sizes);
  const at = (name: string) => offsets[sizes.findIndex((x) => x[0] === name)]!;
  const state = new Uint32Array(4);
  stream.exportState(state);
  return { base, offsets, bytes, vals: at("vals"), zig: at("zig"), rng: at("rng"), zigTables: zigguratTables(), state, chunk: FEED_CHUNK };
}

/** A generator of the spec's stream: the next chunk of draws into `ring` at slot `at` on each call. */
function chunkGenerator(spec: GeneratorSpec): (ring: Float64Array, at: number) => void {
  const k: YumaKernels = instantiateKernels(spec.bytes);
  const buf = k.memory.buffer;
  new Uint32Array(buf, spec.base, spec.offsets.length).set(spec.offsets);
  k.setLayout(spec.base);
  new Float64Array(buf, spec.zig, spec.zigTables.length).set(spec.zigTables);
  new Uint32Array(buf, spec.rng, 4).set(spec.state);
  const out = new Float64Array(buf, spec.vals, spec.chunk);
  return (ring, at) => {
    k.normals(spec.chunk);
    ring.set(out, at);
  };
}

export interface ProducerData {
  spec: GeneratorSpec;
  ring: Float64Array;
  ctrl: Int32Array;
}

/**
 * The worker's side (noise-worker.mjs): fill the ring chunk by chunk while there is room, sleep
 * while it is full, until STOP. Flags FAILED if anything throws.
 */
export function produce({ spec, ring, ctrl }: ProducerData): void {
  try {
    const generate = chunkGenerator(spec);
    const size = ring.length;
    while (Atomics.load(ctrl, STOP) === 0) {
      const w = ctrl[W]!;
      if (size - ((w - Atomics.load(ctrl, R)) | 0) < spec.chunk) {
        // Full: sleep until the consumer frees half the ring (it notifies when it sees PRODUCER_WAITS).
        Atomics.store(ctrl, PRODUCER_WAITS, 1);
        const r = Atomics.load(ctrl, R);
        if (size - ((w - r) | 0) < spec.chunk) Atomics.wait(ctrl, R, r, 100);
        continue;
      }
      generate(ring, w & (size - 1));
      Atomics.store(ctrl, W, (w + spec.chunk) | 0);
      if (Atomics.load(ctrl, CONSUMER_WAITS) === 1) Atomics.notify(ctrl, W);
    }
  } catch (e) {
    Atomics.store(ctrl, FAILED, 1);
    Atomics.notify(ctrl, W);
    throw e;
  }
}

class RingFeed implements NormalFeed {
  private readonly ring: Float64Array;
  private readonly ctrl: Int32Array;
  private readonly mask = RING - 1;

  constructor(
    ring: Float64Array,
    ctrl: Int32Array,
    private readonly generate: ((ring: Float64Array, at: number) => void) | undefined,
    private readonly worker: Worker | undefined,
  ) {
    this.ring = ring;
    this.ctrl = ctrl;
  }

  get threaded(): boolean {
    return this.worker !== undefined;
  }

  private ready(): number {
    return (Atomics.load(this.ctrl, W) - this.ctrl[R]!) | 0;
  }

  private ensure(count: number): void {
    if (count > RING - FEED_CHUNK) throw new RangeError(`noise feed: ${count} draws at once exceeds the ring`);
    const ctrl = this.ctrl;
    let since = 0;
    while (this.ready() < count) {
      if (this.generate) {
        // Inline: draw the next chunk in this thread.
        const w = ctrl[W]!;
        this.generate(this.ring, w & this.mask);
        ctrl[W] = (w + FEED_CHUNK) | 0;
        continue;
      }
      // Threaded: wait for the worker's next chunk (a timeout only re-checks).
      if (Atomics.load(ctrl, FAILED) === 1) throw new Error("the noise worker thread failed (rerun with TAOSIM_THREADS=1 to draw inline)");
      const w = Atomics.load(ctrl, W);
      since = since || performance.now();
      if (performance.now() - since > 60_000) throw new Error("the noise worker thread made no progress for 60 s (rerun with TAOSIM_THREADS=1 to draw inline)");
      Atomics.store(ctrl, CONSUMER_WAITS, 1);
      if (((w - ctrl[R]!) | 0) < count) Atomics.wait(ctrl, W, w, 50);
      Atomics.store(ctrl, CONSUMER_WAITS, 0);
    }
  }

  peek(count: number, dst: Float64Array, at: number): void {
    this.ensure(count);
    const p = this.ctrl[R]! & this.mask;
    const first = Math.min(count, RING - p);
    dst.set(this.ring.subarray(p, p + first), at);
    if (first < count) dst.set(this.ring.subarray(0, count - first), at + first);
  }

  consume(count: number): void {
    if (count <= 0) return;
    this.ensure(count);
    const ctrl = this.ctrl;
    const r = (ctrl[R]! + count) | 0;
    Atomics.store(ctrl, R, r);
    // Wake a waiting producer only once half the ring is free: one wake-up per 32 chunks.
    if (this.worker && Atomics.load(ctrl, PRODUCER_WAITS) === 1 && RING - ((Atomics.load(ctrl, W) - r) | 0) >= RING / 2) {
      Atomics.store(ctrl, PRODUCER_WAITS, 0);
      Atomics.notify(ctrl, R);
    }
  }

  close(): void {
    if (!this.worker) return;
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.notify(this.ctrl, R);
    void this.worker.terminate();
  }
}

/**
 * A feed of `stream`'s normal draws (from its current state; the stream object itself is not
 * advanced). threaded: draw on a worker thread; if the worker cannot start, draw inline.
 */
export function createNormalFeed(stream: NormalStream, threaded: boolean): NormalFeed {
  const spec = generatorSpec(stream);
  if (threaded) {
    try {
      const ring = new Float64Array(new SharedArrayBuffer(RING * 8));
      const ctrl = new Int32Array(new SharedArrayBuffer(8 * 4));
      const data: ProducerData = { spec, ring, ctrl };
      const worker = new Worker(join(packageRoot(), "src", "kernels", "noise-worker.mjs"), { workerData: data, execArgv: [] });
      worker.unref();
      return new RingFeed(ring, ctrl, undefined, worker);
    } catch {
      // fall through to inline
    }
  }
  return new RingFeed(new Float64Array(RING), new Int32Array(8), chunkGenerator(spec), undefined);
}
