/** The committed kernels.wasm is exactly what its AssemblyScript source compiles to, and the layout matches its pointers. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../helpers.js";

test("src/kernels/wasm/kernels.wasm is up to date with kernels.as.ts (npm run build:wasm)", () => {
  const out = join(tempDir(), "kernels.wasm");
  const r = spawnSync(process.execPath, ["node_modules/assemblyscript/bin/asc.js", "src/kernels/wasm/kernels.as.ts", "-O3", "--noAssert", "--runtime", "stub", "--enable", "simd", "-o", out], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(out).equals(readFileSync("src/kernels/wasm/kernels.wasm")), "rebuild with `npm run build:wasm` and commit the binary");
});

test("kernelLayout (the memory layout YumaSubnet writes) matches the pointers the kernels declare", async () => {
  const { kernelLayout } = await import("../../src/kernels/layout.js");
  const declared = [...readFileSync("src/kernels/wasm/kernels.as.ts", "utf8").matchAll(/^let ([A-Z0-9]+): usize = 0;/gm)].map((m) => m[1]!);
  assert.deepEqual(kernelLayout(4, 2).map((x) => x[0].toUpperCase()), declared);
});
