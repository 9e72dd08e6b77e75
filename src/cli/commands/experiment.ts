/** `taosim experiment NAME ...`: research experiments reproducing published figures. */
import {
  collusionRetention,
  findBaseline,
  readRetentionBaseline,
  type RetentionBaselineRow,
} from "../../experiments/collusion-retention.js";
import { numberFlag, parse, UsageError } from "../args.js";
import { asciiTable } from "../render.js";
import type { Io } from "../main.js";

const EXPERIMENTS: Record<string, { fn: (argv: string[], io: Io) => Promise<number>; summary: string }> = {
  "collusion-retention": {
    fn: (argv, io) => collusionRetentionCommand(argv, io),
    summary: "T7: honest utility W_H an honest stake share needs against the worst cabal (classic Yuma, one epoch)",
  },
};

export const help = `Usage: taosim experiment NAME [options]

Experiments:
${Object.entries(EXPERIMENTS)
  .map(([k, v]) => `  ${k.padEnd(20)} ${v.summary}`)
  .join("\n")}

Run "taosim experiment NAME --help" for an experiment's options.`;

export const collusionRetentionHelp = `Usage: taosim experiment collusion-retention --honest-stake S_H[,S_H...] [options]

Yuma collusion retention (subtensor docs/consensus.md): 512 uids, 64 validators, an honest side
holding stake S_H and a cabal holding 1 − S_H, side sizes in proportion; stakes N(1, 0.3²) and
weights N(1, σ²), clipped at 0 and normalised per side / per (validator side × miner side) block.
Honest validators put W_H of their weight on honest miners, the cabal puts W_C on its own. One
classic Yuma epoch (bonds from this epoch only); E = ξ·D + (1 − ξ)·I; the honest side retains
when its emission E_H (averaged over the seeds) ≥ S_H. Prints, per S_H, the smallest grid W_H that
retains against every W_C in [0, 1], the worst W_C, the retention contour's interpolated W_H, and
the published value where the baseline CSV has this S_H under the same κ, β, ξ, σ.

Options:
  --honest-stake LIST  honest stake share(s) S_H in (0, 1), comma-separated (required),
                       e.g. 0.6 or 0.51,0.55,0.6,0.65,0.7,0.75,0.8,0.85,0.9,0.95,0.99
  --kappa K            consensus majority κ in [0, 1] (default 0.5)
  --bonds-penalty B    bonds penalty β in [0, 1] (default 1)
  --xi X               validator share ξ of emission in [0, 1] (default 0.5)
  --sigma S            weight noise relative to the mean weight, ≥ 0 (default 0.4)
  --seeds N            Monte Carlo samples averaged per grid point (default 5)
  --grid-step H        W_H and W_C grid step, 1/k for an integer k (default 0.02)
  --seed N             root seed, an integer ≥ 0 (default 0)
  --json               print JSON instead of a table
  -h, --help           show this help

Progress goes to stderr, one line per S_H.`;

export async function experiment(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    io.out(help);
    return name === undefined ? 2 : 0;
  }
  const e = EXPERIMENTS[name];
  if (!e) throw new UsageError(`unknown experiment "${name}" (known: ${Object.keys(EXPERIMENTS).join(", ")})`);
  return e.fn(rest, io);
}

function honestStakeList(v: string | undefined): number[] {
  if (v === undefined) throw new UsageError("--honest-stake is required (e.g. --honest-stake 0.6 or 0.51,0.6,0.7)");
  return v.split(",").map((part) => numberFlag(part.trim(), "--honest-stake", (n) => (n > 0 && n < 1 ? undefined : "must be in (0, 1)"))!);
}

const frac01 = (n: number) => (n >= 0 && n <= 1 ? undefined : "must be in [0, 1]");

