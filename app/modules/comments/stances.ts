/** A comment's stance on its idea: Better Reykjavik's arguments for and against. Client-safe. */
export const STANCES = ["for", "against", "none"] as const;
export type Stance = (typeof STANCES)[number];
export const MAX_COMMENT_DEPTH = 2; // replies at most 3 levels deep: depths 0, 1, 2
