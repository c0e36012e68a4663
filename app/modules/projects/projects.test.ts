import { eq } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { ideas, notifications, projectUpdates } from "#db/schema";
import { createIdeaRow } from "#tests/factories/ideas";
import { createUser } from "#tests/factories/users";
import { castSupport, setFollowing } from "~/modules/ideas/commands.server";
import { XSS_CORPUS, assertInertHtml } from "~/modules/markdown/xss-corpus";
import { postProjectUpdate } from "./commands.server";
import { getProjectPage, isPublicProjectPhoto, listTrackedProjects } from "./queries.server";
import { ProjectListQuerySchema, ProjectUpdateSchema } from "./validation";

const db = () => getDb();
const photo = () => sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 140, b: 60 } } }).jpeg().toBuffer();
const kinds = (userId: string) => db().select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId)).all().map((n) => n.kind);
const status = (ideaId: number) => db().select({ status: ideas.status }).from(ideas).where(eq(ideas.id, ideaId)).get()!.status;

async function fundedProject() {
  const author = await createUser(db());
  const supporter = await createUser(db());
  const follower = await createUser(db());
  const idea = createIdeaRow(db(), author.id, { status: "funded", title: "A footbridge over the canal" });
  castSupport(db(), supporter, idea.id, "up");
  setFollowing(db(), follower, idea.id, true);
  const council = await createUser(db(), { role: "council" });
  return { idea, author, supporter, follower, council };
}

const update = (fields: Record<string, string>) => ProjectUpdateSchema.parse(fields);

describe("the project tracker", () => {
  it("staff updates move a funded project to in progress, then to completed with closing photos; its people hear each step", async () => {
    const { idea, author, supporter, follower, council } = await fundedProject();
    expect(await postProjectUpdate(db(), author, idea.id, update({ body: "Done", progress: "10" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await postProjectUpdate(db(), council, idea.id, update({ body: "Works have started.", progress: "20", spent: "15000", expectedAt: "2027-06-30" }))).toMatchObject({ ok: true, value: { status: "in_progress" } });
    expect(status(idea.id)).toBe("in_progress");
    expect(await postProjectUpdate(db(), council, idea.id, update({ body: "Half the deck is laid.", progress: "50" }))).toMatchObject({ ok: true, value: { status: "in_progress" } });
    for (const person of [author, supporter, follower]) expect(kinds(person.id)).toContain("project_update");
    // Completion needs closing photos.
    expect(await postProjectUpdate(db(), council, idea.id, update({ body: "Open!", progress: "100", complete: "yes" }))).toMatchObject({ ok: false, fieldErrors: { photos: ["errors.projects.closingPhotos"] } });
    expect(ProjectUpdateSchema.safeParse({ body: "Open!", progress: "90", complete: "yes" }).success).toBe(false);
    expect(await postProjectUpdate(db(), council, idea.id, update({ body: "The footbridge is open.", progress: "100", complete: "yes" }), [await photo()])).toMatchObject({ ok: true, value: { status: "completed" } });
    expect(status(idea.id)).toBe("completed");
    for (const person of [author, supporter, follower]) expect(kinds(person.id).filter((k) => k === "idea_answered" || k === "idea_status").length).toBeGreaterThan(0);
    expect(await postProjectUpdate(db(), council, idea.id, update({ body: "More", progress: "100" }))).toMatchObject({ ok: false, code: "conflict" });
    const page = getProjectPage(db(), idea.id)!;
    expect(page).toMatchObject({ status: "completed", progress: 100, spent: 15000 });
    expect(page.updates[0]).toMatchObject({ completes: true, photos: [expect.stringMatching(/\.webp$/)] });
    expect(page.expectedAt).toMatch(/^2027-06-30/);
    // Its photos are served like the idea's; a name nobody stored is not.
    expect(isPublicProjectPhoto(db(), page.updates[0].photos[0])).toBe(true);
    expect(isPublicProjectPhoto(db(), "00000000-0000-0000-0000-000000000000.webp")).toBe(false);
    expect(isPublicProjectPhoto(db(), "%")).toBe(false);
  });

  it("lists tracked projects by status and leaves out ideas not decided, and renders hostile text inert", async () => {
    const { idea, council, author } = await fundedProject();
    const open = createIdeaRow(db(), author.id, { status: "published", title: "Not a project" });
    const accepted = createIdeaRow(db(), author.id, { status: "accepted", title: "An accepted one" });
    const listed = listTrackedProjects(db(), ProjectListQuerySchema.parse({})).projects.map((p) => p.ideaId);
    expect(listed).toEqual(expect.arrayContaining([idea.id, accepted.id]));
    expect(listed).not.toContain(open.id);
    expect(listTrackedProjects(db(), ProjectListQuerySchema.parse({ status: "accepted" })).projects.map((p) => p.ideaId)).toEqual([accepted.id]);
    expect(getProjectPage(db(), open.id)).toBeNull();
    let posted = 0;
    for (const attack of XSS_CORPUS) {
      // What the form refuses (control characters, too long) never reaches the page either.
      const parsed = ProjectUpdateSchema.safeParse({ body: attack, progress: "5" });
      if (!parsed.success) continue;
      expect((await postProjectUpdate(db(), council, accepted.id, parsed.data)).ok).toBe(true);
      posted++;
    }
    expect(posted).toBeGreaterThan(XSS_CORPUS.length / 2);
    for (const u of db().select({ html: projectUpdates.bodyHtml }).from(projectUpdates).where(eq(projectUpdates.ideaId, accepted.id)).all()) expect(assertInertHtml(u.html)).toEqual([]);
  });
});
