import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { departments } from "./departments";
import { categories, districts } from "./places";
import { users } from "./users";

import { IDEA_STATUSES, QUEUE_REASONS, TIMELINE_KINDS } from "../../app/modules/ideas/statuses";
import { STANCES } from "../../app/modules/comments/stances";
import { REPORT_REASONS, REPORT_TARGETS } from "../../app/modules/reports/reasons";
import { HIDDEN_KINDS, REPORT_OUTCOMES } from "../../app/modules/moderation/kinds";


export const ideas = sqliteTable(
  "ideas",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    body: text("body").notNull(),
    // Plain-text start of the body for lists, made once at write time (Markdown rendering is costly).
    excerpt: text("excerpt").notNull().default(""),
    categoryId: integer("category_id").references(() => categories.id),
    districtId: integer("district_id").references(() => districts.id),
    latitude: real("latitude"),
    longitude: real("longitude"),
    estimatedCost: integer("estimated_cost"),
    status: text("status", { enum: IDEA_STATUSES }).notNull().default("published"),
    hiddenAt: integer("hidden_at", { mode: "timestamp" }),
    hiddenReason: text("hidden_reason"),
    hiddenKind: text("hidden_kind", { enum: HIDDEN_KINDS }),
    // 1 when residents and visitors may see the idea (not hidden, not withdrawn). Kept by the
    // commands that change status or hiding, so every public list filters and indexes one column.
    listed: integer("listed", { mode: "boolean" }).notNull().default(true),
    upCount: integer("up_count").notNull().default(0),
    downCount: integer("down_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    // Reddit's "hot" score: log10 of net support plus the posting time in 12.5-hour units.
    // Newer ideas need less support to rank high, and nothing has to be recomputed over time.
    hotScore: real("hot_score").notNull(),
    firstResponseAt: integer("first_response_at", { mode: "timestamp" }),
    lastResponseAt: integer("last_response_at", { mode: "timestamp" }),
    // The department the idea is routed to; `departmentAssignedBy` is set when staff chose it by hand.
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "set null" }),
    departmentAssignedBy: text("department_assigned_by").references(() => users.id, { onDelete: "set null" }),
    // A merged duplicate points to the idea it was merged into.
    mergedIntoId: integer("merged_into_id"),
    // The staff queue: when and why the idea entered it, and the deadline of its current stage
    // (first response, then decision). `queueDueAt` is null when the idea is not waiting.
    queuedAt: integer("queued_at", { mode: "timestamp" }),
    queueReason: text("queue_reason", { enum: QUEUE_REASONS }),
    responseDueAt: integer("response_due_at", { mode: "timestamp" }),
    queueDueAt: integer("queue_due_at", { mode: "timestamp" }),
    editedAt: integer("edited_at", { mode: "timestamp" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [
    index("ideas_listed_hot_idx").on(t.listed, t.hotScore),
    index("ideas_listed_created_idx").on(t.listed, t.createdAt),
    index("ideas_listed_support_idx").on(t.listed, t.upCount),
    index("ideas_listed_comments_idx").on(t.listed, t.commentCount),
    index("ideas_category_hot_idx").on(t.categoryId, t.listed, t.hotScore),
    index("ideas_district_hot_idx").on(t.districtId, t.listed, t.hotScore),
    index("ideas_status_hot_idx").on(t.status, t.listed, t.hotScore),
    index("ideas_author_idx").on(t.authorId, t.createdAt),
    index("ideas_category_created_idx").on(t.categoryId, t.listed, t.createdAt),
    index("ideas_district_created_idx").on(t.districtId, t.listed, t.createdAt),
    index("ideas_department_hot_idx").on(t.departmentId, t.listed, t.hotScore),
    index("ideas_listed_answered_idx").on(t.listed, t.lastResponseAt),
    // The project tracker: accepted and funded ideas, latest news first (app/modules/projects).
    index("ideas_tracked_idx")
      .on(t.lastResponseAt, t.id)
      .where(sql`${t.listed} = 1 and ${t.status} in ('accepted', 'funded', 'in_progress', 'completed')`),
    index("ideas_queue_idx").on(t.queueDueAt).where(sql`${t.queueDueAt} is not null`),
    index("ideas_queue_department_idx").on(t.departmentId, t.queueDueAt).where(sql`${t.queueDueAt} is not null`),
    // The staff queue's counts read these alone (listed included): no row lookup per waiting idea.
    index("ideas_queue_count_idx").on(t.queueDueAt, t.listed).where(sql`${t.queueDueAt} is not null`),
    index("ideas_queue_department_count_idx").on(t.departmentId, t.queueDueAt, t.listed).where(sql`${t.queueDueAt} is not null`),
    index("ideas_queued_at_idx").on(t.queuedAt).where(sql`${t.queuedAt} is not null`),
    index("ideas_merged_into_idx").on(t.mergedIntoId).where(sql`${t.mergedIntoId} is not null`),
    check("ideas_status_check", sql`${t.status} in ('published','under_review','accepted','in_progress','completed','shortlisted','funded','not_funded','declined','merged','withdrawn')`),
    check("ideas_title_length", sql`length(${t.title}) between 1 and 120`),
    check("ideas_body_length", sql`length(${t.body}) between 1 and 10000`),
    check("ideas_latitude_range", sql`${t.latitude} is null or ${t.latitude} between -90 and 90`),
    check("ideas_longitude_range", sql`${t.longitude} is null or ${t.longitude} between -180 and 180`),
    check("ideas_cost_positive", sql`${t.estimatedCost} is null or ${t.estimatedCost} >= 0`),
  ],
);

export const ideaPhotos = sqliteTable(
  "idea_photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    fileName: text("file_name").notNull().unique(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [uniqueIndex("idea_photos_position_idx").on(t.ideaId, t.position), check("idea_photos_position_range", sql`${t.position} between 0 and 3`)],
);

/** One support vote per resident per idea: the primary key is the rule. */
export const ideaVotes = sqliteTable(
  "idea_votes",
  {
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    value: integer("value").notNull(),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index("idea_votes_user_idx").on(t.userId), check("idea_votes_value_check", sql`${t.value} in (-1, 1)`)],
);

export const ideaFollows = sqliteTable(
  "idea_follows",
  {
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  // A person's follows newest idea first (the home page) read this index backwards, no sort.
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index("idea_follows_user_idea_idx").on(t.userId, t.ideaId)],
);


export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    parentId: integer("parent_id"),
    depth: integer("depth").notNull().default(0),
    body: text("body").notNull(),
    stance: text("stance", { enum: STANCES }).notNull().default("none"),
    helpfulCount: integer("helpful_count").notNull().default(0),
    hiddenAt: integer("hidden_at", { mode: "timestamp" }),
    hiddenReason: text("hidden_reason"),
    hiddenKind: text("hidden_kind", { enum: HIDDEN_KINDS }),
    deletedAt: integer("deleted_at", { mode: "timestamp" }),
    editedAt: integer("edited_at", { mode: "timestamp" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [
    index("comments_idea_created_idx").on(t.ideaId, t.createdAt),
    index("comments_idea_stance_helpful_idx").on(t.ideaId, t.stance, t.helpfulCount),
    index("comments_parent_idx").on(t.parentId),
    index("comments_author_idx").on(t.authorId, t.createdAt),
    index("comments_created_idx").on(t.createdAt),
    check("comments_stance_check", sql`${t.stance} in ('for','against','none')`),
    check("comments_depth_check", sql`${t.depth} between 0 and 2`),
    check("comments_body_length", sql`length(${t.body}) between 1 and 5000`),
  ],
);

/** "Helpful" ratings of arguments: one per resident per comment. */
export const commentRatings = sqliteTable(
  "comment_ratings",
  {
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);


export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    targetType: text("target_type", { enum: REPORT_TARGETS }).notNull(),
    targetId: integer("target_id").notNull(),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: REPORT_REASONS }).notNull(),
    note: text("note"),
    // The reporter's weight when the report was filed (track record and account age), never recomputed.
    weight: real("weight").notNull().default(1),
    // The moderation case the report belongs to, and what its decision made of it.
    caseId: integer("case_id"),
    outcome: text("outcome", { enum: REPORT_OUTCOMES }),
    resolvedAt: integer("resolved_at", { mode: "timestamp" }),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [
    uniqueIndex("reports_one_per_person_idx").on(t.targetType, t.targetId, t.reporterId),
    index("reports_open_idx").on(t.resolvedAt, t.targetType, t.targetId),
    index("reports_case_idx").on(t.caseId),
    index("reports_reporter_outcome_idx").on(t.reporterId, t.outcome),
    check("reports_reason_check", sql`${t.reason} in ('spam','offensive','off_topic','duplicate','personal_information','other')`),
    check("reports_target_check", sql`${t.targetType} in ('idea','comment')`),
  ],
);

