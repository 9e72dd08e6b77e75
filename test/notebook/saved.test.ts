// The committed notebooks: saved with their outputs (PNG charts, no inlined plotly bundle), each
// under 2 MB, in the template (question and assumptions, the library imported, a conclusion).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

interface Output {
  output_type: string;
  name?: string;
  data?: Record<string, string | string[]>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
}

const dir = "notebooks";
const files = readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
const text = (s: string | string[] | undefined) => (Array.isArray(s) ? s.join("") : (s ?? ""));

test("the six research notebooks are there", () => {
  for (const n of ["00-quickstart", "01-supply", "02-staking-apr", "03-collusion", "04-dtao", "05-history"]) assert.ok(files.includes(`${n}.ipynb`), n);
});

for (const f of files) {
  test(`${f}: saved with outputs, < 2 MB, PNG charts only, question → library → conclusion`, () => {
    const path = join(dir, f);
    assert.ok(statSync(path).size < 2 * 1024 * 1024, `${f} is ${statSync(path).size} bytes`);
    const raw = readFileSync(path, "utf8");
    assert.ok(!/plotly\.js v\d/.test(raw) && !raw.includes("window.PlotlyConfig"), "no inlined plotly bundle");
    const nb = JSON.parse(raw) as { cells: Cell[]; metadata: { kernelspec?: { name?: string } } };
    assert.equal(nb.metadata.kernelspec?.name, "tslab");
    const cells = nb.cells;
    assert.match(text(cells[0]!.source), /\*\*Question\.\*\*[\s\S]*\*\*Assumptions\.\*\*/, "opens with the question and assumptions");
    assert.match(text(cells[cells.length - 1]!.source), /\*\*Conclusion\.\*\*[\s\S]*\d/, "ends with a conclusion that states numbers");
    const code = cells.filter((c) => c.cell_type === "code");
    assert.match(text(code[0]!.source), /from "\.\/src\/index\.js"/, "imports the library");
    let pngs = 0;
    for (const c of code) {
      assert.ok(typeof c.execution_count === "number", `executed: ${text(c.source).slice(0, 60)}`);
      for (const o of c.outputs ?? []) {
        assert.notEqual(o.output_type, "error", `error output in: ${text(c.source).slice(0, 60)}`);
        assert.ok(!(o.output_type === "stream" && o.name === "stderr"), `stderr in: ${text(c.source).slice(0, 60)}`);
        if (o.data?.["image/png"]) pngs++;
        assert.ok(!o.data?.["application/vnd.plotly.v1+json"], "plotly JSON outputs are not saved");
      }
    }
    assert.ok(pngs >= 1, "at least one chart");
  });
}
