// A voter's ballot submissions from a process of its own, against a database file, for the tests
// that kill a process right after an acknowledged ballot and that race two processes
// (app/modules/budgets/ballots-process.test.ts).
//   MODE=once: saves a draft, submits it, prints "recorded <receipt>" and then waits to be killed.
//   MODE=race: ROUNDS times, saves one of two drafts and submits it; prints "done <accepted>".
import { openDatabase } from "#db/client";
import { saveBallotDraft, submitBallot } from "~/modules/budgets/commands.server";

const db = openDatabase(process.env.DATABASE_PATH!);
const actor = { id: process.env.VOTER_ID!, role: "resident" as const };
const envelopeId = Number(process.env.ENVELOPE_ID);
const drafts = JSON.parse(process.env.CHOICES!) as [number, number][][];

function cast(choices: [number, number][]) {
  const draft = saveBallotDraft(db, actor, envelopeId, new Map(choices));
  if (!draft.ok) return null;
  const recorded = submitBallot(db, actor, envelopeId, draft.value.token);
  return recorded.ok ? recorded.value : null;
}

if (process.env.MODE === "once") {
  const recorded = cast(drafts[0]);
  process.stdout.write(recorded ? `recorded ${recorded.receiptCode}\n` : "refused\n");
  setInterval(() => undefined, 1000);
} else {
  let accepted = 0;
  const rounds = Number(process.env.ROUNDS ?? 50);
  for (let i = 0; i < rounds; i++) if (cast(drafts[i % drafts.length])) accepted++;
  process.stdout.write(`done ${accepted}\n`);
}
