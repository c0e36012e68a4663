import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { listScheduledBackups, takeScheduledBackup } from "#db/backup";
import type { Db } from "#db/client";
import { getEnv } from "~/utils/env.server";
import { log } from "~/utils/log.server";

export type BackupSchedule = { folder: string; intervalHours: number; keep: number };

/** The schedule set through the environment (BACKUP_DIR, BACKUP_INTERVAL_HOURS, BACKUP_KEEP), or null when off. */
export function backupSchedule(): BackupSchedule | null {
  const env = getEnv();
  return env.BACKUP_DIR ? { folder: env.BACKUP_DIR, intervalHours: env.BACKUP_INTERVAL_HOURS, keep: env.BACKUP_KEEP } : null;
}

/** The hourly check fires a few minutes either side of the hour: a backup that is nearly due is due. */
const SLACK_MS = 10 * 60_000;

/**
 * Whether the newest scheduled backup in the folder is older than the interval. The folder is the
 * record, so a restart neither repeats a backup nor skips one that fell due while it was down.
 */
export function backupDue(schedule: BackupSchedule, now = new Date()) {
  const newest = listScheduledBackups(schedule.folder).at(-1);
  return !newest || now.getTime() - newest.takenAt.getTime() >= schedule.intervalHours * 3_600_000 - SLACK_MS;
}

const workerFile = fileURLToPath(new URL("../workers/backup-worker.mjs", import.meta.url));
let running: Promise<unknown> | null = null;

/**
 * Takes a scheduled backup when one is due. VACUUM INTO reads the whole database, so the
 * production server runs it in a worker thread (build/workers/backup-worker.mjs) and keeps
 * serving; without the built worker (development, tests) it runs here. One at a time.
 */
export function runScheduledBackup(db: Db, now = new Date(), schedule = backupSchedule()): Promise<void> | null {
  if (!schedule || running || !backupDue(schedule, now)) return null;
  const source = db.$client.name;
  const job = { source, folder: schedule.folder, keep: schedule.keep, at: now.toISOString() };
  const work: Promise<ReturnType<typeof takeScheduledBackup>> = fs.existsSync(workerFile)
    ? new Promise((resolve, reject) => {
        const worker = new Worker(workerFile, { workerData: job });
        worker.once("message", (message: { ok: true; taken: ReturnType<typeof takeScheduledBackup> } | { ok: false; error: string }) =>
          message.ok ? resolve(message.taken) : reject(new Error(message.error)),
        );
        worker.once("error", reject);
        // Settles nothing when it has already answered.
        worker.once("exit", (code) => reject(new Error(`backup worker exited with code ${code}`)));
      })
    : Promise.resolve().then(() => takeScheduledBackup(source, schedule.folder, schedule.keep, now));
  const done = work
    .then((taken) => log.info("scheduled backup", { file: taken.file, megabytes: Math.round(taken.bytes / 1024 / 102.4) / 10, removed: taken.removed.length }))
    .catch((error) => log.error("scheduled backup failed", { folder: schedule.folder, error }))
    .finally(() => (running = null));
  running = done;
  return done;
}
