import { and, asc, desc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import { categories, departments, districts, ideas, users } from "#db/schema";
import { done } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import type { DomainEvent } from "~/modules/events/catalogue";
import { claimRun } from "~/modules/jobs/runs.server";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { dbCache } from "~/utils/db-cache.server";
import { loadIdeaState } from "./state.server";
import { enqueueIdeaCore } from "./status.server";
import type { StaffQueueQuery } from "./validation";

export const QUEUE_PAGE_SIZE = 25;
const DAY = 86_400_000;

/**
 * The staff queue: public ideas waiting for the city (a first response, then a decision), the
 * nearest deadline first, so overdue ones lead. `departmentIds` is the default filter (the staff
 * member's own departments); `query.department` overrides it ("all" for every department).
 */
export function listStaffQueue(db: Db, query: StaffQueueQuery, departmentIds: number[]) {
  const department: SQL | undefined =
    query.department === "all" ? undefined : typeof query.department === "number" ? eq(ideas.departmentId, query.department) : departmentIds.length ? inArray(ideas.departmentId, departmentIds) : undefined;
  const rows = db
    .select({
      id: ideas.id,
      title: ideas.title,
      status: ideas.status,
      upCount: ideas.upCount,
      commentCount: ideas.commentCount,
      authorName: users.displayName,
      queuedAt: ideas.queuedAt,
      queueReason: ideas.queueReason,
      queueDueAt: ideas.queueDueAt,
      firstResponseAt: ideas.firstResponseAt,
      categoryEn: categories.nameEn,
      categoryFr: categories.nameFr,
      districtEn: districts.nameEn,
      districtFr: districts.nameFr,
      departmentEn: departments.nameEn,
      departmentFr: departments.nameFr,
    })
    .from(ideas)
    .innerJoin(users, eq(users.id, ideas.authorId))
    .leftJoin(categories, eq(categories.id, ideas.categoryId))
    .leftJoin(districts, eq(districts.id, ideas.districtId))
    .leftJoin(departments, eq(departments.id, ideas.departmentId))
    .where(
      and(
        isNotNull(ideas.queueDueAt),
        eq(ideas.listed, true),
        department,
        query.district ? eq(ideas.districtId, query.district) : undefined,
        query.category ? eq(ideas.categoryId, query.category) : undefined,
        query.status ? eq(ideas.status, query.status) : undefined,
      ),
    )
    .orderBy(asc(ideas.queueDueAt), asc(ideas.id))
    .limit(QUEUE_PAGE_SIZE + 1)
    .offset((query.page - 1) * QUEUE_PAGE_SIZE)
    .all();
  return {
    rows: rows.slice(0, QUEUE_PAGE_SIZE).map((r) => ({
      ...r,
      queuedAt: r.queuedAt?.toISOString() ?? null,
      queueDueAt: r.queueDueAt!.toISOString(),
      firstResponseAt: r.firstResponseAt?.toISOString() ?? null,
    })),
    hasNext: rows.length > QUEUE_PAGE_SIZE,
  };
}

/** How many ideas wait in the queue and how many of those are overdue, for the staff home. */
export function countQueue(db: Db, departmentIds: number[], now = new Date()) {
  // On every staff page: prepared once per number of departments.
  return prepared(db, `queue:count:${departmentIds.length}`, () =>
    db
      .select({ waiting: sql<number>`count(*)`, overdue: sql<number>`coalesce(sum(${ideas.queueDueAt} < ${sql.placeholder("now")}), 0)` })
      .from(ideas)
      .where(and(isNotNull(ideas.queueDueAt), eq(ideas.listed, true), departmentIds.length ? inList(ideas.departmentId, departmentIds.length) : undefined))
      .prepare(),
  ).get({ now: Math.floor(now.getTime() / 1000), ...listParams(departmentIds) })!;
}

const median = (values: number[]) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

type RecordLine = { departmentId: number | null; nameEn: string | null; nameFr: string | null; entered: number; answered: number; medianDays: number | null; onTimeShare: number | null; overdue: number };

/**
 * The city's public response record over the last 90 days, overall and per department: median
 * days from entering the queue to the first official response text, the share answered within the
 * promise (of those answered or already late), and the ideas overdue now.
 */
export function getResponseRecord(db: Db, now = new Date()) {
  const since = new Date(now.getTime() - 90 * DAY);
  const cohort = db
    .select({ departmentId: ideas.departmentId, queuedAt: ideas.queuedAt, firstResponseAt: ideas.firstResponseAt, responseDueAt: ideas.responseDueAt })
    .from(ideas)
    .where(and(gte(ideas.queuedAt, since), eq(ideas.listed, true)))
    .all();
  const overdue = db
    .select({ departmentId: ideas.departmentId, n: sql<number>`count(*)` })
    .from(ideas)
    .where(and(lt(ideas.queueDueAt, now), eq(ideas.listed, true)))
    .groupBy(ideas.departmentId)
    .all();
  const names = new Map(db.select({ id: departments.id, nameEn: departments.nameEn, nameFr: departments.nameFr }).from(departments).all().map((d) => [d.id, d]));
  const line = (departmentId: number | null | "all"): RecordLine => {
    const rows = departmentId === "all" ? cohort : cohort.filter((r) => r.departmentId === departmentId);
    const answered = rows.filter((r) => r.firstResponseAt);
    const due = rows.filter((r) => r.firstResponseAt || (r.responseDueAt && r.responseDueAt < now));
    const onTime = answered.filter((r) => r.responseDueAt && r.firstResponseAt! <= r.responseDueAt);
    const name = departmentId === "all" || departmentId === null ? null : names.get(departmentId);
    return {
      departmentId: departmentId === "all" ? null : departmentId,
      nameEn: name?.nameEn ?? null,
      nameFr: name?.nameFr ?? null,
      entered: rows.length,
      answered: answered.length,
      medianDays: median(answered.map((r) => (r.firstResponseAt!.getTime() - r.queuedAt!.getTime()) / DAY)),
      onTimeShare: due.length ? onTime.length / due.length : null,
      overdue: (departmentId === "all" ? overdue : overdue.filter((o) => o.departmentId === departmentId)).reduce((sum, o) => sum + o.n, 0),
    };
  };
  const departmentIds = [...new Set([...cohort.map((r) => r.departmentId), ...overdue.map((o) => o.departmentId)])].filter((id): id is number => id !== null);
  departmentIds.sort((a, b) => (names.get(a)?.nameEn ?? "").localeCompare(names.get(b)?.nameEn ?? ""));
  return {
    promise: getSiteSettings(db).responsePromise,
    overall: line("all"),
    departments: departmentIds.map((id) => line(id)),
    unassigned: cohort.some((r) => r.departmentId === null) ? line(null) : null,
  };
}

const responseRecords = dbCache<ReturnType<typeof getResponseRecord>>(60_000, 1);

/**
 * The record as the public page shows it: computed at most once a minute per process (it reads
 * every idea queued in 90 days), and recomputed at once after the city acts in this process
 * (`forgetResponseRecord`). Another process's answer shows within the minute.
 */
export function getCurrentResponseRecord(db: Db) {
  return responseRecords.get(db, "record", () => getResponseRecord(db));
}

/** After the city acts: the next reader recomputes the record (every connection's; it is only a cache). */
export function forgetResponseRecord(_db?: Db) {
  responseRecords.forget();
}

/**
 * Reykjavik's monthly pick: the top ideas of each category posted during a month (most net
 * support first) enter the staff queue. Once per month, however often it is called (the claim
 * commits with the picks).
 */
export function pickMonthlyTopIdeas(db: Db, period: string, range: { start: Date; end: Date }) {
  return runCommand(db, (tx) => {
    if (!claimRun(tx, "monthly-top", period)) return done({ picked: [] as number[] });
    const perCategory = getSiteSettings(tx).queue.monthlyTopPerCategory;
    const picked: number[] = [];
    const events: DomainEvent[] = [];
    if (perCategory > 0) {
      for (const { id: categoryId } of tx.select({ id: categories.id }).from(categories).all()) {
        const top = tx
          .select({ id: ideas.id })
          .from(ideas)
          .where(and(eq(ideas.categoryId, categoryId), eq(ideas.listed, true), gte(ideas.createdAt, range.start), lt(ideas.createdAt, range.end)))
          .orderBy(desc(sql`${ideas.upCount} - ${ideas.downCount}`), asc(ideas.createdAt))
          .limit(perCategory)
          .all();
        for (const { id } of top) {
          const idea = loadIdeaState(tx, id)!;
          const queued = enqueueIdeaCore(tx, idea, "monthly_top", null);
          if (queued.ok && queued.value.queued) {
            picked.push(id);
            events.push(...queued.events);
          }
        }
      }
    }
    return done({ picked }, events);
  });
}
