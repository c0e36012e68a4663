import { eq } from "drizzle-orm";
import { getDb } from "#db/client";
import { users } from "#db/schema";
import { listCommentsByAuthor, sumHelpfulRatings } from "~/modules/comments/queries.server";
import { listIdeasByAuthor } from "~/modules/ideas/queries.server";

/** What anyone may see of a resident: name, role, public contributions, recognition for outcomes. */
export function getPublicProfile(userId: string) {
  const user = getDb().select({ id: users.id, displayName: users.displayName, role: users.role, createdAt: users.createdAt }).from(users).where(eq(users.id, userId)).get();
  if (!user) return null;
  const ideas = listIdeasByAuthor(userId);
  return {
    user: { ...user, createdAt: user.createdAt.toISOString() },
    ideas,
    comments: listCommentsByAuthor(userId),
    recognition: {
      ideas: ideas.length,
      answered: ideas.filter((i) => i.status !== "published").length,
      helpful: sumHelpfulRatings(userId),
    },
  };
}
