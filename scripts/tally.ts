/**
 * CLI: npm run tally -- FILE.pb [--rule auto|greedy|...] [--json]
 * Exit codes: 0 success, 2 bad input or usage (message on stderr, no stack trace), 1 internal error.
 */
import fs from "node:fs";
import {
  PbParseError,
  RULES,
  TallyError,
  decimalToNumber,
  formatDecimal,
  parsePb,
  tally,
  type Add1Progress,
  type Election,
  type Rule,
  type TallyResult,
} from "../app/modules/tally";

const USAGE = `usage: npm run tally -- FILE.pb [--rule auto|${RULES.join("|")}] [--json]`;

class UsageError extends Error {}

interface Args {
  file: string;
  rule: Rule | "auto";
  json: boolean;
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let rule: string = "auto";
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg === "--rule") rule = argv[++i] ?? "";
    else if (arg.startsWith("--rule=")) rule = arg.slice("--rule=".length);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else if (file === undefined) file = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (file === undefined) throw new UsageError("missing FILE.pb");
  if (rule !== "auto" && !(RULES as readonly string[]).includes(rule)) throw new UsageError(`unknown rule "${rule}"`);
  return { file, rule: rule as Rule | "auto", json };
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

function humanReport(election: Election, result: TallyResult): string {
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
  return [
    `rule: ${result.rule}`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `selected ${result.selected.length} of ${election.projects.length} projects`,
    `cost ${formatDecimal(result.cost)} of budget ${formatDecimal(result.budget)} (${percent(spent, budget)})`,
    `voters ${result.voters}`,
  ].join("\n");
}

function main(argv: string[]): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`tally: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
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
    const election = parsePb(text);
    const result = tally(election, args.rule, { onProgress: progress.report });
    progress.done();
    if (args.json) {
      const { rule, selected, cost, budget, voters } = result;
      process.stdout.write(
        `${JSON.stringify({ rule, selected, cost: decimalToNumber(cost), budget: decimalToNumber(budget), voters })}\n`,
      );
    } else {
      process.stdout.write(`${humanReport(election, result)}\n`);
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
