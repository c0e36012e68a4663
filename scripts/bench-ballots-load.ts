// The load generator of the ballots benchmark (scripts/bench-ballots.ts), run as its own process
// so that it does not share the server's event loop. Each virtual voter takes the next account
// casts a whole ballot the way the page's JavaScript does, in two timed phases per round: every
// voter chooses (POST the choices to the single-fetch `.data` form of the ballot page's action,
// which answers with the draft's token), then every voter submits (POST the confirmation). A
// ballot counts as acknowledged when the confirmation answers its redirect (202).
// Input (JSON on stdin): { base, cookieName, slug, envelopeId, projects, tokens, sessions, concurrency, rounds }.
// Output (JSON on stdout): { acknowledged, failed, statuses, chooseSeconds, submitSeconds, latencies (of submissions) }.
import { decode } from "turbo-stream";

type Input = { base: string; cookieName: string; slug: string; envelopeId: number; projects: number[]; tokens: number; maxPerProject: number; sessions: string[]; concurrency: number; rounds: number };

const input = JSON.parse(await new Promise<string>((resolve) => {
  let text = "";
  process.stdin.on("data", (c) => (text += c));
  process.stdin.on("end", () => resolve(text));
})) as Input;

/** An action's single-fetch answer: `{ data }` (turbo-stream encoded). */
async function actionData(response: Response) {
  const decoded = await decode(response.body!);
  await decoded.done;
  return (decoded.value as { data?: { token?: string } }).data;
}

const ballotPath = `/budgets/${input.slug}/vote/${input.envelopeId}`;
const routeId = "routes/budgets.$slug_.vote_.$envelopeId";
const statuses: Record<string, number> = {};
const latencies: number[] = [];
let acknowledged = 0;
let failed = 0;

/** A voter's choices: tokens spread over a few projects, within the limits, different per voter and round. */
function choicesFor(voter: number, round: number) {
  const form = new URLSearchParams();
  let left = input.tokens;
  for (let k = 0; left > 0 && k < 4; k++) {
    const give = Math.min(left, input.maxPerProject, 1 + ((voter + round + k) % input.maxPerProject));
    form.set(`tokens-${input.projects[(voter * 7 + round * 13 + k * 31) % input.projects.length]}`, String(give));
    left -= give;
  }
  form.set("intent", "update");
  return form;
}

const headersOf = (voter: number) => ({ Cookie: `${input.cookieName}=${input.sessions[voter]}`, Origin: input.base, "Content-Type": "application/x-www-form-urlencoded" });
const count = (key: string) => (statuses[key] = (statuses[key] ?? 0) + 1);

/** Choosing: the choices saved as a draft; its token is kept for the submission. */
async function choose(voter: number, round: number, tokens: string[]) {
  const draft = await fetch(`${input.base}${ballotPath}.data?_routes=${encodeURIComponent(routeId)}`, { method: "POST", headers: headersOf(voter), body: choicesFor(voter, round), redirect: "manual" });
  count(`choose ${draft.status}`);
  if (draft.status !== 200) return void (await draft.arrayBuffer());
  const token = (await actionData(draft))?.token;
  if (token) tokens[voter] = token;
}

/** Submitting: the confirmation that records the ballot; acknowledged when it answers its redirect. */
async function submit(voter: number, tokens: string[]) {
  if (!tokens[voter]) return void failed++;
  const started = performance.now();
  const confirm = await fetch(`${input.base}${ballotPath}/confirm.data`, { method: "POST", headers: headersOf(voter), body: new URLSearchParams({ token: tokens[voter] }), redirect: "manual" });
  await confirm.arrayBuffer();
  count(`submit ${confirm.status}`);
  // Single fetch answers an action's redirect with 202 (the target in its body).
  if (confirm.status === 202) {
    acknowledged++;
    latencies.push(performance.now() - started);
  } else failed++;
}

async function inParallel(jobs: number, run: (job: number) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: input.concurrency }, async () => {
      for (let job = next++; job < jobs; job = next++) {
        try {
          await run(job);
        } catch {
          count("network error");
        }
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

let chooseSeconds = 0;
let submitSeconds = 0;
for (let round = 0; round < input.rounds; round++) {
  const tokens: string[] = [];
  chooseSeconds += await inParallel(input.sessions.length, (voter) => choose(voter, round, tokens));
  submitSeconds += await inParallel(input.sessions.length, (voter) => submit(voter, tokens));
}
latencies.sort((a, b) => a - b);
const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
process.stdout.write(JSON.stringify({ acknowledged, failed, statuses, chooseSeconds, submitSeconds, latencies: { p50: at(0.5), p99: at(0.99), max: Math.round(latencies.at(-1) ?? 0) } }) + "\n");
