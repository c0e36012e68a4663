import { and, asc, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { prepared } from "#db/prepared";
import { categories, departmentMembers, departments, districts, routingRules, users } from "#db/schema";

export function listDepartments(db: Db) {
  return prepared(db, "departments:list", () =>
    db.select({ id: departments.id, slug: departments.slug, nameEn: departments.nameEn, nameFr: departments.nameFr }).from(departments).orderBy(asc(departments.nameEn)).prepare(),
  ).all();
}

export function departmentExists(db: Db, id: number) {
  return !!db.select({ id: departments.id }).from(departments).where(eq(departments.id, id)).get();
}

/**
 * The department an idea goes to: the most specific rule matching its category and district
 * (both, then the category alone, then the district alone), else the fallback rule (neither).
 */
export function routeFor(db: Db, categoryId: number | null, districtId: number | null): number | null {
  const row = prepared(db, "departments:route", () =>
    db
      .select({ departmentId: routingRules.departmentId })
      .from(routingRules)
      .where(
        and(
          or(isNull(routingRules.categoryId), eq(routingRules.categoryId, sql.placeholder("categoryId"))),
          or(isNull(routingRules.districtId), eq(routingRules.districtId, sql.placeholder("districtId"))),
        ),
      )
      .orderBy(desc(sql`${routingRules.categoryId} is not null`), desc(sql`${routingRules.districtId} is not null`))
      .limit(1)
      .prepare(),
  ).get({ categoryId: categoryId ?? -1, districtId: districtId ?? -1 });
  return row?.departmentId ?? null;
}

/** The departments a staff member belongs to. */
export function departmentIdsOf(db: Db, userId: string): number[] {
  return prepared(db, "departments:of-user", () =>
    db.select({ id: departmentMembers.departmentId }).from(departmentMembers).where(eq(departmentMembers.userId, sql.placeholder("userId"))).prepare(),
  )
    .all({ userId })
    .map((r) => r.id);
}

/** The routing table for the admin page, most specific rules first. */
export function listRoutingRules(db: Db) {
  return db
    .select({
      id: routingRules.id,
      categoryId: routingRules.categoryId,
      districtId: routingRules.districtId,
      departmentId: routingRules.departmentId,
      categoryEn: categories.nameEn,
      categoryFr: categories.nameFr,
      districtEn: districts.nameEn,
      districtFr: districts.nameFr,
      departmentEn: departments.nameEn,
      departmentFr: departments.nameFr,
    })
    .from(routingRules)
    .innerJoin(departments, eq(departments.id, routingRules.departmentId))
    .leftJoin(categories, eq(categories.id, routingRules.categoryId))
    .leftJoin(districts, eq(districts.id, routingRules.districtId))
    .orderBy(desc(sql`${routingRules.categoryId} is not null`), desc(sql`${routingRules.districtId} is not null`), asc(categories.nameEn), asc(districts.nameEn))
    .all();
}

/** Staff members (council and admins) and the departments they belong to, for the admin page. */
export function listStaffMembership(db: Db) {
  const staff = db
    .select({ id: users.id, displayName: users.displayName, role: users.role })
    .from(users)
    .where(or(eq(users.role, "council"), eq(users.role, "admin")))
    .orderBy(asc(users.displayName))
    .limit(500)
    .all();
  const memberships = db.select({ userId: departmentMembers.userId, departmentId: departmentMembers.departmentId }).from(departmentMembers).all();
  const byUser = new Map<string, number[]>();
  for (const m of memberships) byUser.set(m.userId, [...(byUser.get(m.userId) ?? []), m.departmentId]);
  return staff.map((s) => ({ ...s, departmentIds: byUser.get(s.id) ?? [] }));
}
