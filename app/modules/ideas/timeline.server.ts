import { asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { prepared } from "#db/prepared";
import { departments, ideaTimeline, ideas, users } from "#db/schema";
import type { DomainEvent } from "~/modules/events/catalogue";
import { alias } from "drizzle-orm/sqlite-core";
import type { IdeaStatus, TimelineKind } from "./statuses";

type Entry = {
  ideaId: number;
  kind: TimelineKind;
  actorId?: string | null;
  departmentId?: number | null;
  fromStatus?: IdeaStatus | null;
  toStatus?: IdeaStatus | null;
  text?: { body: string; bodyHtml: string } | null;
  otherIdeaId?: number | null;
};

function append(tx: Tx, entry: Entry, at = new Date()) {
  tx.insert(ideaTimeline)
    .values({
      ideaId: entry.ideaId,
      kind: entry.kind,
      actorId: entry.actorId ?? null,
      departmentId: entry.departmentId ?? null,
      fromStatus: entry.fromStatus ?? null,
      toStatus: entry.toStatus ?? null,
      body: entry.text?.body ?? null,
      bodyHtml: entry.text?.bodyHtml ?? null,
      otherIdeaId: entry.otherIdeaId ?? null,
      createdAt: at,
    })
    .run();
}

/** The timeline rows an event adds (inside the command's transaction). */
export function recordOnTimeline(tx: Tx, event: DomainEvent) {
  switch (event.type) {
    case "idea.created":
      return append(tx, { ideaId: event.ideaId, kind: "posted", actorId: event.actorId });
    case "idea.edited":
      return append(tx, { ideaId: event.ideaId, kind: "edited", actorId: event.actorId });
    case "idea.routed":
      return append(tx, { ideaId: event.ideaId, kind: "routed", departmentId: event.departmentId });
    case "idea.reassigned":
      return append(tx, { ideaId: event.ideaId, kind: "reassigned", actorId: event.actorId, departmentId: event.toDepartmentId, text: event.note });
    case "idea.statusChanged":
      // A merge and its undoing have entries of their own (with the other idea).
      if (event.via === "merge") return;
      return append(tx, { ideaId: event.ideaId, kind: "status_changed", actorId: event.actorId, departmentId: event.departmentId, fromStatus: event.from, toStatus: event.to, text: event.response });
    case "idea.responded":
      return append(tx, { ideaId: event.ideaId, kind: "responded", actorId: event.actorId, departmentId: event.departmentId, text: event.response });
    case "idea.merged":
      append(tx, { ideaId: event.duplicateId, kind: "merged", actorId: event.actorId, otherIdeaId: event.originalId, text: event.note });
      return append(tx, { ideaId: event.originalId, kind: "merged_in", actorId: event.actorId, otherIdeaId: event.duplicateId, text: event.note });
    case "idea.unmerged":
      append(tx, { ideaId: event.duplicateId, kind: "unmerged", actorId: event.actorId, otherIdeaId: event.originalId });
      return append(tx, { ideaId: event.originalId, kind: "unmerged", actorId: event.actorId, otherIdeaId: event.duplicateId });
    case "content.hidden":
    case "content.restored":
      // Only the idea itself: a hidden comment is shown as such in the discussion.
      if (event.targetType !== "idea") return;
      return append(tx, {
        ideaId: event.ideaId,
        kind: event.type === "content.hidden" ? "hidden" : "restored",
        actorId: event.actorId,
        text: event.type === "content.hidden" && event.reason ? { body: event.reason, bodyHtml: "" } : null,
      });
  }
}

export const TIMELINE_EVENTS = ["idea.created", "idea.edited", "idea.routed", "idea.reassigned", "idea.statusChanged", "idea.responded", "idea.merged", "idea.unmerged", "content.hidden", "content.restored"] as const;

const otherIdea = alias(ideas, "other_idea");

/**
 * An idea's public timeline, oldest first: who did what and when, the department that answered,
 * and the official responses. The other idea of a merge is named only while it is listed.
 */
export function listTimeline(db: Db, ideaId: number) {
  return prepared(db, "ideas:timeline", () =>
    db
      .select({
        id: ideaTimeline.id,
        kind: ideaTimeline.kind,
        fromStatus: ideaTimeline.fromStatus,
        toStatus: ideaTimeline.toStatus,
        bodyHtml: ideaTimeline.bodyHtml,
        // A moderator's public reason is plain text (no Markdown), shown as the entry's words.
        reason: sql<string | null>`case when ${ideaTimeline.kind} in ('hidden', 'restored') then ${ideaTimeline.body} end`,
        createdAt: ideaTimeline.createdAt,
        actorName: users.displayName,
        actorRole: users.role,
        departmentEn: departments.nameEn,
        departmentFr: departments.nameFr,
        otherIdeaId: ideaTimeline.otherIdeaId,
        otherIdeaTitle: sql<string | null>`case when ${otherIdea.listed} = 1 then ${otherIdea.title} end`,
      })
      .from(ideaTimeline)
      .leftJoin(users, eq(users.id, ideaTimeline.actorId))
      .leftJoin(departments, eq(departments.id, ideaTimeline.departmentId))
      .leftJoin(otherIdea, eq(otherIdea.id, ideaTimeline.otherIdeaId))
      .where(eq(ideaTimeline.ideaId, sql.placeholder("ideaId")))
      .orderBy(asc(ideaTimeline.id))
      .prepare(),
  )
    .all({ ideaId })
    .map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export type TimelineEntry = ReturnType<typeof listTimeline>[number];
