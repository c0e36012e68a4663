import { describe, expect, it, vi } from "vitest";
import { getDb } from "#db/client";
import { ideas } from "#db/schema";
import { createUser } from "#tests/factories/users";
import { createIdeaRow } from "#tests/factories/ideas";
import { SUBSCRIBERS } from "~/modules/events/subscribers.server";
import { done, refuse } from "./outcome";
import { runCommand } from "./runner.server";
import { eq } from "drizzle-orm";

describe("runCommand", () => {
  it("commits the core's writes and the in-transaction subscribers' writes together", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id);
    // A comment.created event makes the ideas module recount the idea's comments in the same transaction.
    const outcome = runCommand(getDb(), (tx) => {
      tx.run(`insert into comments (idea_id, author_id, depth, body, stance, helpful_count, created_at) values (${id}, '${author.id}', 0, 'hello', 'none', 0, 0)` as never);
      return done("written", [{ type: "comment.created", commentId: 1, ideaId: id, parentId: null, actorId: author.id }]);
    });
    expect(outcome).toEqual({ ok: true, value: "written" });
    expect(getDb().select().from(ideas).where(eq(ideas.id, id)).get()!.commentCount).toBe(1);
  });

  it("rolls everything back on a refusal, and returns it", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id, { title: "Before" });
    const outcome = runCommand(getDb(), (tx) => {
      tx.update(ideas).set({ title: "During" }).where(eq(ideas.id, id)).run();
      return refuse("closed");
    });
    expect(outcome).toEqual({ ok: false, code: "closed", message: "errors.refused.closed" });
    expect(getDb().select().from(ideas).where(eq(ideas.id, id)).get()!.title).toBe("Before");
  });

  it("rolls everything back when the core throws, and lets the error through", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id, { title: "Before" });
    expect(() =>
      runCommand(getDb(), (tx) => {
        tx.update(ideas).set({ title: "During" }).where(eq(ideas.id, id)).run();
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(getDb().select().from(ideas).where(eq(ideas.id, id)).get()!.title).toBe("Before");
  });

  it("a failing after-commit subscriber is logged and never undoes the commit", async () => {
    const author = await createUser(getDb());
    const { id } = createIdeaRow(getDb(), author.id, { title: "Before" });
    const cache = SUBSCRIBERS.find((s) => s.name === "ideas.searchCache")!;
    const handle = vi.spyOn(cache, "handle").mockImplementation(() => {
      throw new Error("cache down");
    });
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const outcome = runCommand(getDb(), (tx) => {
        tx.update(ideas).set({ title: "After" }).where(eq(ideas.id, id)).run();
        return done(null, [{ type: "idea.edited", ideaId: id, actorId: author.id }]);
      });
      expect(outcome.ok).toBe(true);
      expect(handle).toHaveBeenCalledOnce();
      expect(String(stderr.mock.calls[0]?.[0])).toContain("after-commit subscriber failed");
    } finally {
      handle.mockRestore();
      stderr.mockRestore();
    }
    expect(getDb().select().from(ideas).where(eq(ideas.id, id)).get()!.title).toBe("After");
  });

  it("takes the write lock first (BEGIN IMMEDIATE), so a second connection waits rather than racing", async () => {
    const db = getDb();
    let inside = false;
    runCommand(db, (tx) => {
      inside = tx.$client.inTransaction;
      return done(null);
    });
    expect(inside).toBe(true);
    expect(db.$client.inTransaction).toBe(false);
  });
});
