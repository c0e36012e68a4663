import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "#db/client";
import { ballots, ballotVoters, ideaFollows, ideas, ideaVotes, notifications, sessions, users } from "#db/schema";
import { createBallotProject, createBudgetCycle } from "#tests/factories/budgets";
import { createIdeaRow } from "#tests/factories/ideas";
import { createUser, DEFAULT_TEST_PASSWORD } from "#tests/factories/users";
import { createSession } from "~/modules/auth/session.server";
import { saveBallotDraft, submitBallot } from "~/modules/budgets/commands.server";
import { countCycle, listResults } from "~/modules/budgets/count.server";
import { publishResults } from "~/modules/budgets/publish.server";
import { castSupport, setFollowing } from "~/modules/ideas/commands.server";
import { deleteAccount, prepareDataExport, readDataExport } from "./data-rights.server";
import { DELETED_NAME } from "./names";

const db = () => getDb();

async function voterWithABallot() {
  const author = await createUser(db());
  const { cycle, envelopes } = createBudgetCycle(db(), [{ districtId: null, amount: 100_000 }]);
  const project = createBallotProject(db(), cycle.id, envelopes[0].id, author.id, { cost: 10_000, title: "Benches" });
  const voter = await createUser(db(), { createdAt: new Date(Date.now() - 90 * 86_400_000), displayName: "Vera Voter" });
  const draft = saveBallotDraft(db(), voter, envelopes[0].id, new Map([[project.id, 4]]));
  if (!draft.ok) throw new Error("draft refused");
  const recorded = submitBallot(db(), voter, envelopes[0].id, draft.value.token);
  if (!recorded.ok) throw new Error("ballot refused");
  const idea = createIdeaRow(db(), author.id, { title: "A quiet street" });
  castSupport(db(), voter, idea.id, "up");
  setFollowing(db(), voter, idea.id, true);
  return { cycle, envelope: envelopes[0], voter, receipt: recorded.value.receiptCode, idea, author };
}

describe("download my data", () => {
  it("holds the person's profile, support, follows and own ballot with its receipt, and nothing of anyone else's", async () => {
    const { voter, receipt, idea, author } = await voterWithABallot();
    const prepared = prepareDataExport(db(), voter);
    if (!prepared.ok) throw new Error("refused");
    const content = readDataExport(db(), voter, prepared.value.token)!;
    const data = JSON.parse(content);
    expect(data.profile).toMatchObject({ id: voter.id, email: voter.email, displayName: "Vera Voter" });
    expect(data.support).toEqual([expect.objectContaining({ ideaId: idea.id, value: 1 })]);
    expect(data.follows).toEqual([expect.objectContaining({ ideaId: idea.id })]);
    expect(data.ballots).toEqual([expect.objectContaining({ receiptCode: receipt, source: "online", choices: [expect.objectContaining({ tokens: 4 })] })]);
    expect(content).not.toContain(author.email);
    expect(content).not.toContain(author.id);
  });

  it("works only for its owner's session and until it expires (baseline 31)", async () => {
    const { voter } = await voterWithABallot();
    const other = await createUser(db());
    const prepared = prepareDataExport(db(), voter);
    if (!prepared.ok) throw new Error("refused");
    expect(readDataExport(db(), other, prepared.value.token)).toBeNull();
    expect(readDataExport(db(), voter, "not-the-token")).toBeNull();
    expect(readDataExport(db(), voter, prepared.value.token, new Date(Date.now() + 61 * 60_000))).toBeNull();
    // A new export replaces the old link.
    const again = prepareDataExport(db(), voter);
    if (!again.ok) throw new Error("refused");
    expect(readDataExport(db(), voter, prepared.value.token)).toBeNull();
    expect(readDataExport(db(), voter, again.value.token)).not.toBeNull();
  });
});

describe("delete my account", () => {
  it("needs the password; then ends every session, erases the person and keeps counts, ballots and published results as they were (baseline 32)", async () => {
    const { cycle, envelope, voter, idea } = await voterWithABallot();
    await createSession(db(), voter.id);
    await createSession(db(), voter.id);
    db().run(sql`update budget_cycles set voting_ends_at = ${Math.floor(Date.now() / 1000) - 60} where id = ${cycle.id}`);
    const admin = await createUser(db(), { role: "admin" });
    expect(await countCycle(db(), admin, cycle.id)).toMatchObject({ ok: true });
    expect(publishResults(db(), admin, cycle.id)).toMatchObject({ ok: true });
    const before = listResults(db(), cycle.id).get(envelope.id)!;
    const support = db().select({ up: ideas.upCount }).from(ideas).where(eq(ideas.id, idea.id)).get()!.up;

    expect(await deleteAccount(db(), voter, "wrong password")).toMatchObject({ ok: false, fieldErrors: { password: ["errors.currentPasswordWrong"] } });
    expect(await deleteAccount(db(), voter, DEFAULT_TEST_PASSWORD)).toMatchObject({ ok: true });

    const row = db().select().from(users).where(eq(users.id, voter.id)).get()!;
    expect(row).toMatchObject({ displayName: DELETED_NAME, homeDistrictId: null, emailVerifiedAt: null });
    expect(row.email).not.toBe(voter.email);
    expect(row.deletedAt).not.toBeNull();
    expect(db().select().from(sessions).where(eq(sessions.userId, voter.id)).all()).toEqual([]);
    expect(db().select().from(ideaFollows).where(eq(ideaFollows.userId, voter.id)).all()).toEqual([]);
    expect(db().select().from(notifications).where(eq(notifications.userId, voter.id)).all()).toEqual([]);
    expect(db().select().from(ballotVoters).where(eq(ballotVoters.voterId, voter.id)).all()).toEqual([]);
    // The ballot stays counted, support stays, the published file and result are unchanged.
    expect(db().select().from(ballots).where(eq(ballots.envelopeId, envelope.id)).all()).toHaveLength(1);
    expect(db().select().from(ideaVotes).where(eq(ideaVotes.userId, voter.id)).all()).toHaveLength(1);
    expect(db().select({ up: ideas.upCount }).from(ideas).where(eq(ideas.id, idea.id)).get()!.up).toBe(support);
    const after = listResults(db(), cycle.id).get(envelope.id)!;
    expect(after.pb).toBe(before.pb);
    expect(after.result).toEqual(before.result);
    // Nothing opens the account again.
    expect(await deleteAccount(db(), voter, DEFAULT_TEST_PASSWORD)).toMatchObject({ ok: false });
  });
});
