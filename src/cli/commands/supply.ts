/** `taosim supply`: the halving calculator (TAO, or one subnet's alpha with --subnet-alpha). */
import { halvingSchedule } from "../../supply/halvings.js";
import { alphaHalvingSchedule, MAINNET_TAO_WEIGHT } from "../../supply/alpha.js";
import { parseIsoDate } from "../../units.js";
import { numberFlag, parse, UsageError } from "../args.js";
import { asciiTable, num } from "../render.js";
import type { Io } from "../main.js";

export const help = `Usage: taosim supply --issuance-tao X --date YYYY-MM-DD [options]
       taosim supply --subnet-alpha A --date YYYY-MM-DD [options]

Block emission now and the date and block of each coming halving (issuance-driven: 10.5M,
15.75M, 18.375M, … TAO; 12 s blocks; recycling delays each halving).

With --subnet-alpha, the same for one subnet's alpha token (dTAO): its emission α_em halves on
the subnet's alpha issuance A = SubnetAlphaIn + SubnetAlphaOut at 10.5M, 15.75M, … alpha. Each
block mints α_out = α_em and injects α_in = min(f, rp)·α_em into the pool, so A grows by 1 to 2
α_em per block, less what is recycled. Prints the halvings and A after 1, 2, 4, 10 years.

Options:
  --issuance-tao X     TotalIssuance at --date, in TAO
  --subnet-alpha A     instead: the subnet's alpha issuance at --date, in alpha
  --date YYYY-MM-DD    the date of that issuance (required; --start is the same flag)
  --recycle-frac f     share of gross emission recycled out of issuance (default 0); with
                       --subnet-alpha the share of α_out, in [0, 1]
  --until YYYY-MM-DD   list halvings up to this date (default: 40 years on; TAO only)
  --block N            block height at --date (default 0: blocks counted from --date)
  --json               print JSON instead of a table
  -h, --help           show this help

Subnet alpha (with --subnet-alpha):
  --alpha-in-frac f    α_in/α_em, the injection the subnet's TAO buys (τ/p), in [0, 1]
                       (default 1: the 2-alpha-per-block upper bound)
  --root-stake-tao R   TAO staked on root: caps α_in at rp·α_em, rp = w·R/(w·R + A) (era F)
  --tao-weight w       TaoWeight w of that cap, in [0, 1] (default ${MAINNET_TAO_WEIGHT}, mainnet)
  --years N            length of the issuance path, in years of 365 days (default 10); the
                       halvings within it are listed, and at least the next 4`;

const ALPHA_ONLY = ["alpha-in-frac", "root-stake-tao", "tao-weight", "years"] as const;
const frac01 = (n: number) => (n >= 0 && n <= 1 ? undefined : "must be in [0, 1]");

export async function supply(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    argv,
    {
      "issuance-tao": { type: "string" },
      "subnet-alpha": { type: "string" },
      date: { type: "string" },
      start: { type: "string" },
      "recycle-frac": { type: "string" },
      until: { type: "string" },
      block: { type: "string" },
      "alpha-in-frac": { type: "string" },
      "root-stake-tao": { type: "string" },
      "tao-weight": { type: "string" },
      years: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    false,
  );
  if (values.help) return io.out(help), 0;
  if (values["issuance-tao"] !== undefined && values["subnet-alpha"] !== undefined) throw new UsageError("give --issuance-tao or --subnet-alpha, not both");
  if (values.date !== undefined && values.start !== undefined) throw new UsageError("--start is another name for --date: give one of them");
  const date = values.date ?? values.start;
  const dateFlag = values.date !== undefined ? "--date" : "--start";
  if (values["subnet-alpha"] !== undefined) return subnetAlpha(values, date, dateFlag, io);
  for (const k of ALPHA_ONLY) if (values[k] !== undefined) throw new UsageError(`--${k} needs --subnet-alpha`);
  const issuance = numberFlag(values["issuance-tao"], "--issuance-tao", (n) => (n >= 0 && n <= 21e6 ? undefined : "must be between 0 and 21,000,000"));
  if (issuance === undefined) throw new UsageError("--issuance-tao (or --subnet-alpha) is required");
  if (date === undefined) throw new UsageError("--date is required");
  if (Number.isNaN(parseIsoDate(date))) throw new UsageError(`${dateFlag} must be a date YYYY-MM-DD, got "${date}"`);
  if (values.until !== undefined && Number.isNaN(parseIsoDate(values.until))) throw new UsageError(`--until must be a date YYYY-MM-DD, got "${values.until}"`);
  const f = numberFlag(values["recycle-frac"], "--recycle-frac", (n) => (n >= 0 && n < 1 ? undefined : "must be in [0, 1)")) ?? 0;
  const block = numberFlag(values.block, "--block", (n) => (Number.isInteger(n) && n >= 0 ? undefined : "must be an integer ≥ 0")) ?? 0;
  const s = halvingSchedule({ issuance_tao: issuance, date, recycle_frac: f, start_block: block, ...(values.until ? { until: values.until } : {}) });
  if (values.json) return io.out(JSON.stringify(s, null, 2)), 0;
  io.out(`On ${s.start_date} at ${num(s.issuance_tao)} TAO issued: ${s.block_emission_tao} TAO/block, net ${num(s.net_emission_tao_per_day, 1)} TAO/day (recycle_frac ${f})`);
  if (s.halvings.length === 0) {
    io.out("No halving before the end of the window.");
    return 0;
  }
  io.out("");
  io.out(
    asciiTable(
      ["halving", "issuance_tao", "block_emission_tao", "block", "date", "days_from_start"],
      s.halvings.map((h) => [String(h.halving), num(h.issuance_tao, 0), String(h.block_emission_tao), String(h.block), h.date, num(h.days_from_start, 1)]),
    ),
  );
  return 0;
}

