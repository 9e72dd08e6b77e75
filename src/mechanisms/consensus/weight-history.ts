/**
 * The subnet's public consensus on its miners over the last H epochs (a ring, newest at
 * (epoch − 1) mod H): what a weight copier reads from the chain. H is the longest lag any
 * validator group's strategy asks for (WeightSetter.historyEpochs, at least 1).
 */
export class WeightHistory {
  private readonly ring: Float64Array[];

  constructor(epochs: number, miners: number) {
    this.ring = Array.from({ length: Math.max(1, epochs) }, () => new Float64Array(miners));
  }

  /** The consensus `lag` epochs before epoch `now` (undefined if older than the ring or before the first epoch). */
  get(lag: number, now: number): Float64Array | undefined {
    const H = this.ring.length;
    return lag >= 1 && lag <= H && lag <= now ? this.ring[(now - lag) % H] : undefined;
  }

  /** Store epoch `epoch`'s consensus (copied). */
  push(epoch: number, consensus: Float64Array): void {
    this.ring[epoch % this.ring.length]!.set(consensus);
  }
}
