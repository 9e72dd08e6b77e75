/** `taosim supply`: the halving calculator. */
import { halvingSchedule } from "../../supply/halvings.js";
import { parseIsoDate } from "../../units.js";
import { numberFlag, parse, UsageError } from "../args.js";
import { asciiTable, num } from "../render.js";
import type { Io } from "../main.js";

export const help = `Usage: taosim supply --issuance-tao X --date YYYY-MM-DD [options]

Block emission now and the date and block of each coming halving (issuance-driven: 10.5M,
15.75M, 18.375M, … TAO; 12 s blocks; recycling delays each halving).

Options:
  --issuance-tao X     TotalIssuance at --date, in TAO (required)
  --date YYYY-MM-DD    the date of that issuance (required)
  --recycle-frac f     share of gross emission recycled out of issuance (default 0)
  --until YYYY-MM-DD   list halvings up to this date (default: 40 years on)
  --block N            block height at --date (default 0: blocks counted from --date)
  --json               print JSON instead of a table
  -h, --help           show this help`;

export async function supply(argv: string[], io: Io): Promise<number> {
  const { values } = parse(
    argv,
    {
      "issuance-tao": { type: "string" },
      date: { type: "string" },
      "recycle-frac": { type: "string" },
      until: { type: "string" },
      block: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    false,
  );
  if (values.help) return io.out(help), 0;
  const issuance = numberFlag(values["issuance-tao"], "--issuance-tao", (n) => (n >= 0 && n <= 21e6 ? undefined : "must be between 0 and 21,000,000"));
  if (issuance === undefined) throw new UsageError("--issuance-tao is required");
  if (values.date === undefined) throw new UsageError("--date is required");
  if (Number.isNaN(parseIsoDate(values.date))) throw new UsageError(`--date must be a date YYYY-MM-DD, got "${values.date}"`);
  if (values.until !== undefined && Number.isNaN(parseIsoDate(values.until))) throw new UsageError(`--until must be a date YYYY-MM-DD, got "${values.until}"`);
  const f = numberFlag(values["recycle-frac"], "--recycle-frac", (n) => (n >= 0 && n < 1 ? undefined : "must be in [0, 1)")) ?? 0;
  const block = numberFlag(values.block, "--block", (n) => (Number.isInteger(n) && n >= 0 ? undefined : "must be an integer ≥ 0")) ?? 0;
  const s = halvingSchedule({ issuance_tao: issuance, date: values.date, recycle_frac: f, start_block: block, ...(values.until ? { until: values.until } : {}) });
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
