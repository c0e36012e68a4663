import type { Db } from "#db/client";
import { departmentIdsOf } from "~/modules/departments/queries.server";
import type { Role } from "~/modules/users/roles";
import type { StaffScope } from "./policy";

/** What a staff member may answer for: their role and departments (read in the write's transaction). */
export function loadStaffScope(db: Db, person: { id: string; role: Role }): StaffScope {
  return { id: person.id, role: person.role, departmentIds: person.role === "council" || person.role === "admin" ? departmentIdsOf(db, person.id) : [] };
}