/**
 * The public timeline of an idea, append-only: posted, edited, routed and reassigned, each status
 * change with its official response, merged and unmerged, hidden and restored (public reason only).
 * Written by an in-transaction subscriber from the commands' events. `bodyHtml` is the sanitized
 * rendering of `body` (Markdown), made before the transaction.
 */
export const ideaTimeline = sqliteTable(
  "idea_timeline",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ideaId: integer("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: TIMELINE_KINDS }).notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    departmentId: integer("department_id").references(() => departments.id, { onDelete: "set null" }),
    fromStatus: text("from_status", { enum: IDEA_STATUSES }),
    toStatus: text("to_status", { enum: IDEA_STATUSES }),
    body: text("body"),
    bodyHtml: text("body_html"),
    otherIdeaId: integer("other_idea_id"),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
  },
  (t) => [index("idea_timeline_idea_idx").on(t.ideaId, t.id), index("idea_timeline_kind_created_idx").on(t.kind, t.createdAt)],
);

/** Each merge of a duplicate into an original, and its undoing. */
export const ideaMerges = sqliteTable(
  "idea_merges",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    duplicateId: integer("duplicate_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    originalId: integer("original_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    note: text("note").notNull(),
    fromStatus: text("from_status", { enum: IDEA_STATUSES }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp" }).notNull(),
    undoneAt: integer("undone_at", { mode: "timestamp" }),
    undoneBy: text("undone_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("idea_merges_duplicate_idx").on(t.duplicateId, t.undoneAt), index("idea_merges_original_idx").on(t.originalId)],
);

export const MERGE_MOVES = ["vote_moved", "vote_dropped", "follow_moved", "follow_dropped"] as const;

/**
 * Exactly what a merge did to each person's support and follow, so that undoing it moves back
 * those and only those (support given since the merge stays where it was given).
 */
export const ideaMergeMoves = sqliteTable(
  "idea_merge_moves",
  {
    mergeId: integer("merge_id")
      .notNull()
      .references(() => ideaMerges.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: MERGE_MOVES }).notNull(),
    value: integer("value"),
  },
  (t) => [primaryKey({ columns: [t.mergeId, t.userId, t.kind] })],
);