async function collusionRetentionCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    argv,
    {
      "honest-stake": { type: "string" },
      kappa: { type: "string" },
      "bonds-penalty": { type: "string" },
      xi: { type: "string" },
      sigma: { type: "string" },
      seeds: { type: "string" },
      "grid-step": { type: "string" },
      seed: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    false,
  );
  if (values.help) return io.out(collusionRetentionHelp), 0;
  const honest = honestStakeList(values["honest-stake"]);
  const kappa = numberFlag(values.kappa, "--kappa", frac01) ?? 0.5;
  const bondsPenalty = numberFlag(values["bonds-penalty"], "--bonds-penalty", frac01) ?? 1;
  const xi = numberFlag(values.xi, "--xi", frac01) ?? 0.5;
  const sigma = numberFlag(values.sigma, "--sigma", (n) => (n >= 0 ? undefined : "must be ≥ 0")) ?? 0.4;
  const seeds = numberFlag(values.seeds, "--seeds", (n) => (Number.isInteger(n) && n >= 1 ? undefined : "must be an integer ≥ 1")) ?? 5;
  const step = numberFlag(values["grid-step"], "--grid-step", (n) => (n > 0 && n <= 0.5 && Math.abs(Math.round(1 / n) * n - 1) < 1e-9 ? undefined : "must be 1/k for an integer k ≥ 2 (e.g. 0.02)")) ?? 0.02;
  const seed = numberFlag(values.seed, "--seed", (n) => (Number.isInteger(n) && n >= 0 ? undefined : "must be an integer ≥ 0")) ?? 0;

  const t0 = Date.now();
  const result = collusionRetention({
    honest_stake_frac: honest,
    kappa,
    bonds_penalty: bondsPenalty,
    xi,
    sigma,
    seeds,
    grid_step: step,
    seed,
    onProgress: ({ done, total, point: p, epochs }) =>
      io.err(`S_H ${p.honest_stake_frac.toFixed(2)} (${done}/${total}): W_H ${fmt(p.required_honest_utility_frac, 2)} against W_C ${p.worst_cabal_utility_frac.toFixed(2)}; ${epochs} epochs, ${((Date.now() - t0) / 1000).toFixed(1)} s`),
  });
  const seconds = (Date.now() - t0) / 1000;
  let baseline: RetentionBaselineRow[] | undefined;
  try {
    baseline = readRetentionBaseline();
  } catch {
    baseline = undefined; // no package root or an unreadable file: no published column
  }
  const rows = result.points.map((p) => {
    const b = findBaseline(baseline, p.honest_stake_frac, result.settings);
    return {
      ...p,
      published_required_honest_utility_frac: b?.required_honest_utility_frac ?? null,
      published_worst_cabal_utility_frac: b?.worst_cabal_utility_frac ?? null,
    };
  });
  if (values.json) return io.out(JSON.stringify({ points: rows, settings: result.settings }, null, 2)), 0;

  const s = result.settings;
  io.out(
    `Yuma collusion retention: ${s.uids} uids, ${s.validators} validators, classic bonds, κ ${s.kappa}, β ${s.bonds_penalty}, ξ ${s.xi}, σ ${s.sigma}; ` +
      `${s.seeds} seed${s.seeds === 1 ? "" : "s"} from root ${s.seed}, grid step ${s.grid_step} (${seconds.toFixed(1)} s)`,
  );
  io.out("");
  io.out(
    asciiTable(
      ["S_H", "required W_H", "contour W_H", "worst W_C", "E_H", "published W_H", "diff", "published W_C"],
      rows.map((r) => {
        const pub = r.published_required_honest_utility_frac;
        const req = r.required_honest_utility_frac;
        return [
          r.honest_stake_frac.toFixed(2),
          fmt(req, 2),
          fmt(r.required_honest_utility_interp_frac, 3),
          r.worst_cabal_utility_frac.toFixed(2),
          r.honest_emission_frac.toFixed(3),
          fmt(pub, 3, "-"),
          pub !== null && req !== null ? signed(req - pub, 3) : "-",
          fmt(r.published_worst_cabal_utility_frac, 2, "-"),
        ];
      }),
    ),
  );
  io.out("");
  io.out("required W_H: smallest grid W_H with E_H ≥ S_H for every W_C (none: not even W_H = 1); contour W_H: the");
  io.out("E_H = S_H contour interpolated between grid points at the worst W_C; diff = required − published.");
  return 0;
}

function fmt(v: number | null, digits: number, missing = "none"): string {
  return v === null ? missing : v.toFixed(digits);
}

function signed(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return v >= 0 && !s.startsWith("-") ? `+${s}` : s;
}
