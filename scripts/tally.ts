/**
 * CLI: npm run tally -- FILE.pb [--rule auto|greedy|...] [--json] [--explain] [--invalid-ballots drop|count]
 * Exit codes: 0 success, 2 bad input or usage (message on stderr, no stack trace), 1 internal error.
 * `npm run tally` runs a bundle of this file (scripts/tally-launch.mjs rebuilds it when stale).
 */
import fs from "node:fs";
import {
  PbParseError,
  RULES,
  TallyError,
  decimalToNumber,
  formatDecimal,
  readPb,
  tallyElection,
  type Add1Progress,
  type Election,
  type InvalidBallotPolicy,
  type PbWarning,
  type ProjectResult,
  type Rule,
  type TallyResult,
  type TallyTie,
} from "../app/modules/tally";

const USAGE = `usage: npm run tally -- FILE.pb [--rule auto|${RULES.join("|")}] [--json] [--explain] [--invalid-ballots drop|count]`;

const HELP = `${USAGE}

Tallies a participatory-budgeting election in the Pabulib .pb format (https://pabulib.org/format)
and prints the funded projects, in selection order.

  --rule R       auto (default: the rule META names), greedy, greedy-no-skip, greedy-threshold, mes,
                 mes-add1, mes-add1-comparison. greedy-threshold, and greedy-no-skip when META has
                 min_project_score_threshold, first drop the projects scoring below it.
  --json         print exactly one JSON object: rule, selected, cost, budget, voters, ties, warnings
                 (use npm run --silent so that npm prints no banner)
  --explain      say for every project why it was or was not funded
  --invalid-ballots drop|count
                 what to do with a ballot that breaks a limit META states (min_length, max_length,
                 min_sum_cost, max_sum_cost, min_points, max_points, min_sum_points, max_sum_points;
                 a choose-1 ballot naming more than one project):
                   drop  (default) leave it out of the count, like a spoilt paper ballot: it counts
                         neither as a voter nor for any project, and Equal Shares divides the budget
                         among the valid ballots only;
                   count keep it as it is.
                 Either way each such ballot is reported with its line number.

Ballots that name a project more than once are not refused: an approval ballot is a set, so the
project counts once; an ordinal ballot keeps the first (best) position; a cumulative ballot adds the
points; a scoring ballot keeps the first score. Each is reported with its line number.

Ties: lower cost first, then higher score, then project id. When a tie decided the outcome (breaking
it the other way funds a different set) the report says which projects were tied, where, and which
of these rules decided; otherwise ties are broken silently.
See docs/decisions/0002-tally-tie-breaking-and-arithmetic.md and 0004-tally-real-elections.md.`;

class UsageError extends Error {}

interface Args {
  file: string;
  rule: Rule | "auto";
  json: boolean;
  explain: boolean;
  invalidBallots: InvalidBallotPolicy;
}

function parseArgs(argv: string[]): Args | "help" {
  let file: string | undefined;
  let rule: string = "auto";
  let json = false;
  let explain = false;
  let invalid = "drop";
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--json") json = true;
    else if (arg === "--explain") explain = true;
    else if (arg === "--rule") rule = argv[++i] ?? "";
    else if (arg.startsWith("--rule=")) rule = arg.slice("--rule=".length);
    else if (arg === "--invalid-ballots") invalid = argv[++i] ?? "";
    else if (arg.startsWith("--invalid-ballots=")) invalid = arg.slice("--invalid-ballots=".length);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (file === undefined) throw new UsageError("missing FILE.pb");
  if (rule !== "auto" && !(RULES as readonly string[]).includes(rule)) throw new UsageError(`unknown rule "${rule}"`);
  if (invalid !== "drop" && invalid !== "count") throw new UsageError(`--invalid-ballots must be drop or count, not "${invalid}"`);
  return { file, rule: rule as Rule | "auto", json, explain, invalidBallots: invalid };
}

