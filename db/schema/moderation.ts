import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CASE_KINDS, CASE_STATUSES, DECISIONS, LOG_TARGETS } from "../../app/modules/moderation/kinds";
import { REPORT_TARGETS } from "../../app/modules/reports/reasons";
import { users } from "./users";

/**
 * A moderation case: one per reported item while it waits for a decision (a unique index), not
 * one per report. `score` is the sum of its reports' weights, fixed when each report was filed;
 * `spamScore` the local spam signal at opening (app/modules/moderation/spam.server.ts).
 */
export const moderationCases = sqliteTable(
  "moderation_cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetType: text("target_type", { enum: REPORT_TARGETS }).notNull(),
    targetId: integer("target_id").notNull(),
    // The idea the item belongs to (itself for an idea), for the link and the context.
    ideaId: integer("idea_id").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: CASE_KINDS }).notNull(),
    status: text("status", { enum: CASE_STATUSES }).notNull().default("open"),
    score: real("score").notNull().default(0),
    reportCount: integer("report_count").notNull().default(0),
    spamScore: integer("spam_score").notNull().default(0),
    spamSignals: text("spam_signals", { mode: "json" }).$type<string[]>().notNull(),
    autoHiddenAt: integer("auto_hidden_at", { mode: "timestamp" }),
    // A review case: the decision the author asked to have looked at again.
    reviewOfDecisionId: integer("review_of_decision_id"),
    openedAt: integer("opened_at", { mode: "timestamp" }).notNull(),
    lastReportAt: integer("last_report_at", { mode: "timestamp" }),
    decidedAt: integer("decided_at", { mode: "timestamp" }),
    decidedBy: text("decided_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("moderation_cases_open_target_idx").on(t.targetType, t.targetId).where(sql`${t.status} = 'open'`),
    index("moderation_cases_open_score_idx").on(t.score, t.id).where(sql`${t.status} = 'open'`),
    index("moderation_cases_open_reports_idx").on(t.reportCount, t.id).where(sql`${t.status} = 'open'`),
    index("moderation_cases_open_opened_idx").on(t.openedAt, t.id).where(sql`${t.status} = 'open'`),
    index("moderation_cases_open_spam_idx").on(t.spamScore, t.id).where(sql`${t.status} = 'open'`),
    // The queue filtered to ideas or comments, in each of its orders: read in order, no sort.
    index("moderation_cases_open_type_score_idx").on(t.targetType, t.score, t.id).where(sql`${t.status} = 'open'`),
    index("moderation_cases_open_type_reports_idx").on(t.targetType, t.reportCount, t.id).where(sql`${t.status} = 'open'`),
    index("moderation_cases_open_type_opened_idx").on(t.targetType, t.openedAt, t.id).where(sql`${t.status} = 'open'`),
    index("moderation_cases_open_type_spam_idx").on(t.targetType, t.spamScore, t.id).where(sql`${t.status} = 'open'`),
    index("moderation_cases_author_idx").on(t.authorId, t.status),
    index("moderation_cases_target_idx").on(t.targetType, t.targetId),
  ],
);

/**
 * Every moderation decision, append-only: the public log reads it (date, action, public reason,
 * kind of content; never the moderator's or reporters' names). `reviewRequestedAt` is set once,
 * when the author asks for the decision to be looked at again.
 */
export const moderationDecisions = sqliteTable(
  "moderation_decisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id").references(() => moderationCases.id),
    action: text("action", { enum: DECISIONS }).notNull(),
    targetType: text("target_type", { enum: LOG_TARGETS }).notNull(),
    targetId: text("target_id").notNull(),
    // Whose content or account it concerns (for their history and their review request; not shown in public).
    subjectId: text("subject_id").references(() => users.id, { onDelete: "set null" }),
    publicReason: text("public_reason"),
    moderatorId: text("moderator_id").references(() => users.id, { onDelete: "set null" }),
    reviewRequestedAt: integer("review_requested_at", { mode: "timestamp" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [
    index("moderation_decisions_created_idx").on(t.createdAt, t.id),
    index("moderation_decisions_target_idx").on(t.targetType, t.targetId, t.id),
    index("moderation_decisions_subject_idx").on(t.subjectId, t.action),
  ],
);
