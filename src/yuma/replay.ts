/**
 * Replaying a `yuma-case/1` file through YumaSubnet, and checking the outputs against the case's
 * expectations with its tolerances (README §8): |produced − expected| ≤ tolerance per field,
 * permits equal, nulls unchecked, bonds compared on the listed rows × cols.
 */
import { YumaSubnet } from "./subnet.js";
import { FIELDS, type Field, type YumaCase } from "./case.js";
import { yumaSettingsFromCase } from "./settings.js";

export interface EpochResult {
  incentive: number[];
  dividends: number[];
  consensus: number[];
  validator_trust: number[];
  emission: number[];
  validator_permit: boolean[];
  bonds: number[][];
}

/** Run every epoch of a case, in order (inputs applied in the README's fixed order). */
export function replayCase(c: YumaCase): EpochResult[] {
  const sub = new YumaSubnet(c.n, yumaSettingsFromCase(c.settings), c.registration_block);
  const all = Array.from({ length: c.n }, (_, i) => i);
  const results: EpochResult[] = [];
  for (const e of c.epochs) {
    for (const r of e.registrations ?? []) sub.register(r.uid, r.block ?? e.block);
    if (e.stake) sub.setStake(e.stake);
    for (const j of e.reset_bonds ?? []) sub.resetBonds(j);
    for (const [key, row] of Object.entries(e.weights ?? {})) {
      if (Array.isArray(row)) sub.setWeights(Number(key), all, row, e.block);
      else sub.setWeights(Number(key), row.dests, row.values, e.block);
    }
    for (const [key, b] of Object.entries(e.last_update ?? {})) sub.lastUpdate[Number(key)] = b;
    const o = sub.epoch(e.block);
    results.push({
      incentive: Array.from(o.incentive),
      dividends: Array.from(o.dividends),
      consensus: Array.from(o.consensus),
      validator_trust: Array.from(o.validator_trust),
      emission: Array.from(o.emission),
      validator_permit: Array.from(o.validator_permit, (p) => p === 1),
      bonds: sub.bondMatrix(),
    });
  }
  return results;
}

export interface FieldReport {
  field: Field;
  checked: number;
  failed: number;
  max_abs_error: number;
  tolerance: number;
  /** The first miss: epoch index, uid (or "row,col" for bonds), expected and produced values. */
  first_miss?: { epoch: number; at: string; expected: number | boolean; produced: number | boolean };
}

export interface CheckReport {
  name: string;
  passed: boolean;
  epochs: number;
  fields: FieldReport[];
}

const DEFAULT_TOLERANCE: Record<Field, number> = {
  incentive: 1e-6,
  dividends: 1e-6,
  consensus: 1e-6,
  validator_trust: 1e-6,
  emission: 1e-6,
  validator_permit: 0,
  bonds: 1,
};

export function checkCase(c: YumaCase, results: readonly EpochResult[]): CheckReport {
  const reports = new Map<Field, FieldReport>(
    FIELDS.map((f) => [f, { field: f, checked: 0, failed: 0, max_abs_error: 0, tolerance: c.tolerance[f] ?? DEFAULT_TOLERANCE[f] }]),
  );
  const miss = (r: FieldReport, epoch: number, at: string, expected: number | boolean, produced: number | boolean, err: number) => {
    r.failed++;
    r.first_miss ??= { epoch, at, expected, produced };
    if (err > r.max_abs_error) r.max_abs_error = err;
  };
  c.epochs.forEach((e, k) => {
    const x = e.expected;
    const y = results[k];
    if (!x) return;
    for (const f of ["incentive", "dividends", "consensus", "validator_trust", "emission"] as const) {
      const exp = x[f];
      if (!exp) continue;
      const r = reports.get(f)!;
      exp.forEach((v, i) => {
        if (v === null) return;
        r.checked++;
        const p = y?.[f][i];
        const err = p === undefined || !Number.isFinite(p) ? Infinity : Math.abs(p - v);
        if (err > r.tolerance) miss(r, k, String(i), v, p ?? NaN, err);
        else if (err > r.max_abs_error) r.max_abs_error = err;
      });
    }
    if (x.validator_permit) {
      const r = reports.get("validator_permit")!;
      x.validator_permit.forEach((v, i) => {
        if (v === null) return;
        r.checked++;
        const p = y?.validator_permit[i];
        if (p !== v) miss(r, k, String(i), v, p ?? false, 1);
      });
    }
    if (x.bonds) {
      const r = reports.get("bonds")!;
      const rows = x.bonds.rows ?? Array.from({ length: c.n }, (_, i) => i);
      const cols = x.bonds.cols ?? Array.from({ length: c.n }, (_, i) => i);
      x.bonds.values.forEach((row, a) =>
        row.forEach((v, b) => {
          if (v === null) return;
          r.checked++;
          const p = y?.bonds[rows[a]!]?.[cols[b]!];
          const err = p === undefined ? Infinity : Math.abs(p - v);
          if (err > r.tolerance) miss(r, k, `${rows[a]},${cols[b]}`, v, p ?? NaN, err);
          else if (err > r.max_abs_error) r.max_abs_error = err;
        }),
      );
    }
  });
  const fields = [...reports.values()];
  return { name: c.name, passed: fields.every((f) => f.failed === 0), epochs: c.epochs.length, fields };
}
