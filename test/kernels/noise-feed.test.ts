// The noise feed: the kernels' generator draws the JS NormalStream's normals, and a feed drawn on
// a worker thread hands out exactly the draws of an inline one, whatever the reads.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createNormalFeed, FEED_CHUNK } from "../../src/kernels/noise-feed.js";
import { NormalStream, stream } from "../../src/rng.js";

test("an inline feed draws the normals of the JS NormalStream (300,000 draws, tail and wedge included)", () => {
  const feed = createNormalFeed(new NormalStream(8, "kernel-noise"), false);
  const b = new NormalStream(8, "kernel-noise");
  const buf = new Float64Array(5000);
  const pick = stream(1, "sizes");
  let total = 0;
  while (total < 300_000) {
    const k = 1 + Math.floor(pick() * 4999);
    feed.peek(k, buf, 0);
    // Peeking again sees the same draws; consuming part of them moves on by that much.
    const used = Math.floor(pick() * (k + 1));
    for (let j = 0; j < used; j++) {
      const want = b.normal();
      // The tail beyond r takes a logarithm, AssemblyScript's there and V8's here: equal to ~1 ulp.
      if (!(Math.abs(buf[j]! - want) <= 1e-15 * Math.abs(want))) assert.fail(`draw ${total + j}: ${buf[j]} vs ${want}`);
    }
    feed.consume(used);
    total += used;
  }
  feed.close();
});

test("a feed drawn on a worker thread gives exactly the draws of an inline one (reads of every size, ring wrap-around)", () => {
  const a = createNormalFeed(new NormalStream(11, "x"), true);
  const b = createNormalFeed(new NormalStream(11, "x"), false);
  assert.equal(a.threaded, true);
  assert.equal(b.threaded, false);
  const ba = new Float64Array(3 * FEED_CHUNK);
  const bb = new Float64Array(3 * FEED_CHUNK);
  const pick = stream(2, "sizes");
  let total = 0;
  try {
    while (total < 2_000_000) {
      const k = 1 + Math.floor(pick() * (3 * FEED_CHUNK - 1));
      a.peek(k, ba, 0);
      b.peek(k, bb, 0);
      for (let j = 0; j < k; j++) if (ba[j] !== bb[j]) assert.fail(`draw ${total + j}: ${ba[j]} vs ${bb[j]}`);
      const used = Math.floor(pick() * (k + 1));
      a.consume(used);
      b.consume(used);
      total += used;
    }
  } finally {
    a.close();
    b.close();
  }
});
