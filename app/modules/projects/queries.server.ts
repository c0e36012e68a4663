import { desc, eq, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { inList, listParams, prepared } from "#db/prepared";
import { projectTrackers, projectUpdates } from "#db/schema";
import { fundingOf, ideaIdsOnBallot } from "~/modules/budgets/queries.server";
import { listDepartments } from "~/modules/departments/queries.server";
import { getIdeaForModeration, listIdeasByStatus } from "~/modules/ideas/audience.server";
import { loadIdeaState } from "~/modules/ideas/state.server";
import { PROJECTS_PAGE_SIZE, TRACKED_STATUSES } from "./kinds";
import type { ProjectListQuery } from "./validation";

function trackersOf(db: Db, ideaIds: number[]) {
  if (ideaIds.length === 0) return new Map<number, typeof projectTrackers.$inferSelect>();
  return new Map(
    prepared(db, `projects:trackers-of:${ideaIds.length}`, () => db.select().from(projectTrackers).where(inList(projectTrackers.ideaId, ideaIds.length)).prepare())
      .all(listParams(ideaIds))
      .map((r) => [r.ideaId, r]),
  );
}

/** A project's figures as the tracker and its page show them: progress, money, cycle, department, expected end. */
function projectFigures(
  status: string,
  tracker: typeof projectTrackers.$inferSelect | undefined,
  money: ReturnType<typeof fundingOf> extends Map<number, infer V> ? V | undefined : never,
  department: { nameEn: string; nameFr: string } | undefined,
) {
  return {
    progress: status === "completed" ? 100 : (tracker?.progress ?? 0),
    spent: tracker?.spent ?? 0,
    allocated: money?.cost ?? null,
    currency: money?.currency ?? null,
    cycle: money ? { slug: money.cycle, name: money.cycleName } : null,
    departmentEn: department?.nameEn ?? null,
    departmentFr: department?.nameFr ?? null,
    expectedAt: tracker?.expectedAt?.toISOString() ?? null,
  };
}

/** The tracker: every funded or accepted project, filtered by status, district, category and cycle, a page at a time. */
export function listTrackedProjects(db: Db, query: ProjectListQuery, pageSize = PROJECTS_PAGE_SIZE) {
  const ideaIds = query.cycle ? ideaIdsOnBallot(db, query.cycle) : undefined;
  const rows = listIdeasByStatus(db, { statuses: query.status ? [query.status] : TRACKED_STATUSES, districtId: query.district, categoryId: query.category, ideaIds }, pageSize, (query.page - 1) * pageSize);
  const page = rows.slice(0, pageSize);
  const ids = page.map((r) => r.id);
  const trackers = trackersOf(db, ids);
  const funding = fundingOf(db, ids);
  const departments = new Map(listDepartments(db).map((d) => [d.id, d]));
  return {
    hasNext: rows.length > pageSize,
    projects: page.map((r) => {
      const tracker = trackers.get(r.id);
      return {
        ideaId: r.id,
        title: r.title,
        excerpt: r.excerpt,
        status: r.status,
        districtId: r.districtId,
        categoryId: r.categoryId,
        photo: r.photo,
        latitude: r.latitude,
        longitude: r.longitude,
        ...projectFigures(r.status, tracker, funding.get(r.id), r.departmentId ? departments.get(r.departmentId) : undefined),
        updatedAt: tracker?.updatedAt.toISOString() ?? null,
      };
    }),
  };
}

/** One project's page: the idea in short, its figures, and its dated updates with photos, newest first. */
export function getProjectPage(db: Db, ideaId: number) {
  const idea = loadIdeaState(db, ideaId);
  if (!idea || idea.hiddenAt || !(TRACKED_STATUSES as readonly string[]).includes(idea.status)) return null;
  const text = getIdeaForModeration(db, ideaId)!;
  const department = idea.departmentId ? listDepartments(db).find((d) => d.id === idea.departmentId) : undefined;
  const updates = db.select().from(projectUpdates).where(eq(projectUpdates.ideaId, ideaId)).orderBy(desc(projectUpdates.id)).limit(100).all();
  return {
    ideaId,
    title: idea.title,
    body: text.body.slice(0, 600),
    status: idea.status,
    districtId: idea.districtId,
    ...projectFigures(idea.status, trackersOf(db, [ideaId]).get(ideaId), fundingOf(db, [ideaId]).get(ideaId), department),
    updates: updates.map((u) => ({ id: u.id, bodyHtml: u.bodyHtml, progress: u.progress, spent: u.spent, photos: u.photos, completes: u.completes, at: u.createdAt.toISOString() })),
  };
}

/** Whether a stored photo belongs to an update of a project that is shown (the uploads route asks). */
export function isPublicProjectPhoto(db: Db, fileName: string) {
  // File names are server-chosen (uuid.webp): no LIKE wildcard can be in them.
  if (!/^[a-f0-9-]+\.webp$/.test(fileName)) return false;
  const row = db
    .select({ ideaId: projectUpdates.ideaId })
    .from(projectUpdates)
    .where(sql`${projectUpdates.photos} like ${`%"${fileName}"%`}`)
    .get();
  return !!row && getProjectPage(db, row.ideaId) !== null;
}
