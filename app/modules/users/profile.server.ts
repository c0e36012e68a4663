import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { users } from "#db/schema";
import { listCommentsByAuthor, sumHelpfulRatings } from "~/modules/comments/queries.server";
import { countPublicIdeas, listIdeasByAuthor } from "~/modules/ideas/queries.server";

/** What anyone may see of a resident: name, role, public contributions, recognition for outcomes. */
export function getPublicProfile(db: Db, userId: string) {
  const user = db.select({ id: users.id, displayName: users.displayName, role: users.role, createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const { posted, answered } = countPublicIdeas(db, userId);
  return {
    user: { ...user, createdAt: user.createdAt.toISOString() },
    ideas: listIdeasByAuthor(db, userId),
    comments: listCommentsByAuthor(db, userId),
    recognition: { ideas: posted, answered, helpful: sumHelpfulRatings(db, userId) },
  };
}
