// The count's worker thread, kept by the server between counts: for each job it opens the
// database itself, builds each envelope's published file from its ballots and counts it with the
// pure engine, reporting each envelope as it is done, so that the server's event loop keeps
// serving pages and only writes the results.
// Bundled to build/workers/count-worker.mjs by scripts/build-workers.mjs (`npm run build`).
import os from "node:os";
import { parentPort } from "node:worker_threads";
import { openDatabase, type Db } from "#db/client";
import { countFile } from "./count-core";
import { buildEnvelopeFile } from "./envelope-file.server";
import { loadCycle } from "./queries.server";

// Counting is background work: on Linux a thread has its own nice value, and this one yields the
// CPU to the server's event loop (pages) when both want it. Elsewhere the call would lower the
// whole process, so it is left out.
if (process.platform === "linux") {
  try {
    os.setPriority(10);
  } catch {
    // A sandbox that refuses it: the count runs at the usual priority.
  }
}

const connections = new Map<string, Db>();

parentPort!.on("message", ({ job, file, cycleId }: { job: number; file: string; cycleId: number }) => {
  try {
    let db = connections.get(file);
    if (!db) connections.set(file, (db = openDatabase(file)));
    const cycle = loadCycle(db, cycleId);
    if (!cycle) throw new Error(`no cycle ${cycleId}`);
    for (const envelope of cycle.envelopes) {
      const pb = buildEnvelopeFile(db, cycle, envelope);
      parentPort!.postMessage({ job, type: "counted", envelopeId: envelope.id, pb, result: countFile(pb) });
    }
    parentPort!.postMessage({ job, type: "end" });
  } catch (error) {
    parentPort!.postMessage({ job, type: "failed", error: error instanceof Error ? error.message : String(error) });
  }
});
