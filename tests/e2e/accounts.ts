import type { Role } from "~/modules/users/roles";

import path from "node:path";

export const E2E_PASSWORD = "e2e password 2026";

/** The database the end-to-end server runs on (tests/e2e/server.js). */
export const E2E_DATABASE = path.resolve("tests/.e2e/e2e.db");

/** Where the end-to-end server writes each e-mail as an .eml file (MAIL_TRANSPORT=outbox). */
export const E2E_OUTBOX = path.resolve("tests/.e2e/outbox");

/** One account per role, created by prepare-db.ts before the server starts. */
export const ACCOUNTS: Record<Role, { email: string; displayName: string }> = {
  resident: { email: "e2e-resident@example.org", displayName: "Erin Resident" },
  moderator: { email: "e2e-moderator@example.org", displayName: "Morgan Moderator" },
  council: { email: "e2e-council@example.org", displayName: "Charlie Council" },
  admin: { email: "e2e-admin@example.org", displayName: "Alex Admin" },
};

