/** The roles, from least to most trusted. Client-safe: the schema and the pages both use it. */
export const ROLES = ["resident", "moderator", "council", "admin"] as const;
export type Role = (typeof ROLES)[number];
