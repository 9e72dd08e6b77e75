/** The README stays true: its column table matches the column registry; two quick-start commands. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { NETWORK_COLUMNS } from "../src/network-columns.js";

const readme = readFileSync("README.md", "utf8");

test("README lists every network column with its unit and meaning", () => {
  for (const c of NETWORK_COLUMNS) assert.ok(readme.includes(`| \`${c.name}\` | ${c.unit} | ${c.doc} |`), c.name);
});

test("README quick start has exactly two commands, and .ci/run runs the second", () => {
  const qs = /## Quick start\n([\s\S]*?)\n## /.exec(readme)![1]!;
  const cmds = [...qs.matchAll(/```bash\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split("\n").filter((l) => l.trim() !== ""));
  assert.equal(cmds.length, 2);
  assert.ok(readFileSync(".ci/run", "utf8").includes(cmds[1]!), ".ci/run runs the README's test command");
});

test("README layout table has a row for every folder and top-level file of src/, and every src/ path it names exists", () => {
  const layout = /## Layout\n([\s\S]*?)\n## /.exec(readme)![1]!;
  for (const e of readdirSync("src", { withFileTypes: true })) {
    const path = e.isDirectory() ? `src/${e.name}/` : `src/${e.name}`;
    assert.ok(layout.includes(`| \`${path}\` |`), `no layout row for ${path}`);
  }
  for (const m of readme.matchAll(/`(src\/[A-Za-z0-9_./-]+?)`/g)) {
    const p = m[1]!.replace(/\/$/, "");
    assert.ok(existsSync(p), `README names ${m[1]}, which does not exist`);
  }
});
