import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { comments, ideas, reports } from "#db/schema";
import type { Actor } from "~/modules/ideas/commands.server";
import { isListed } from "~/modules/ideas/policy";
import { takePostingAllowance } from "~/modules/limits/posting.server";
import { isActiveUser } from "~/modules/users/active.server";
import type { ReportInput } from "./validation";

export type ReportResult =
  | { ok: true; ideaId: number; alreadyReported: boolean }
  | { ok: false; error: "suspended" | "notFound" }
  | { ok: false; error: "rateLimited"; retryAfterSeconds: number };

/**
 * One report per person per item (a unique index); a second one is acknowledged, not stored.
 * The item must be visible and belong to the idea the report was sent from.
 */
export async function reportContent(actor: Actor, input: ReportInput, ideaId: number): Promise<ReportResult> {
  const retryAfterSeconds = await takePostingAllowance("report", actor.id);
  if (retryAfterSeconds) return { ok: false, error: "rateLimited", retryAfterSeconds };
  return getDb().transaction(
    (tx): ReportResult => {
      if (!isActiveUser(tx, actor.id)) return { ok: false, error: "suspended" };
      const idea = tx.select({ status: ideas.status, hiddenAt: ideas.hiddenAt }).from(ideas).where(eq(ideas.id, ideaId)).get();
      if (!idea || !isListed(idea)) return { ok: false, error: "notFound" };
      if (input.targetType === "idea" && input.targetId !== ideaId) return { ok: false, error: "notFound" };
      if (input.targetType === "comment") {
        const comment = tx.select({ ideaId: comments.ideaId, deletedAt: comments.deletedAt, hiddenAt: comments.hiddenAt }).from(comments).where(eq(comments.id, input.targetId)).get();
        if (!comment || comment.deletedAt || comment.hiddenAt || comment.ideaId !== ideaId) return { ok: false, error: "notFound" };
      }
      const inserted = tx
        .insert(reports)
        .values({ targetType: input.targetType, targetId: input.targetId, reporterId: actor.id, reason: input.reason, note: input.note ?? null, createdAt: new Date() })
        .onConflictDoNothing()
        .returning({ id: reports.id })
        .all();
      return { ok: true, ideaId, alreadyReported: inserted.length === 0 };
    },
    { behavior: "immediate" },
  );
}
