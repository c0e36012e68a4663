import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { moderationCases } from "#db/schema";
import { countCommentsSince, countCommentTextByOthers, getCommentForModeration } from "~/modules/comments/queries.server";
import { countIdeasSince, countIdeaTextByOthers, getIdeaForModeration } from "~/modules/ideas/audience.server";
import { loadStanding } from "~/modules/users/standing.server";
import { spamScore } from "./spam-words";

const HOUR = 3_600_000;

/**
 * The local spam and abuse signal of a case's content, computed once when the case opens (after
 * the report's commit: it reads recent posts) and stored on the case. No outside service; it
 * never hides anything by itself. See spam-words.ts for the rules and their points.
 */
export function scoreCaseContent(db: Db, caseId: number, now = new Date()) {
  const found = db.select().from(moderationCases).where(eq(moderationCases.id, caseId)).get();
  if (!found || found.spamSignals.length > 0) return;
  const content = found.targetType === "idea" ? getIdeaForModeration(db, found.targetId) : getCommentForModeration(db, found.targetId);
  if (!content) return;
  const text = "title" in content ? `${content.title}\n${content.body}` : content.body;
  const week = new Date(now.getTime() - 7 * 24 * HOUR);
  const hour = new Date(now.getTime() - HOUR);
  const sameTextAuthors = (found.targetType === "idea" ? countIdeaTextByOthers : countCommentTextByOthers)(db, content.body, content.authorId, week);
  const author = loadStanding(db, content.authorId);
  const result = spamScore({
    text,
    sameTextAuthors,
    postsInLastHour: countIdeasSince(db, content.authorId, hour) + countCommentsSince(db, content.authorId, hour),
    authorAgeHours: author ? (now.getTime() - author.createdAt.getTime()) / HOUR : 0,
  });
  // "none" marks a case that was looked at and found clean (an empty list means "not scored yet").
  db.update(moderationCases)
    .set({ spamScore: result.score, spamSignals: result.signals.length ? result.signals : ["none"] })
    .where(eq(moderationCases.id, caseId))
    .run();
}
