/**
 * Seeded random streams: every generator of the project. One root seed per run; every consumer
 * draws from its own named stream `alea("<seed>/<name>")`, so adding a new agent class or process
 * leaves the draws of the others unchanged. Nothing draws from the unseeded global generator.
 *
 *   stream(seed, name)    uniform on [0, 1): seedrandom's alea (here)
 *   normal01(rng)         standard normal by Box–Muller from a stream's uniforms (here); the
 *                         population samplers (scenario/distributions.ts) build on it
 *   NormalStream          fast normals: xoshiro128** seeded from a stream, 128-layer ziggurat
 *                         (here); .uniform() is uniform on (0, 1) from the same words
 *   the normal feed       NormalStream's generator in WebAssembly (kernels/wasm/kernels.as.ts ::
 *                         normals, tables from zigguratTables below), drawn in chunks inline or
 *                         on a worker thread (kernels/noise-feed.ts, kernels/noise-worker.mjs)
 */
import seedrandom from "seedrandom";

export type Rng = () => number;

/** A named stream for a run seed, e.g. stream(42, "agents/validators/honest"). */
export function stream(seed: number, name: string): Rng {
  const prng = seedrandom.alea(`${seed}/${name}`);
  return () => prng();
}

/** Standard normal via Box–Muller (one draw per call; deterministic given the stream). */
export function normal01(rng: Rng): number {
  let u = rng();
  while (u <= 0) u = rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A fast stream of standard normal draws for hot loops (validator noise on every weight, every
 * epoch): xoshiro128** (32-bit) seeded from the named seedrandom stream, and the ziggurat method
 * of Marsaglia & Tsang (2000) with 128 layers. Each draw takes one 32-bit word: its low 7 bits pick
 * the layer and the other 25 bits give the signed abscissa (separate bits, so the layer and the
 * value are independent); the rare rejections and the tail use further words. Deterministic from
 * (seed, name) like every stream.
 */
export class NormalStream {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number, name: string) {
    const r = stream(seed, `${name}/normal`);
    this.s0 = (r() * 2 ** 32) >>> 0;
    this.s1 = (r() * 2 ** 32) >>> 0;
    this.s2 = (r() * 2 ** 32) >>> 0;
    this.s3 = ((r() * 2 ** 32) >>> 0) | 1; // never the all-zero state
  }

  /** Next 32-bit word (as a signed int32). */
  private next(): number {
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const out = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return out | 0;
  }

  /** Copy the generator state out (4 words), e.g. to continue the stream in the Yuma kernels. */
  exportState(into: Uint32Array): void {
    into[0] = this.s0 >>> 0;
    into[1] = this.s1 >>> 0;
    into[2] = this.s2 >>> 0;
    into[3] = this.s3 >>> 0;
  }

  /** Take the generator state back (after the kernels drew from it). */
  importState(from: Uint32Array): void {
    this.s0 = from[0]! | 0;
    this.s1 = from[1]! | 0;
    this.s2 = from[2]! | 0;
    this.s3 = from[3]! | 0;
  }

  /** Uniform on (0, 1). */
  uniform(): number {
    return ((this.next() >>> 0) + 0.5) / 2 ** 32;
  }

  /** A standard normal draw. */
  normal(): number {
    for (;;) {
      const u = this.next();
      const iz = u & 127;
      const hz = u >> 7; // signed, |hz| < 2^24
      if (Math.abs(hz) < ZIG_K[iz]!) return hz * ZIG_W[iz]!;
      const x = hz * ZIG_W[iz]!;
      if (iz === 0) {
        // The tail beyond r, by Marsaglia's method.
        let a: number;
        let b: number;
        do {
          a = -Math.log(this.uniform()) / ZIG_R;
          b = -Math.log(this.uniform());
        } while (b + b < a * a);
        return hz > 0 ? ZIG_R + a : -ZIG_R - a;
      }
      if (ZIG_F[iz]! + this.uniform() * (ZIG_F[iz - 1]! - ZIG_F[iz]!) < Math.exp(-0.5 * x * x)) return x;
    }
  }
}

const ZIG_R = 3.442619855899;
/** The ziggurat tables K, W, F (128 each) in one array, for the kernels' copy of the generator. */
export function zigguratTables(): Float64Array {
  const t = new Float64Array(384);
  t.set(ZIG_K, 0);
  t.set(ZIG_W, 128);
  t.set(ZIG_F, 256);
  return t;
}
const ZIG_K = new Float64Array(128);
const ZIG_W = new Float64Array(128);
const ZIG_F = new Float64Array(128);
(() => {
  const m = 2 ** 24;
  const v = 9.91256303526217e-3;
  let d = ZIG_R;
  let t = d;
  const q = v / Math.exp(-0.5 * d * d);
  ZIG_K[0] = (d / q) * m;
  ZIG_K[1] = 0;
  ZIG_W[0] = q / m;
  ZIG_W[127] = d / m;
  ZIG_F[0] = 1;
  ZIG_F[127] = Math.exp(-0.5 * d * d);
  for (let i = 126; i >= 1; i--) {
    d = Math.sqrt(-2 * Math.log(v / d + Math.exp(-0.5 * d * d)));
    ZIG_K[i + 1] = (d / t) * m;
    t = d;
    ZIG_F[i] = Math.exp(-0.5 * d * d);
    ZIG_W[i] = d / m;
  }
})();
