// Worker thread of run-sweep.ts: registers the TypeScript loader (as bin/taosim.mjs does), then
// runs worker-main.ts.
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
