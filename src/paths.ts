/**
 * Locating the package's own files (the built-in scenarios) without `import.meta`, which the
 * notebook kernel's compiler cannot handle: walk up from the working directory, then from the
 * running script, to the folder whose package.json is taosim's.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

function isTaosimRoot(dir: string): boolean {
  const p = join(dir, "package.json");
  if (!existsSync(p)) return false;
  try {
    return (JSON.parse(readFileSync(p, "utf8")) as { name?: string }).name === "taosim";
  } catch {
    return false;
  }
}

function walkUp(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (isTaosimRoot(dir)) return dir;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

let cached: string | undefined;

/** The taosim package root folder. */
export function packageRoot(): string {
  if (cached) return cached;
  const found = walkUp(process.cwd()) ?? (process.argv[1] ? walkUp(dirname(process.argv[1])) : undefined);
  if (!found) throw new Error("cannot locate the taosim package folder (run from inside it)");
  return (cached = found);
}

/** Path of the built-in default scenario (a 2023-mainnet-like network). */
export function defaultScenarioPath(): string {
  return join(packageRoot(), "scenarios", "mainnet-2023.yaml");
}

/**
 * The project's shared reference folder (spec data, conformance cases), if present: $TAOSIM_SHARED_DIR,
 * else ../shared beside the package, else /work/shared. Undefined when none exists.
 */
export function sharedDir(): string | undefined {
  const candidates = [process.env.TAOSIM_SHARED_DIR, join(packageRoot(), "..", "shared"), "/work/shared"];
  return candidates.find((d): d is string => !!d && existsSync(d));
}
