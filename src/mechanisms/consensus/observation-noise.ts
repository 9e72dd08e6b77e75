/**
 * Validators' observation noise under the Yuma model: each validator group draws the standard
 * normals of its stream behaviour/validators/<group> (a NormalFeed: drawn inline, or ahead on a
 * worker thread for long runs; the same draws either way).
 *
 * Per subnet-epoch the draws are staged in the subnet's kernel memory: group g's expected draws
 * (one observation of m miners per permit holder) are copied in at its own offset on the first
 * observation; a group that draws more restages after consuming what it used. At the end of the
 * subnet-epoch each group consumes exactly the draws its validators used, so a validator that does
 * not observe (a copier, a stale epoch) leaves the stream where it was.
 */
import type { NormalFeed } from "../../kernels/noise-feed.js";

export class ObservationNoise {
  /** Permit holders per group this subnet-epoch; draws staged (0: none yet), where, and how many used. */
  private readonly holders: Int32Array;
  private readonly stagedCount: Int32Array;
  private readonly stagedAt: Int32Array;
  private readonly used: Int32Array;

  /** feeds[g]: group g's draws; slot[i]: validator i's group. */
  constructor(
    readonly feeds: readonly NormalFeed[],
    readonly slot: Int32Array,
  ) {
    const G = feeds.length;
    this.holders = new Int32Array(G);
    this.stagedCount = new Int32Array(G);
    this.stagedAt = new Int32Array(G);
    this.used = new Int32Array(G);
  }

  /** Start a subnet-epoch of m miners: lay out each group's stage by its permit holders. */
  begin(permit: Uint8Array, validators: number, m: number): void {
    this.holders.fill(0);
    for (let i = 0; i < validators; i++) if (permit[i]) this.holders[this.slot[i]!]!++;
    let at = 0;
    for (let g = 0; g < this.feeds.length; g++) {
      this.stagedAt[g] = at;
      this.stagedCount[g] = 0;
      this.used[g] = 0;
      at += Math.max(this.holders[g]!, 1) * m;
    }
  }

  /** Where in `stage` the next m draws of group g are (staging them first if needed). */
  drawsFor(g: number, m: number, stage: Float64Array): number {
    const cap = Math.max(this.holders[g]!, 1) * m;
    if (this.stagedCount[g] === 0 || this.used[g]! + m > this.stagedCount[g]!) {
      const feed = this.feeds[g]!;
      feed.consume(this.used[g]!);
      this.used[g] = 0;
      feed.peek(cap, stage, this.stagedAt[g]!);
      this.stagedCount[g] = cap;
    }
    const at = this.stagedAt[g]! + this.used[g]!;
    this.used[g] = this.used[g]! + m;
    return at;
  }

  /** End the subnet-epoch: every group consumes the draws it used. */
  end(): void {
    for (let g = 0; g < this.feeds.length; g++) this.feeds[g]!.consume(this.used[g]!);
  }

  close(): void {
    for (const f of this.feeds) f.close();
  }
}