/** The years shown in the table (the JSON has every year). */
const SHOWN_YEARS = [1, 2, 4, 10];

function subnetAlpha(values: Record<string, string | boolean | undefined>, date: string | undefined, dateFlag: string, io: Io): number {
  const issuance = numberFlag(values["subnet-alpha"], "--subnet-alpha", (n) => (n >= 0 && n <= 21e6 ? undefined : "must be between 0 and 21,000,000"))!;
  if (values.until !== undefined) throw new UsageError("--until applies to --issuance-tao; with --subnet-alpha use --years");
  if (date === undefined) throw new UsageError("--date is required");
  if (Number.isNaN(parseIsoDate(date))) throw new UsageError(`${dateFlag} must be a date YYYY-MM-DD, got "${date}"`);
  const alphaIn = numberFlag(values["alpha-in-frac"], "--alpha-in-frac", frac01) ?? 1;
  const recycle = numberFlag(values["recycle-frac"], "--recycle-frac", frac01) ?? 0;
  const rootStake = numberFlag(values["root-stake-tao"], "--root-stake-tao", (n) => (n >= 0 ? undefined : "must be ≥ 0"));
  const w = numberFlag(values["tao-weight"], "--tao-weight", frac01);
  if (w !== undefined && rootStake === undefined) throw new UsageError("--tao-weight needs --root-stake-tao");
  const years = numberFlag(values.years, "--years", (n) => (Number.isInteger(n) && n >= 1 && n <= 100 ? undefined : "must be an integer from 1 to 100")) ?? 10;
  const block = numberFlag(values.block, "--block", (n) => (Number.isInteger(n) && n >= 0 ? undefined : "must be an integer ≥ 0")) ?? 0;
  const s = alphaHalvingSchedule({
    issuance_alpha: issuance,
    date,
    start_block: block,
    years,
    alpha_in_frac: alphaIn,
    recycle_frac: recycle,
    ...(rootStake !== undefined ? { root_stake_tao: rootStake, tao_weight: w ?? MAINNET_TAO_WEIGHT } : {}),
  });
  if (values.json) return io.out(JSON.stringify(s, null, 2)), 0;
  const cap = s.root_prop === null ? "" : `, root_prop ${+s.root_prop.toFixed(4)}: ${num(s.root_stake_tao!)} TAO on root, tao_weight ${s.tao_weight}`;
  io.out(
    `On ${s.start_date} at ${num(s.issuance_alpha)} alpha issued: ${s.alpha_emission_alpha} alpha/block out + ${+s.alpha_in_alpha_per_block.toFixed(4)} in ` +
      `(alpha_in_frac ${s.alpha_in_frac}${cap}), net ${num(s.net_issuance_alpha_per_day, 1)} alpha/day (recycle_frac ${s.recycle_frac})`,
  );
  io.out("");
  if (s.halvings.length === 0) io.out("No halving within the window.");
  else
    io.out(
      asciiTable(
        ["halving", "issuance_alpha", "alpha_emission_alpha", "block", "date", "days_from_start"],
        s.halvings.map((h) => [String(h.halving), num(h.issuance_alpha, 0), String(h.alpha_emission_alpha), String(h.block), h.date, num(h.days_from_start, 1)]),
      ),
    );
  const rows = s.years.filter((y) => SHOWN_YEARS.includes(y.year) || y.year === years);
  io.out("");
  io.out(
    asciiTable(
      ["year", "date", "issuance_alpha", "alpha_emission_alpha", "alpha_in_alpha", "recycled_alpha"],
      rows.map((y) => [String(y.year), y.date, num(y.issuance_alpha, 0), String(y.alpha_emission_alpha), num(y.alpha_in_alpha, 0), num(y.recycled_alpha, 0)]),
    ),
  );
  return 0;
}
