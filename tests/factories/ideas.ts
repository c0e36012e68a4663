import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "#db/client";
import { comments, ideaTimeline, ideas } from "#db/schema";
import type { Stance } from "~/modules/comments/stances";
import type { IdeaStatus } from "~/modules/ideas/statuses";
import { hotScore } from "~/modules/ideas/ranking";
import { isListed } from "~/modules/ideas/policy";
import { ideaExcerpt } from "~/modules/ideas/excerpt.server";

export type IdeaOverrides = Partial<{
  title: string;
  body: string;
  status: IdeaStatus;
  categoryId: number | null;
  districtId: number | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  firstResponseAt: Date | null;
  createdAt: Date;
}>;

let counter = 0;

/** An idea row as the commands would leave it (listed flag and trending score consistent). */
export function createIdeaRow(db: Db, authorId: string, overrides: IdeaOverrides = {}) {
  counter += 1;
  const createdAt = overrides.createdAt ?? new Date();
  const status = overrides.status ?? "published";
  const hiddenAt = overrides.hiddenAt ?? null;
  const body = overrides.body ?? `A description of idea number ${counter}.`;
  return db
    .insert(ideas)
    .values({
      authorId,
      title: overrides.title ?? `Idea number ${counter}`,
      body,
      excerpt: ideaExcerpt(body),
      status,
      categoryId: overrides.categoryId ?? null,
      districtId: overrides.districtId ?? null,
      hiddenAt,
      hiddenReason: overrides.hiddenReason ?? null,
      firstResponseAt: overrides.firstResponseAt ?? null,
      listed: isListed({ status, hiddenAt }),
      hotScore: hotScore(0, 0, createdAt),
      createdAt,
    })
    .returning()
    .get();
}

export function createCommentRow(
  db: Db,
  ideaId: number,
  authorId: string,
  overrides: Partial<{ body: string; stance: Stance; parentId: number | null; depth: number; hiddenAt: Date | null; hiddenReason: string | null }> = {},
) {
  return db
    .insert(comments)
    .values({
      ideaId,
      authorId,
      body: overrides.body ?? "A comment.",
      stance: overrides.stance ?? "none",
      parentId: overrides.parentId ?? null,
      depth: overrides.depth ?? 0,
      hiddenAt: overrides.hiddenAt ?? null,
      hiddenReason: overrides.hiddenReason ?? null,
      createdAt: new Date(),
    })
    .returning()
    .get();
}

/** Moves an idea's posting time into the past (demo data, ranking tests); its trending score follows. */
export function backdateIdea(db: Db, ideaId: number, createdAt: Date) {
  const row = db.select({ up: ideas.upCount, down: ideas.downCount }).from(ideas).where(eq(ideas.id, ideaId)).get();
  if (!row) throw new Error(`no idea ${ideaId}`);
  db.update(ideas).set({ createdAt, hotScore: hotScore(row.up, row.down, createdAt) }).where(eq(ideas.id, ideaId)).run();
  // Its timeline starts when it was posted.
  db.update(ideaTimeline)
    .set({ createdAt })
    .where(and(eq(ideaTimeline.ideaId, ideaId), inArray(ideaTimeline.kind, ["posted", "routed"])))
    .run();
}

export function backdateComment(db: Db, commentId: number, createdAt: Date) {
  db.update(comments).set({ createdAt }).where(eq(comments.id, commentId)).run();
}

/**
 * Moves the city's work on an idea into the past (demo data, response-record tests): when it
 * entered the queue, and when each official step on its timeline happened (in order). The
 * deadlines follow from the given promise, as the queue would have set them.
 */
export function backdateCityWork(db: Db, ideaId: number, work: { queuedAt: Date; stepDates: Date[]; firstResponseDays: number; decisionDays: number }) {
  const steps = db
    .select({ id: ideaTimeline.id, kind: ideaTimeline.kind, toStatus: ideaTimeline.toStatus, bodyHtml: ideaTimeline.bodyHtml })
    .from(ideaTimeline)
    .where(and(eq(ideaTimeline.ideaId, ideaId), inArray(ideaTimeline.kind, ["status_changed", "responded"])))
    .orderBy(asc(ideaTimeline.id))
    .all();
  steps.forEach((step, i) => db.update(ideaTimeline).set({ createdAt: work.stepDates[i] }).where(eq(ideaTimeline.id, step.id)).run());
  const answered = steps.map((s, i) => (s.bodyHtml ? work.stepDates[i] : null)).filter((d): d is Date => d !== null);
  const reviewStart = steps.findIndex((s) => s.toStatus === "under_review");
  const current = db.select({ queueDueAt: ideas.queueDueAt, status: ideas.status }).from(ideas).where(eq(ideas.id, ideaId)).get()!;
  const responseDueAt = new Date(work.queuedAt.getTime() + work.firstResponseDays * 86_400_000);
  const queueDueAt =
    current.queueDueAt === null ? null : current.status === "under_review" && reviewStart >= 0 ? new Date(work.stepDates[reviewStart].getTime() + work.decisionDays * 86_400_000) : responseDueAt;
  db.update(ideas)
    .set({ queuedAt: work.queuedAt, responseDueAt, queueDueAt, firstResponseAt: answered[0] ?? null, lastResponseAt: answered.at(-1) ?? null })
    .where(eq(ideas.id, ideaId))
    .run();
}
