// The scheduled backup's worker thread (backups.server.ts): VACUUM INTO reads the whole database,
// so it runs here and the server's event loop keeps serving. One backup per worker.
// Bundled to build/workers/backup-worker.mjs by scripts/build-workers.mjs (`npm run build`).
import { parentPort, workerData } from "node:worker_threads";
import { takeScheduledBackup } from "#db/backup";

const { source, folder, keep, at } = workerData as { source: string; folder: string; keep: number; at: string };
try {
  parentPort!.postMessage({ ok: true, taken: takeScheduledBackup(source, folder, keep, new Date(at)) });
} catch (error) {
  parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
