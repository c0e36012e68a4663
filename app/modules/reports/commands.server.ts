import type { Db } from "#db/client";
import { reports } from "#db/schema";
import type { Actor } from "~/modules/commands/actor";
import { done, rateLimited, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { getCommentRef } from "~/modules/comments/queries.server";
import { ideaParticipation } from "~/modules/ideas/state.server";
import { takePostingAllowance } from "~/modules/limits/posting.server";
import { checkParticipant, isRefusal } from "~/modules/users/standing.server";
import { reportWeight } from "~/modules/moderation/scoring";
import { reporterTrackRecord } from "./queries.server";
import type { ReportInput } from "./validation";

/**
 * One report per person per item (a unique index); a second one is acknowledged, not stored.
 * The item must be visible and belong to the idea the report was sent from. The report's weight
 * is fixed now, from the reporter's track record and account age; the moderation module puts it
 * in its case (and may hide the item) in the same transaction.
 */
export async function reportContent(db: Db, actor: Actor, input: ReportInput, ideaId: number): Promise<Outcome<{ ideaId: number; alreadyReported: boolean }>> {
  const early = checkParticipant(db, actor.id);
  if (isRefusal(early)) return early;
  const wait = await takePostingAllowance("report", actor.id);
  if (wait) return rateLimited(wait);
  return runCommand(db, (tx) => {
    const standing = checkParticipant(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (ideaParticipation(tx, ideaId) === "notFound") return refuse("notFound");
    if (input.targetType === "idea" && input.targetId !== ideaId) return refuse("notFound");
    if (input.targetType === "comment") {
      const comment = getCommentRef(tx, input.targetId);
      if (!comment || !comment.visible || comment.ideaId !== ideaId) return refuse("notFound");
    }
    const now = new Date();
    const weight = reportWeight({ accountAgeDays: (now.getTime() - standing.createdAt.getTime()) / 86_400_000, ...reporterTrackRecord(tx, actor.id) });
    const inserted = tx
      .insert(reports)
      .values({ targetType: input.targetType, targetId: input.targetId, reporterId: actor.id, reason: input.reason, note: input.note ?? null, weight, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: reports.id })
      .all();
    const events = inserted.length ? [{ type: "report.filed" as const, reportId: inserted[0].id, targetType: input.targetType, targetId: input.targetId, actorId: actor.id }] : [];
    return done({ ideaId, alreadyReported: inserted.length === 0 }, events);
  });
}
