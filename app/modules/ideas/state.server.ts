import { and, eq, inArray, sql, type AnyColumn } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { prepared } from "#db/prepared";
import { ideas } from "#db/schema";
import { isIdeaOpen, isListed } from "./policy";
import type { HiddenKind } from "~/modules/moderation/kinds";
import type { IdeaStatus } from "./statuses";

const stateColumns = {
  id: ideas.id,
  authorId: ideas.authorId,
  title: ideas.title,
  status: ideas.status,
  hiddenAt: ideas.hiddenAt,
  hiddenReason: ideas.hiddenReason,
  hiddenKind: ideas.hiddenKind,
  firstResponseAt: ideas.firstResponseAt,
  lastResponseAt: ideas.lastResponseAt,
  upCount: ideas.upCount,
  downCount: ideas.downCount,
  categoryId: ideas.categoryId,
  districtId: ideas.districtId,
  departmentId: ideas.departmentId,
  departmentAssignedBy: ideas.departmentAssignedBy,
  mergedIntoId: ideas.mergedIntoId,
  queuedAt: ideas.queuedAt,
  queueDueAt: ideas.queueDueAt,
  createdAt: ideas.createdAt,
};

export type IdeaState = {
  id: number;
  authorId: string;
  title: string;
  status: IdeaStatus;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  hiddenKind: HiddenKind | null;
  firstResponseAt: Date | null;
  lastResponseAt: Date | null;
  upCount: number;
  downCount: number;
  categoryId: number | null;
  districtId: number | null;
  departmentId: number | null;
  departmentAssignedBy: string | null;
  mergedIntoId: number | null;
  queuedAt: Date | null;
  queueDueAt: Date | null;
  createdAt: Date;
};

const stateStatement = (db: Db) => prepared(db, "ideas:state", () => db.select(stateColumns).from(ideas).where(eq(ideas.id, sql.placeholder("id"))).prepare());

/** The idea's current state (read inside a transaction by the commands that change it). */
export function loadIdeaState(db: Db, ideaId: number): IdeaState | null {
  return stateStatement(db).get({ id: ideaId }) ?? null;
}

/**
 * Whether residents may take part in an idea's discussion (comment, rate, report): for the
 * comments and reports modules, which ask rather than read the ideas table.
 */
export function ideaParticipation(db: Db, ideaId: number): "notFound" | "closed" | { authorId: string } {
  const idea = loadIdeaState(db, ideaId);
  if (!idea || !isListed(idea)) return "notFound";
  if (!isIdeaOpen(idea)) return "closed";
  return { authorId: idea.authorId };
}

type StateChange = Partial<Pick<IdeaState, "status" | "hiddenAt" | "hiddenReason" | "hiddenKind" | "firstResponseAt" | "lastResponseAt" | "mergedIntoId" | "queueDueAt">>;

/**
 * The one writer of an idea's status, visibility and response bookkeeping, and so of `listed`
 * (the column every public list filters on): nothing else may set them, so they cannot drift
 * apart. Callers pass the state they read in the same transaction.
 */
export function writeIdeaState(tx: Tx, current: Pick<IdeaState, "id" | "status" | "hiddenAt">, changes: StateChange) {
  const next = { status: changes.status ?? current.status, hiddenAt: changes.hiddenAt !== undefined ? changes.hiddenAt : current.hiddenAt };
  tx.update(ideas)
    .set({ ...changes, listed: isListed(next) })
    .where(eq(ideas.id, current.id))
    .run();
}

/** SQL for "this idea id is a listed idea", for other modules' queries (the ideas table stays this module's). */
export function listedIdeaCondition(ideaIdColumn: AnyColumn) {
  return sql`exists (select 1 from ${ideas} where ${ideas.id} = ${ideaIdColumn} and ${ideas.listed} = 1)`;
}

/** The listed ideas' titles, by id: other modules show the title beside their own rows. */
export function listedIdeaTitles(db: Db, ideaIds: number[]) {
  if (ideaIds.length === 0) return new Map<number, string>();
  const rows = db
    .select({ id: ideas.id, title: ideas.title })
    .from(ideas)
    .where(and(inArray(ideas.id, [...new Set(ideaIds)]), eq(ideas.listed, true)))
    .all();
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Keeps the idea's comment count equal to what the comments module counts as visible. */
export function setCommentCount(tx: Tx, ideaId: number, count: number) {
  tx.update(ideas).set({ commentCount: count }).where(eq(ideas.id, ideaId)).run();
}

/**
 * Hides an idea with its public reason, or shows it again (`hidden` null), for the moderation
 * module, inside its command's transaction. Returns the idea as it was, or null if there is none.
 */
export function setIdeaHiddenCore(tx: Tx, ideaId: number, hidden: { reason: string; kind: HiddenKind } | null, now = new Date()) {
  const idea = loadIdeaState(tx, ideaId);
  if (!idea) return null;
  writeIdeaState(tx, idea, hidden ? { hiddenAt: idea.hiddenAt ?? now, hiddenReason: hidden.reason, hiddenKind: hidden.kind } : { hiddenAt: null, hiddenReason: null, hiddenKind: null });
  return idea;
}
