/** `taosim yuma CASE.json`: replay a yuma-case/1 file; write outputs; optionally check them. */
import { mkdirSync, writeFileSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { readCase, type YumaCase } from "../../yuma/case.js";
import { replayCase, checkCase, type EpochResult } from "../../yuma/replay.js";
import { BOND_MODEL_NAMES } from "../../yuma/bond-models.js";
import { formatIssue } from "../../scenario/issues.js";
import { parse, UsageError } from "../args.js";
import { asciiTable } from "../render.js";
import type { Io } from "../main.js";

const MODELS = [...BOND_MODEL_NAMES, "yuma3-la"];
const DEFAULT_LA = { alpha_low: 45875 / 65535, alpha_high: 58982 / 65535, steepness: 1000 };

export const help = `Usage: taosim yuma CASE.json [options]

Replay a subnet's Yuma Consensus epochs from a yuma-case/1 file (weights, stakes, registrations
per epoch) with the chain's epoch, and print the outputs as JSON:
  {"epochs": [{"incentive", "dividends", "consensus", "validator_trust", "emission",
               "validator_permit", "bonds"}, ...]}
one entry per epoch, vectors indexed by uid, emission as shares, bonds as the stored n × n matrix
on the u16 scale.

Options:
  --out FILE          write the JSON to FILE instead of stdout
  --csv DIR           also write DIR/neurons.csv (epoch, uid, every vector) and DIR/bonds.csv
                      (epoch, i, j, bond; non-zero entries)
  --check             compare with the case's expected values and tolerances; print a report per
                      field; exit 1 on any miss
  --bond-model NAME   replay under another bond model: ${MODELS.join(", ")}
                      (yuma3-la = yuma3 with liquid alpha, the case's or the chain's alpha values)
  -h, --help          show this help`;

function atomicWrite(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function withModel(c: YumaCase, model: string): YumaCase {
  const la = model === "yuma3-la" ? (c.settings.liquid_alpha || DEFAULT_LA) : false;
  return { ...c, settings: { ...c.settings, bond_model: model === "yuma3-la" ? "yuma3" : model, liquid_alpha: la } };
}

function writeCsv(dir: string, results: readonly EpochResult[]): void {
  const neurons = ["epoch,uid,incentive,dividends,consensus,validator_trust,emission,validator_permit"];
  const bonds = ["epoch,i,j,bond"];
  results.forEach((r, e) => {
    for (let u = 0; u < r.incentive.length; u++) {
      neurons.push(`${e},${u},${r.incentive[u]},${r.dividends[u]},${r.consensus[u]},${r.validator_trust[u]},${r.emission[u]},${r.validator_permit[u] ? 1 : 0}`);
    }
    r.bonds.forEach((row, i) => row.forEach((v, j) => v !== 0 && bonds.push(`${e},${i},${j},${v}`)));
  });
  mkdirSync(dir, { recursive: true });
  atomicWrite(join(dir, "neurons.csv"), neurons.join("\n") + "\n");
  atomicWrite(join(dir, "bonds.csv"), bonds.join("\n") + "\n");
}

export async function yuma(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(argv, {
    out: { type: "string" },
    csv: { type: "string" },
    check: { type: "boolean" },
    "bond-model": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) return io.out(help), 0;
  if (positionals.length !== 1) throw new UsageError(`yuma takes one case file, got ${positionals.length}`);
  const model = values["bond-model"];
  if (model !== undefined && !MODELS.includes(model)) throw new UsageError(`--bond-model must be one of ${MODELS.join(", ")}, got "${model}"`);
  const file = positionals[0]!;
  const parsed = readCase(file);
  if (parsed.ok === false) {
    for (const i of parsed.issues) io.err(formatIssue(i));
    return 1;
  }
  const c = model ? withModel(parsed.value, model) : parsed.value;
  const results = replayCase(c);
  const json = JSON.stringify({ epochs: results });
  if (values.out) atomicWrite(values.out, json + "\n");
  else if (!values.check) io.out(json);
  if (values.csv) writeCsv(values.csv, results);
  if (!values.check) return 0;
  const rep = checkCase(c, results);
  const fmt = (x: number) => (x === 0 ? "0" : x.toExponential(1));
  io.out(`${rep.name}: ${rep.epochs} epochs, bond model ${c.settings.bond_model}${c.settings.liquid_alpha ? " + liquid alpha" : ""}: ${rep.passed ? "PASS" : "FAIL"}`);
  io.out(
    asciiTable(
      ["field", "checked", "failed", "max |error|", "tolerance", "first miss (epoch, uid: expected → produced)"],
      rep.fields.map((f) => [
        f.field,
        String(f.checked),
        String(f.failed),
        f.max_abs_error === Infinity ? "inf" : fmt(f.max_abs_error),
        fmt(f.tolerance),
        f.first_miss ? `${f.first_miss.epoch}, ${f.first_miss.at}: ${f.first_miss.expected} → ${f.first_miss.produced}` : "",
      ]),
    ),
  );
  return rep.passed ? 0 : 1;
}
