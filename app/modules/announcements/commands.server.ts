import type { Db } from "#db/client";
import { announcements } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, invalid, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { districtExists } from "~/modules/places/queries.server";
import type { AnnouncementInput } from "./validation";

/**
 * Council staff or an admin announce something to the whole city or one district: kept in the
 * archive, shown on the home page, and in the notifications of everyone it is for (their e-mail
 * as they chose for announcements).
 */
export function postAnnouncement(db: Db, actor: Actor, input: AnnouncementInput, now = new Date()): Outcome<{ id: number }> {
  if (actor.role !== "council" && actor.role !== "admin") return refuse("forbidden");
  const bodyHtml = renderMarkdown(input.body);
  return runCommand(db, (tx) => {
    if (input.districtId !== undefined && !districtExists(tx, input.districtId)) return invalid({ districtId: ["errors.districtInvalid"] });
    const { id } = tx
      .insert(announcements)
      .values({ title: input.title, body: input.body, bodyHtml, districtId: input.districtId ?? null, link: input.link ?? null, authorId: actor.id, createdAt: now })
      .returning({ id: announcements.id })
      .get();
    recordAudit(tx, { actorId: actor.id, action: "announcement.posted", targetType: "announcement", targetId: String(id), details: { districtId: input.districtId ?? null } });
    return done({ id }, [{ type: "announcement.posted", announcementId: id, districtId: input.districtId ?? null, actorId: actor.id }]);
  });
}
