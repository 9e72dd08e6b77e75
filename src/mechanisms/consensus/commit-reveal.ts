/**
 * Commit-reveal (spec §13): with a delay of d > 0 epochs a validator's weights, set (committed) at
 * epoch e, take effect at epoch e + d, with last_update = the commit block. The queue holds the
 * committed sets in commit order; `revealDue` applies, in that order, every set due by `epoch`.
 */
export interface CommittedWeights {
  due: number;
  validator: number;
  block: number;
  values: Float64Array;
}

export class CommitRevealQueue {
  private readonly pending: CommittedWeights[] = [];

  constructor(readonly delayEpochs: number) {}

  /** Commit validator i's weights (copied) at `epoch` and `block`. */
  commit(epoch: number, validator: number, block: number, values: Float64Array): void {
    this.pending.push({ due: epoch + this.delayEpochs, validator, block, values: values.slice() });
  }

  /** Apply every set due by `epoch` (in commit order) and drop it from the queue. */
  revealDue(epoch: number, apply: (validator: number, values: Float64Array, block: number) => void): void {
    if (this.pending.length === 0) return;
    let keep = 0;
    for (const p of this.pending) {
      if (p.due <= epoch) apply(p.validator, p.values, p.block);
      else this.pending[keep++] = p;
    }
    this.pending.length = keep;
  }
}
