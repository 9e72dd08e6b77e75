// renderPng (plotly -> PNG through /usr/bin/chromium) and tableHtml, without a tslab kernel.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { closeRenderer, renderPng, tableHtml } from "../../src/notebook/display.js";

after(() => closeRenderer());

test("renderPng renders a line chart to a PNG buffer", { timeout: 120_000 }, async () => {
  const png = await renderPng(
    {
      data: [{ type: "scatter", mode: "lines", x: [0, 1, 2, 3, 4], y: [0, 1, 4, 9, 16], name: "y = x²" }],
      layout: { title: { text: "renderPng check" } },
    },
    { width: 400, height: 300 },
  );
  assert.ok(Buffer.isBuffer(png));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(png.length > 2048, `PNG only ${png.length} bytes`);
});

test("tableHtml renders rows, escapes text and truncates", () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({ day: i, note: i === 0 ? "<b>" : "x" }));
  const html = tableHtml(rows, 5);
  assert.equal((html.match(/<tr>/g) ?? []).length, 6); // header + 5 rows
  assert.ok(html.includes("&lt;b&gt;"));
  assert.ok(html.includes("5 of 30 rows"));
});

test("interactiveHtml loads plotly from the server (never inlined) and escapes figure text", async () => {
  const { interactiveHtml } = await import("../../src/notebook/display.js");
  const html = interactiveHtml({ data: [{ type: "scatter", x: [1, 2], y: [3, 4], name: "a</script>b" }], layout: { title: { text: "T" } } });
  assert.match(html, /\/files\/node_modules\/plotly\.js-dist\/plotly/);
  assert.ok(!html.includes("a</script>b"), "</ is escaped inside the script");
  assert.ok(html.length < 2000, "no bundle inlined");
  assert.match(html, /Plotly\.newPlot\("taosim-plot-\d+-\d+", \[\{"type":"scatter"/);
});
