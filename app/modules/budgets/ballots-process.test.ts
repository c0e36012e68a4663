import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { closeDatabase, getDb, openDatabase } from "#db/client";
import { ballotChoices, ballots, ballotVoters } from "#db/schema";
import { createBallotProject, createBudgetCycle } from "#tests/factories/budgets";
import { createUser } from "#tests/factories/users";
import { REPO_ROOT } from "#tests/helpers/paths";

function voterProcess(env: Record<string, string>) {
  // Node itself with tsx's loader, not the tsx launcher: a SIGKILL must reach the process that writes.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, "tests/helpers/ballot-process.ts")], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: "test", DATABASE_PATH: process.env.DATABASE_PATH!, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const lines: ((line: string) => void)[] = [];
  child.stdout.on("data", (c: Buffer) => {
    output += c;
    for (const wait of lines.splice(0)) wait(output);
  });
  child.stderr.on("data", (c: Buffer) => (output += c));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const firstLine = () => new Promise<string>((resolve) => (output.includes("\n") ? resolve(output) : lines.push(resolve)));
  return { child, exited, firstLine, output: () => output };
}

async function ballotSetUp(tokens = 10) {
  const db = getDb();
  const author = await createUser(db);
  const { envelopes } = createBudgetCycle(db, [{ districtId: null, amount: 100_000 }], { tokens });
  const projects = [10_000, 20_000, 30_000].map((cost) => createBallotProject(db, envelopes[0].cycleId, envelopes[0].id, author.id, { cost }));
  const voter = await createUser(db, { createdAt: new Date(Date.now() - 90 * 86_400_000) });
  return { db, envelope: envelopes[0], projects, voter };
}

describe("ballots and processes", () => {
  it("the connection that writes ballots waits for the disk (synchronous=FULL)", () => {
    const db = openDatabase(process.env.DATABASE_PATH!);
    expect(db.$client.pragma("synchronous", { simple: true })).toBe(2);
    db.$client.close();
  });

  it("a ballot acknowledged by a process that is then killed with SIGKILL is there after a restart (baseline 29)", { timeout: 60_000 }, async () => {
    const { envelope, projects, voter } = await ballotSetUp();
    closeDatabase(); // this test's own connection must not be the one that keeps the ballot
    const process1 = voterProcess({ MODE: "once", VOTER_ID: voter.id, ENVELOPE_ID: String(envelope.id), CHOICES: JSON.stringify([[[projects[1].id, 7]]]) });
    const line = await process1.firstLine();
    process1.child.kill("SIGKILL");
    await process1.exited;
    expect(() => process.kill(process1.child.pid!, 0)).toThrow(); // really gone
    const receipt = /recorded (\S+)/.exec(line)?.[1];
    expect(receipt, process1.output()).toBeTruthy();
    const reopened = openDatabase(process.env.DATABASE_PATH!);
    const ballot = reopened.select().from(ballots).where(eq(ballots.receiptCode, receipt!)).get();
    expect(ballot).toMatchObject({ envelopeId: envelope.id, supersededAt: null });
    expect(reopened.select({ tokens: ballotChoices.tokens }).from(ballotChoices).where(eq(ballotChoices.ballotId, ballot!.id)).all()).toEqual([{ tokens: 7 }]);
    expect(reopened.select().from(ballotVoters).where(eq(ballotVoters.voterId, voter.id)).get()).toMatchObject({ ballotId: ballot!.id });
    reopened.$client.close();
  });

  it("two processes casting and changing the same voter's ballot at once leave one current ballot within the limits (baseline 24, 25)", { timeout: 90_000 }, async () => {
    const { envelope, projects, voter } = await ballotSetUp(10);
    closeDatabase();
    const drafts = [
      [
        [projects[0].id, 6],
        [projects[1].id, 4],
      ],
      [
        [projects[2].id, 5],
        [projects[1].id, 5],
      ],
      [[projects[0].id, 10]],
    ];
    const env = { MODE: "race", ROUNDS: "40", VOTER_ID: voter.id, ENVELOPE_ID: String(envelope.id), CHOICES: JSON.stringify(drafts) };
    const racers = [voterProcess(env), voterProcess({ ...env, CHOICES: JSON.stringify([...drafts].reverse()) })];
    await Promise.all(racers.map((r) => r.exited));
    for (const r of racers) expect(r.output(), r.output()).toMatch(/done \d+/);
    const db = openDatabase(process.env.DATABASE_PATH!);
    const current = db.select().from(ballots).where(and(eq(ballots.envelopeId, envelope.id), isNull(ballots.supersededAt))).all();
    expect(current).toHaveLength(1);
    expect(db.select().from(ballotVoters).all()).toEqual([expect.objectContaining({ voterId: voter.id, ballotId: current[0].id })]);
    // Every version ever written kept the limit; none was written twice.
    for (const b of db.select().from(ballots).all()) {
      const used = db.select({ tokens: ballotChoices.tokens }).from(ballotChoices).where(eq(ballotChoices.ballotId, b.id)).all().reduce((sum, c) => sum + c.tokens, 0);
      expect(used).toBeLessThanOrEqual(10);
    }
    db.$client.close();
  });
});
