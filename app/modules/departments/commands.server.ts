import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "#db/client";
import { departmentMembers, departments, routingRules, users } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, invalid, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import { placeErrors } from "~/modules/places/queries.server";
import { checkActive, isRefusal } from "~/modules/users/standing.server";
import { departmentExists } from "./queries.server";

function requireAdmin(tx: Tx, actor: Actor) {
  const standing = checkActive(tx, actor.id);
  if (isRefusal(standing)) return standing;
  return standing.role === "admin" ? null : refuse("forbidden");
}

const slugOf = (name: string) =>
  name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) || "department";

export function createDepartment(db: Db, actor: Actor, input: { nameEn: string; nameFr: string }): Outcome<{ id: number }> {
  return runCommand(db, (tx) => {
    const refused = requireAdmin(tx, actor);
    if (refused) return refused;
    let slug = slugOf(input.nameEn);
    for (let n = 2; tx.select({ id: departments.id }).from(departments).where(eq(departments.slug, slug)).get(); n++) slug = `${slugOf(input.nameEn)}-${n}`;
    const { id } = tx.insert(departments).values({ slug, nameEn: input.nameEn, nameFr: input.nameFr }).returning({ id: departments.id }).get();
    recordAudit(tx, { actorId: actor.id, action: "department.created", targetType: "department", targetId: String(id), details: { nameEn: input.nameEn, nameFr: input.nameFr } });
    return done({ id });
  });
}

/** One rule per (category, district) pair: setting a pair's rule replaces the one it had. */
export function setRoutingRule(db: Db, actor: Actor, input: { categoryId?: number; districtId?: number; departmentId: number }): Outcome<null> {
  return runCommand(db, (tx) => {
    const refused = requireAdmin(tx, actor);
    if (refused) return refused;
    const fieldErrors = placeErrors(tx, input);
    if (fieldErrors) return invalid(fieldErrors);
    if (!departmentExists(tx, input.departmentId)) return invalid({ departmentId: ["errors.choiceInvalid"] });
    const categoryId = input.categoryId ?? null;
    const districtId = input.districtId ?? null;
    tx.delete(routingRules)
      .where(and(sql`coalesce(${routingRules.categoryId}, 0) = ${categoryId ?? 0}`, sql`coalesce(${routingRules.districtId}, 0) = ${districtId ?? 0}`))
      .run();
    tx.insert(routingRules).values({ categoryId, districtId, departmentId: input.departmentId }).run();
    recordAudit(tx, { actorId: actor.id, action: "routing.rule_set", targetType: "department", targetId: String(input.departmentId), details: { categoryId, districtId } });
    return done(null);
  });
}

export function deleteRoutingRule(db: Db, actor: Actor, ruleId: number): Outcome<null> {
  return runCommand(db, (tx) => {
    const refused = requireAdmin(tx, actor);
    if (refused) return refused;
    const rule = tx.delete(routingRules).where(eq(routingRules.id, ruleId)).returning().get();
    if (!rule) return refuse("notFound");
    recordAudit(tx, { actorId: actor.id, action: "routing.rule_deleted", targetType: "department", targetId: String(rule.departmentId), details: { categoryId: rule.categoryId, districtId: rule.districtId } });
    return done(null);
  });
}

/** A staff member's departments: their queue defaults to them, and they answer for them. */
export function setDepartmentMembers(db: Db, actor: Actor, userId: string, departmentIds: number[]): Outcome<null> {
  return runCommand(db, (tx) => {
    const refused = requireAdmin(tx, actor);
    if (refused) return refused;
    const target = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!target) return refuse("notFound", { message: "errors.notFound" });
    if (target.role !== "council" && target.role !== "admin") return refuse("invalid", { message: "errors.departments.staffOnly" });
    const unique = [...new Set(departmentIds)];
    if (unique.some((id) => !departmentExists(tx, id))) return invalid({ departmentIds: ["errors.choiceInvalid"] });
    tx.delete(departmentMembers).where(eq(departmentMembers.userId, userId)).run();
    for (const departmentId of unique) tx.insert(departmentMembers).values({ departmentId, userId }).run();
    recordAudit(tx, { actorId: actor.id, action: "department.members_set", targetType: "user", targetId: userId, details: { departmentIds: unique } });
    return done(null);
  });
}