/** Rewrites one stderr line at most once a second, and only once a run has taken a second. */
function progressReporter(label: string): { report: (p: Add1Progress) => void; done: () => void } {
  const started = Date.now();
  let shown = false;
  let last = started;
  const tty = process.stderr.isTTY;
  return {
    report: ({ raise, runs }) => {
      const now = Date.now();
      if (now - last < 1000) return;
      last = now;
      shown = true;
      const line = `${label}: Add1 raise +${raise} per voter, ${runs} runs, ${((now - started) / 1000).toFixed(0)} s`;
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
    },
    done: () => {
      if (shown && tty) process.stderr.write("\r\x1b[K");
    },
  };
}

function percent(part: bigint, whole: bigint): string {
  if (whole === 0n) return "-";
  const tenths = (part * 1000n) / whole;
  return `${tenths / 10n}.${tenths % 10n}%`;
}

/** 1234567.8 -> "1,234,568": rounded, grouped by thousands, no locale. */
function amount(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const TIE_RULES: Record<TallyTie["brokenBy"], string> = {
  "lower-cost": "lower cost first",
  "higher-score": "higher score first",
  "project-id": "project id order",
  "given-order": "the given tie order",
};

function tieSentence(tie: TallyTie): string {
  const raised = tie.raise ? ` with every share raised by ${tie.raise}` : "";
  const where =
    tie.stage === "greedy"
      ? `at place ${tie.step} of the ranking, with equal scores`
      : `in round ${tie.step} of Equal Shares${raised}, at an equal price per unit of support`;
  return (
    `a tie decided this outcome: ${where}, projects ${tie.projects.join(", ")} were tied and the tie-break ` +
    `(${TIE_RULES[tie.brokenBy]}) favoured ${tie.winner} over ${tie.loser}; broken the other way, the funded set ` +
    `would be ${tie.otherwise.join(", ") || "empty"}`
  );
}

/** Why a project was or was not funded, in plain words. */
function explanation(project: ProjectResult, projects: Map<string, ProjectResult>, pointsBallots: boolean): string {
  const why = project.explanation;
  switch (why.kind) {
    case "withdrawn":
      return "not funded: withdrawn";
    case "unsupported":
      return "not funded: nobody voted for it";
    case "below-threshold":
      return `not funded: score ${project.score} is below the threshold of ${formatDecimal(why.threshold)}`;
    case "greedy-funded":
      return `funded: ranked ${why.rank} by score, it fit in the ${amount(decimalToNumber(why.budgetLeft))} left`;
    case "greedy-did-not-fit":
      return `not funded: ranked ${why.rank} by score, it did not fit in the ${amount(decimalToNumber(why.budgetLeft))} left after the higher-ranked projects`;
    case "greedy-not-reached": {
      const stop = projects.get(why.stoppedAt);
      return `not funded: the count stopped earlier, at ${why.stoppedAt}${stop ? ` (ranked ${stop.explanation.kind === "greedy-did-not-fit" ? stop.explanation.rank : "?"}), which did not fit` : ""}`;
    }
    case "mes-funded": {
      const capped = why.paidAllTheyHad === 0 ? "" : `; ${why.paidAllTheyHad} of them paid all they had left`;
      const each = pointsBallots
        ? `about ${amount(why.averagePayment)} each on average (${amount(why.paymentPerPoint)} per point given${capped})`
        : why.paidAllTheyHad === 0
          ? `${amount(why.paymentPerPoint)} each`
          : `about ${amount(why.averagePayment)} each (${why.paidAllTheyHad} paid all they had left)`;
      return `funded in round ${why.round}: its ${amount(why.payers)} supporters paid from their equal shares, ${each}`;
    }
    case "mes-unaffordable":
      return `not funded: it costs ${formatDecimal(project.cost)}, and its ${project.supporters} supporters had only ${amount(why.moneyLeft)} left of their shares when the rule stopped`;
  }
}

function humanReport(election: Election, result: TallyResult, explain: boolean): string {
  const names = new Map(election.projects.map((p) => [p.id, p.fields.name ?? ""]));
  const costs = new Map(election.projects.map((p) => [p.id, formatDecimal(p.cost)]));
  const hasNames = election.projects.some((p) => (p.fields.name ?? "") !== "");
  const header = ["#", "id", ...(hasNames ? ["name"] : []), "cost", "score"];
  const rows = result.selected.map((id, i) => {
    const name = names.get(id) ?? "";
    const shortName = name.length > 48 ? `${name.slice(0, 47)}…` : name;
    return [String(i + 1), id, ...(hasNames ? [shortName] : []), costs.get(id) ?? "", String(result.scores[i])];
  });
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const numeric = (c: number) => c === 0 || c >= header.length - 2;
  const line = (cells: string[]) =>
    cells.map((cell, c) => (numeric(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ").trimEnd();
  const scale = Math.max(result.cost.scale, result.budget.scale);
  const spent = result.cost.units * 10n ** BigInt(scale - result.cost.scale);
  const budget = result.budget.units * 10n ** BigInt(scale - result.budget.scale);
  const byId = new Map(result.perProject.map((p) => [p.id, p]));
  const lines = [
    `rule: ${result.rule}`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `selected ${result.selected.length} of ${election.projects.length} projects`,
    `cost ${formatDecimal(result.cost)} of budget ${formatDecimal(result.budget)} (${percent(spent, budget)})`,
    `voters ${result.voters}`,
  ];
  if (result.equalShares) lines.push(`starting share ${amount(result.equalShares.share)} per voter (Add1 raise +${result.equalShares.raise})`);
  if (result.comparison) {
    const { preferEqualShares, preferGreedy, kept } = result.comparison;
    lines.push(`comparison: ${preferEqualShares} voters prefer Equal Shares, ${preferGreedy} greedy; kept ${kept}`);
  }
  lines.push(...(result.ties.length ? result.ties.map(tieSentence) : ["no tie decided the outcome"]));
  if (explain) {
    lines.push("", "why:");
    const points = election.voteType === "cumulative" || election.voteType === "scoring" || election.voteType === "ordinal";
    for (const p of result.perProject) lines.push(`  ${p.id}: ${explanation(p, byId, points)}`);
  }
  return lines.join("\n");
}

function jsonReport(result: TallyResult, warnings: PbWarning[]): string {
  const { rule, selected, cost, budget, voters, ties } = result;
  const lines = warnings.map(({ line, kind, action, message }) => ({ line, kind, action, message }));
  return JSON.stringify({ rule, selected, cost: decimalToNumber(cost), budget: decimalToNumber(budget), voters, ties, warnings: lines });
}

function main(argv: string[]): number {
  let args: Args | "help";
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`tally: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args === "help") {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let text: string;
  try {
    text = fs.readFileSync(args.file, "utf8");
  } catch (error) {
    process.stderr.write(`tally: cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  const progress = progressReporter(args.file);
  try {
    const { election, warnings } = readPb(text, { invalidBallots: args.invalidBallots });
    const result = tallyElection(election, { rule: args.rule, onProgress: progress.report });
    progress.done();
    if (args.json) {
      process.stdout.write(`${jsonReport(result, warnings)}\n`);
    } else {
      for (const w of warnings) process.stderr.write(`tally: ${args.file}:${w.line}: warning: ${w.message}\n`);
      process.stdout.write(`${humanReport(election, result, args.explain)}\n`);
    }
    return 0;
  } catch (error) {
    progress.done();
    if (error instanceof PbParseError) {
      process.stderr.write(`tally: ${args.file}:${error.line}: ${error.problem}\n`);
      return 2;
    }
    if (error instanceof TallyError) {
      process.stderr.write(`tally: ${args.file}: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`tally: internal error: ${(error as Error).message}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
