import type { Db } from "#db/client";
import { siteSettings } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { checkActive, isRefusal } from "~/modules/users/standing.server";
import { SiteSettingsSchema, type SiteSettings } from "./definitions";
import { forgetSiteSettings, getSiteSettings } from "./queries.server";

/** Admins change site settings; each change is in the audit log with the old and new values. */
export function updateSiteSettings(db: Db, actor: Actor, changes: Partial<SiteSettings>): Outcome<SiteSettings> {
  const outcome = runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (standing.role !== "admin") return refuse("forbidden");
    forgetSiteSettings(tx);
    const before = getSiteSettings(tx);
    const next = SiteSettingsSchema.parse({ ...before, ...changes });
    const now = new Date();
    for (const key of Object.keys(changes) as (keyof SiteSettings)[]) {
      if (JSON.stringify(before[key]) === JSON.stringify(next[key])) continue;
      tx.insert(siteSettings)
        .values({ key, value: next[key], updatedAt: now, updatedBy: actor.id })
        .onConflictDoUpdate({ target: siteSettings.key, set: { value: next[key], updatedAt: now, updatedBy: actor.id } })
        .run();
      recordAudit(tx, { actorId: actor.id, action: "settings.changed", targetType: "setting", targetId: key, details: { from: before[key], to: next[key] } });
    }
    return done(next);
  });
  forgetSiteSettings(db);
  return outcome;
}
