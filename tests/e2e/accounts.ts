import type { Role } from "#db/schema/users";

export const E2E_PASSWORD = "e2e password 2026";

/** One account per role, created by prepare-db.ts before the server starts. */
export const ACCOUNTS: Record<Role, { email: string; displayName: string }> = {
  resident: { email: "e2e-resident@example.org", displayName: "Erin Resident" },
  moderator: { email: "e2e-moderator@example.org", displayName: "Morgan Moderator" },
  council: { email: "e2e-council@example.org", displayName: "Charlie Council" },
  admin: { email: "e2e-admin@example.org", displayName: "Alex Admin" },
};

export const HIDDEN_IDEA_TITLE = "Zeppelin hangar hidden idea";
export const WITHDRAWN_IDEA_TITLE = "Zeppelin mast withdrawn idea";
