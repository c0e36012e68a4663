import { and, asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { responseTemplates } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import type { Locale } from "~/modules/i18n/config";
import type { StaffStatus } from "~/modules/ideas/lifecycle";
import { checkActive, isRefusal } from "~/modules/users/standing.server";
import type { TemplateInput } from "./validation";

const columns = { id: responseTemplates.id, status: responseTemplates.status, locale: responseTemplates.locale, title: responseTemplates.title, body: responseTemplates.body };

/** Response templates, by status then title; optionally one language and some statuses only. */
export function listTemplates(db: Db, { locale }: { locale?: Locale } = {}) {
  return db
    .select(columns)
    .from(responseTemplates)
    .where(locale ? eq(responseTemplates.locale, locale) : undefined)
    .orderBy(asc(responseTemplates.status), asc(responseTemplates.title))
    .all();
}

export function getTemplate(db: Db, id: number, filter: { status?: StaffStatus; locale?: Locale } = {}) {
  return (
    db
      .select(columns)
      .from(responseTemplates)
      .where(and(eq(responseTemplates.id, id), filter.status ? eq(responseTemplates.status, filter.status) : undefined))
      .get() ?? null
  );
}

export function saveTemplate(db: Db, actor: Actor, input: TemplateInput): Outcome<{ id: number }> {
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (standing.role !== "admin") return refuse("forbidden");
    const values = { status: input.status, locale: input.locale, title: input.title, body: input.body, updatedAt: new Date(), updatedBy: actor.id };
    let id = input.id;
    if (id) {
      const updated = tx.update(responseTemplates).set(values).where(eq(responseTemplates.id, id)).returning({ id: responseTemplates.id }).get();
      if (!updated) return refuse("notFound");
    } else {
      id = tx.insert(responseTemplates).values(values).returning({ id: responseTemplates.id }).get().id;
    }
    recordAudit(tx, { actorId: actor.id, action: input.id ? "template.updated" : "template.created", targetType: "template", targetId: String(id), details: { status: input.status, locale: input.locale, title: input.title } });
    return done({ id });
  });
}

export function deleteTemplate(db: Db, actor: Actor, id: number): Outcome<null> {
  return runCommand(db, (tx) => {
    const standing = checkActive(tx, actor.id);
    if (isRefusal(standing)) return standing;
    if (standing.role !== "admin") return refuse("forbidden");
    const removed = tx.delete(responseTemplates).where(eq(responseTemplates.id, id)).returning({ title: responseTemplates.title }).get();
    if (!removed) return refuse("notFound");
    recordAudit(tx, { actorId: actor.id, action: "template.deleted", targetType: "template", targetId: String(id), details: { title: removed.title } });
    return done(null);
  });
}
