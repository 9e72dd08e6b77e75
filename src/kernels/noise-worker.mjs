// Worker thread of noise-feed.ts: registers the TypeScript loader (as bin/taosim.mjs does), then
// fills the shared ring with the stream's draws (noise-feed.ts :: produce).
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

try {
  register();
  const { produce } = await import("./noise-feed.ts");
  produce(workerData);
} catch (e) {
  // If the module itself cannot load: raise FAILED (ctrl[5], see noise-feed.ts) and wake the reader.
  Atomics.store(workerData.ctrl, 5, 1);
  Atomics.notify(workerData.ctrl, 0);
  throw e;
}
