// The count's worker thread: receives the envelopes' published files, counts each with the pure
// engine, and reports each result as it is done, so the server's event loop keeps serving pages.
// Bundled to build/workers/count-worker.mjs by scripts/build-workers.mjs (`npm run build`).
import { parentPort } from "node:worker_threads";
import { countFile } from "./count-core";

parentPort!.on("message", (jobs: { envelopeId: number; pb: string }[]) => {
  for (const job of jobs) {
    try {
      parentPort!.postMessage({ type: "counted", envelopeId: job.envelopeId, result: countFile(job.pb) });
    } catch (error) {
      parentPort!.postMessage({ type: "failed", envelopeId: job.envelopeId, error: error instanceof Error ? error.message : String(error) });
      return;
    }
  }
  parentPort!.postMessage({ type: "end" });
});
