import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { listCommentsByAuthor, sumHelpfulRatings } from "~/modules/comments/queries.server";
import { countPublicIdeas, listIdeasByAuthor } from "~/modules/ideas/queries.server";

/** What anyone may see of a resident: name, role, public contributions, recognition for outcomes. */
export function getPublicProfile(userId: string) {
  const user = getDb().select({ id: users.id, displayName: users.displayName, role: users.role, createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const { posted, answered } = countPublicIdeas(userId);
  return {
    user: { ...user, createdAt: user.createdAt.toISOString() },
    ideas: listIdeasByAuthor(userId),
    comments: listCommentsByAuthor(userId),
    recognition: { ideas: posted, answered, helpful: sumHelpfulRatings(userId) },
  };
}
