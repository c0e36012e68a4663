import type { Db } from "#db/client";
import { done } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { claimRun } from "~/modules/jobs/runs.server";
import { votingEnd } from "./phases";
import { listCyclesInVoting } from "./queries.server";

const CLOSING_NOTICE_MS = 48 * 3_600_000;

/**
 * The scheduled voting notices (every few minutes, idempotent per cycle across restarts): "voting
 * is open" once voting has opened, and "voting closes in 48 hours" to those who have not voted
 * yet. Each is claimed in the transaction that writes its notifications (app/modules/jobs).
 */
export function runVotingReminders(db: Db, now = new Date()) {
  for (const cycle of listCyclesInVoting(db, now)) {
    runCommand(db, (tx) => (claimRun(tx, "voting-opened", `cycle-${cycle.id}`, now) ? done(null, [{ type: "budget.votingOpened", cycleId: cycle.id }]) : done(null)));
    if (votingEnd(cycle).getTime() - now.getTime() <= CLOSING_NOTICE_MS) {
      runCommand(db, (tx) => (claimRun(tx, "voting-closing", `cycle-${cycle.id}`, now) ? done(null, [{ type: "budget.votingClosing", cycleId: cycle.id }]) : done(null)));
    }
  }
}
