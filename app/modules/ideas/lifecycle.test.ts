import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { ideaTimeline, ideas } from "#db/schema";
import { createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { ROLES } from "~/modules/users/roles";
import { STAFF_STATUSES, TRANSITIONS, checkTransition, staffChoices, type TransitionVia } from "./lifecycle";
import { respondToIdea } from "./status.server";
import { IDEA_STATUSES } from "./statuses";

const VIAS: TransitionVia[] = ["staff", "author", "budget", "merge"];

describe("the lifecycle table", () => {
  it("allows exactly the changes of product.md, each by its one route", () => {
    const allowed = new Set(TRANSITIONS.map((r) => `${r.from}>${r.to}>${r.via}`));
    expect(allowed).toEqual(
      new Set([
        "published>under_review>staff",
        "under_review>accepted>staff",
        "under_review>declined>staff",
        "accepted>in_progress>staff",
        "in_progress>completed>staff",
        "funded>in_progress>staff",
        "published>shortlisted>budget",
        "under_review>shortlisted>budget",
        "shortlisted>funded>budget",
        "shortlisted>not_funded>budget",
        "published>withdrawn>author",
        "under_review>withdrawn>author",
        "published>merged>merge",
        "under_review>merged>merge",
        "merged>published>merge",
        "merged>under_review>merge",
      ]),
    );
    // Every (from, to, via) triple: allowed exactly when the table says so, else a clear message.
    for (const from of IDEA_STATUSES) {
      for (const to of IDEA_STATUSES) {
        for (const via of VIAS) {
          const check = checkTransition(from, to, via);
          expect(check.ok, `${from} > ${to} by ${via}`).toBe(allowed.has(`${from}>${to}>${via}`));
          if (!check.ok) expect(check.message).toMatch(/^errors\.lifecycle\.(notAllowed|only\.(staff|author|budget|merge))$/);
        }
      }
    }
  });

  it("never lets anyone set funded or not funded by hand, nor merge, nor shortlist (baseline 11)", () => {
    for (const from of IDEA_STATUSES) {
      for (const to of ["funded", "not_funded", "shortlisted", "merged"] as const) {
        expect(checkTransition(from, to, "staff").ok).toBe(false);
        expect(checkTransition(from, to, "author").ok).toBe(false);
      }
    }
    expect(checkTransition("shortlisted", "funded", "staff")).toMatchObject({ ok: false, message: "errors.lifecycle.only.budget" });
  });

  it("requires a public reason to decline, and offers staff only the table's choices", () => {
    expect(TRANSITIONS.filter((r) => r.responseRequired).map((r) => r.to)).toEqual(["declined"]);
    expect(staffChoices("published")).toEqual(["under_review"]);
    expect(staffChoices("under_review")).toEqual(["accepted", "declined"]);
    expect(staffChoices("shortlisted")).toEqual([]);
    for (const from of IDEA_STATUSES) for (const to of staffChoices(from)) expect(STAFF_STATUSES).toContain(to);
  });
});

describe("every (from, to, role) triple through the staff command", () => {
  it("is allowed or refused as the table and the roles say, and nothing is written on refusal", async () => {
    const author = await createUser(getDb());
    const people = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await createUser(getDb(), { role })] as const)));
    for (const from of IDEA_STATUSES) {
      for (const to of STAFF_STATUSES) {
        for (const role of ROLES) {
          const idea = createIdeaRow(getDb(), author.id, { status: from });
          const outcome = respondToIdea(getDb(), people[role], { ideaId: idea.id, status: to, body: "Our answer." });
          const staff = role === "council" || role === "admin";
          const expected = staff && from !== to && checkTransition(from, to, "staff").ok;
          const where = `${role}: ${from} > ${to}`;
          if (from === to && staff) {
            // The same status again is a response without a change.
            expect(outcome.ok, where).toBe(true);
            continue;
          }
          expect(outcome.ok, where).toBe(expected);
          const row = getDb().select().from(ideas).where(eq(ideas.id, idea.id)).get()!;
          const entries = getDb().select().from(ideaTimeline).where(eq(ideaTimeline.ideaId, idea.id)).all();
          if (expected) {
            expect(row.status, where).toBe(to);
            expect(entries.map((e) => [e.kind, e.fromStatus, e.toStatus]), where).toEqual([["status_changed", from, to]]);
          } else {
            expect(outcome).toMatchObject({ ok: false, code: "forbidden" });
            expect(row.status, where).toBe(from);
            expect(row.firstResponseAt, where).toBeNull();
            expect(entries, where).toEqual([]);
          }
        }
      }
    }
  });
});
