import { eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { projectTrackers, projectUpdates } from "#db/schema";
import { recordAudit } from "~/modules/audit/commands.server";
import type { Actor } from "~/modules/commands/actor";
import { done, invalid, refuse, type Outcome } from "~/modules/commands/outcome";
import { runCommand } from "~/modules/commands/runner.server";
import type { DomainEvent } from "~/modules/events/catalogue";
import { discardPhotos, storeIdeaPhotos } from "~/modules/ideas/photos.server";
import { loadIdeaState } from "~/modules/ideas/state.server";
import { changeIdeaStatusCore, preparePublicText } from "~/modules/ideas/status.server";
import { TRACKED_STATUSES, type TrackedStatus } from "./kinds";
import type { ProjectUpdateInput } from "./validation";

const isStaff = (actor: Actor) => actor.role === "council" || actor.role === "admin";

/**
 * Council staff post an update on a funded or accepted project: Markdown, photos, progress,
 * money spent, the expected end. The first progress moves the idea to `in_progress`; a completing
 * update (progress 100, with closing photos) moves it to `completed` with the note as the city's
 * response, through the lifecycle, which tells its author, supporters and followers. An update
 * that changes no status tells them too, as a project update.
 */
export async function postProjectUpdate(db: Db, actor: Actor, ideaId: number, input: ProjectUpdateInput, uploads: Buffer[] = [], now = new Date()): Promise<Outcome<{ id: number; status: string }>> {
  if (!isStaff(actor)) return refuse("forbidden");
  if (input.complete && uploads.length === 0) return invalid({ photos: ["errors.projects.closingPhotos"] });
  const text = preparePublicText(input.body)!;
  const stored = await storeIdeaPhotos(uploads);
  if (!stored.ok) return invalid({ photos: [stored.error] });
  const outcome = runCommand(db, (tx) => {
    const idea = loadIdeaState(tx, ideaId);
    if (!idea || idea.hiddenAt || !(TRACKED_STATUSES as readonly string[]).includes(idea.status)) return refuse("notFound");
    if (idea.status === "completed") return refuse("conflict", { message: "errors.projects.completed" });
    const current = tx.select().from(projectTrackers).where(eq(projectTrackers.ideaId, ideaId)).get();
    const progress = input.progress ?? current?.progress ?? 0;
    const spent = input.spent ?? current?.spent ?? 0;
    const expectedAt = input.expectedAt ? new Date(`${input.expectedAt}T12:00:00Z`) : (current?.expectedAt ?? null);
    const { id } = tx
      .insert(projectUpdates)
      .values({ ideaId, authorId: actor.id, body: text.body, bodyHtml: text.bodyHtml, progress, spent, photos: stored.photos.map((p) => p.fileName), completes: !!input.complete, createdAt: now })
      .returning({ id: projectUpdates.id })
      .get();
    const tracker = { progress, spent, expectedAt, updatedAt: now };
    tx.insert(projectTrackers).values({ ideaId, ...tracker }).onConflictDoUpdate({ target: projectTrackers.ideaId, set: tracker }).run();
    const events: DomainEvent[] = [];
    let state = idea;
    const move = (to: TrackedStatus, response: typeof text | null) => {
      const changed = changeIdeaStatusCore(tx, actor, state, { to, via: "staff", response, departmentId: idea.departmentId }, now);
      if (!changed.ok) return changed;
      events.push(...changed.events);
      state = loadIdeaState(tx, ideaId)!;
      return null;
    };
    if ((state.status === "accepted" || state.status === "funded") && (progress > 0 || input.complete)) {
      const refused = move("in_progress", input.complete ? null : text);
      if (refused) return refused;
    }
    if (input.complete) {
      const refused = move("completed", text);
      if (refused) return refused;
    }
    if (events.length === 0) events.push({ type: "project.updated", ideaId, updateId: id, actorId: actor.id });
    recordAudit(tx, { actorId: actor.id, action: "project.updated", targetType: "idea", targetId: String(ideaId), details: { updateId: id, progress, spent, completes: !!input.complete } });
    return done({ id, status: state.status }, events);
  });
  if (!outcome.ok) await discardPhotos(stored.photos);
  return outcome;
}
