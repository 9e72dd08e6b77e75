/**
 * Which files a scenario may read. A scenario names other files in `extends` and
 * `token.price.path` (and any later file field); each is resolved relative to the file that names
 * it and must, after following symlinks, lie inside one of the allowed roots:
 *   - the folder tree of the scenario file that was given (the one the user ran), and
 *   - the project's own `scenarios/` folder (the built-in bases).
 * Absolute paths are refused, and so are `..` escapes and symlinks that lead out of those roots.
 * A library caller may widen the roots explicitly (`LoadOptions.allowRoots`); the CLI never does.
 * Messages name the path as the scenario wrote it and never quote the content of a refused file.
 */
import { existsSync, realpathSync, statSync } from "node:fs";
import { extname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { packageRoot } from "../paths.js";

/**
 * The largest scenario file read, checked before reading: parsing costs up to ~300 bytes of memory
 * and a few µs per value, so this bounds a load to well under a second and 1 GB. Real scenarios
 * are a few KB; long per-agent lists belong in distributions.
 */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/** The largest data file (price CSV) read. */
export const MAX_DATA_BYTES = 32 * 1024 * 1024;

export type FileResolution = { ok: true; abs: string } | { ok: false; message: string };

function realOrUndefined(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

/** `child` is `root` or inside it (both real paths). */
export function isInside(root: string, child: string): boolean {
  const r = relative(root, child);
  return r === "" || (!r.startsWith(".." + sep) && r !== ".." && !isAbsolute(r));
}

/** The project's scenarios/ folder (real path), if the package can be located. */
export function projectScenariosDir(): string | undefined {
  try {
    return realOrUndefined(join(packageRoot(), "scenarios"));
  } catch {
    return undefined;
  }
}

/** The allowed roots for a scenario given as `topFile`, plus any the caller adds (real paths). */
export function allowedRoots(topFileReal: string, extra: readonly string[] = []): string[] {
  const roots = [resolve(topFileReal, ".."), projectScenariosDir(), ...extra.map((d) => realOrUndefined(resolve(d)))];
  return [...new Set(roots.filter((r): r is string => r !== undefined))];
}

/**
 * Resolve `ref` (as written in a scenario) relative to `fromDir` and check it against `roots`.
 * `what` names the field in messages; `exts` lists the accepted extensions.
 */
export function resolveScenarioRef(ref: string, fromDir: string, roots: readonly string[], what: string, exts: readonly string[], maxBytes: number): FileResolution {
  if (ref.includes("\0")) return { ok: false, message: `${what} is not a valid path` };
  if (isAbsolute(ref) || /^[A-Za-z]:[\\/]/.test(ref) || ref.startsWith("~")) {
    return { ok: false, message: `${what} must be a path relative to the scenario file, inside its folder or the project's scenarios/ folder (absolute paths are refused)` };
  }
  const ext = extname(ref).toLowerCase();
  if (!exts.includes(ext)) return { ok: false, message: `${what} must name a ${exts.join(" or ")} file` };
  const abs = resolve(fromDir, ref);
  const lexicallyInside = roots.some((r) => isInside(r, abs));
  if (!existsSync(abs)) {
    return lexicallyInside ? { ok: false, message: `${what} not found: ${ref}` } : { ok: false, message: `${what} ${ref} leads outside the scenario's folder and the project's scenarios/ folder` };
  }
  const real = realOrUndefined(abs);
  if (real === undefined || !roots.some((r) => isInside(r, real))) {
    return { ok: false, message: `${what} ${ref} leads outside the scenario's folder and the project's scenarios/ folder` };
  }
  let size: number;
  try {
    const st = statSync(real);
    if (!st.isFile()) return { ok: false, message: `${what} ${ref} is not a file` };
    size = st.size;
  } catch {
    return { ok: false, message: `${what} ${ref} cannot be read` };
  }
  if (size > maxBytes) return { ok: false, message: `${what} ${ref} is ${(size / 1048576).toFixed(1)} MiB; at most ${maxBytes / 1048576} MiB is read` };
  return { ok: true, abs: real };
}
