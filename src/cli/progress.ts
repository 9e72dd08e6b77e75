/**
 * A progress bar on stderr: shown only on a TTY, only once the work has taken more than a second,
 * and never with --quiet. Returns an onProgress callback and a finish function.
 */
export function progressBar(label: string, enabled: boolean): { update: (fraction: number) => void; done: () => void } {
  const stream = process.stderr;
  if (!enabled || !stream.isTTY) return { update: () => {}, done: () => {} };
  const t0 = Date.now();
  let shown = false;
  const width = 30;
  return {
    update(f) {
      const elapsed = (Date.now() - t0) / 1000;
      if (elapsed < 1 && !shown) return;
      shown = true;
      const filled = Math.round(Math.min(1, f) * width);
      const eta = f > 0 ? Math.max(0, (elapsed * (1 - f)) / f) : NaN;
      stream.write(`\r${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${(f * 100).toFixed(0).padStart(3)}%  ${elapsed.toFixed(1)}s elapsed${Number.isFinite(eta) ? `, ~${eta.toFixed(0)}s left` : ""}   `);
    },
    done() {
      if (shown) stream.write("\n");
    },
  };
}
