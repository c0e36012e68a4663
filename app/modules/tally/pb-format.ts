/**
 * Reader and writer for the Pabulib `.pb` format (https://pabulib.org/format).
 *
 * A file holds the sections META, PROJECTS and VOTES in that order; each starts with a line holding
 * only its name, then a header row, then `;`-separated rows with CSV quoting (`""` is a quote).
 * Cells are trimmed, blank lines skipped, a UTF-8 BOM ignored. List cells (`vote`, `points`) are
 * comma-separated. A malformed file is refused with a `PbParseError` naming the 1-based line it was
 * found on. Ballots that a real election may contain are never a reason to refuse: a project named
 * twice is merged and a ballot breaking a META limit is dropped (or counted), each reported as a
 * `PbWarning` with its line (ballot-rules.ts says how).
 */
import {
  ballotChecker,
  mergeRepeats,
  readLimits,
  type BallotLimits,
  type InvalidBallotPolicy,
} from "./ballot-rules";
import { formatDecimal, parseDecimal, type Decimal } from "./decimal";
import { VOTE_TYPES, type Election, type PbBallot, type PbProject, type VoteType } from "./election";

/** Something in a ballot the reader repaired or set aside instead of refusing the file. */
export interface PbWarning {
  line: number;
  voterId: string;
  /** repeated-project: merged and counted once; invalid-ballot: breaks a META limit. */
  kind: "repeated-project" | "invalid-ballot";
  /** What was done: for an invalid ballot, dropped or counted (see `ReadOptions.invalidBallots`). */
  action: "merged" | "dropped" | "counted";
  message: string;
}

export interface ReadOptions {
  /** A ballot that breaks a META limit: "drop" (default) leaves it out of the count, "count" keeps it. */
  invalidBallots?: InvalidBallotPolicy;
}

export interface PbReading {
  /** The election as counted: merged ballots, and without the dropped ones. */
  election: Election;
  warnings: PbWarning[];
  /** Ballots left out of the count (invalid under META limits, policy "drop"). */
  dropped: number;
}

export class PbParseError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = "PbParseError";
  }
}

interface Row {
  line: number;
  cells: string[];
}

const SECTIONS = ["META", "PROJECTS", "VOTES"] as const;
type SectionName = (typeof SECTIONS)[number];

interface Section {
  line: number;
  header: Row | undefined;
  rows: Row[];
}

/** The election a file describes, as counted (see readPb); throws PbParseError for a malformed file. */
export function parsePb(text: string, options: ReadOptions = {}): Election {
  return readPb(text, options).election;
}

/** Reads a file: the election as counted, and what was repaired or left out, line by line. */
export function readPb(text: string, options: ReadOptions = {}): PbReading {
  const { rows, lastLine } = readRows(text);
  if (rows.length === 0) throw new PbParseError(1, "the file is empty");
  const sections = splitSections(rows, lastLine);
  const { meta, budget, voteType, limits } = parseMeta(sections.META);
  const { projectColumns, projects } = parseProjects(sections.PROJECTS);
  const costs = new Map(projects.map((p) => [p.id, p.cost]));
  const votes = parseVotes(sections.VOTES, voteType, costs, limits, options.invalidBallots ?? "drop");
  const election = { meta, budget, voteType, projectColumns, voteColumns: votes.voteColumns, projects, ballots: votes.ballots };
  return { election, warnings: votes.warnings, dropped: votes.dropped };
}

/** Serialises an election; `parsePb(writePb(e))` deep-equals `e` for any election parsePb returns. */
export function writePb(election: Election): string {
  for (const required of ["project_id", "cost"]) {
    if (!election.projectColumns.includes(required)) throw new Error(`projectColumns lacks ${required}`);
  }
  for (const required of ["voter_id", "vote"]) {
    if (!election.voteColumns.includes(required)) throw new Error(`voteColumns lacks ${required}`);
  }
  const written = parseDecimal(election.meta.budget ?? "");
  const sameBudget = written?.units === election.budget.units && written.scale === election.budget.scale;
  const budget = sameBudget ? election.meta.budget : formatDecimal(election.budget);
  const meta = { ...election.meta, budget, vote_type: election.voteType };
  const lines = ["META", "key;value", ...Object.entries(meta).map(([key, value]) => row([key, value]))];
  lines.push("PROJECTS", row(election.projectColumns));
  for (const project of election.projects) {
    lines.push(row(election.projectColumns.map((column) => projectCell(project, column))));
  }
  lines.push("VOTES", row(election.voteColumns));
  for (const ballot of election.ballots) {
    lines.push(row(election.voteColumns.map((column) => ballotCell(ballot, column))));
  }
  return `${lines.join("\n")}\n`;
}

function projectCell(project: PbProject, column: string): string {
  if (column === "project_id") return project.id;
  if (column === "cost") return formatDecimal(project.cost);
  return project.fields[column] ?? "";
}

function ballotCell(ballot: PbBallot, column: string): string {
  if (column === "voter_id") return ballot.voterId;
  if (column === "vote") {
    if (ballot.vote.some((id) => id.includes(","))) throw new Error(`a vote of ${ballot.voterId} has an id with a comma`);
    return ballot.vote.join(",");
  }
  if (column === "points") return (ballot.points ?? []).join(",");
  return ballot.fields[column] ?? "";
}

function row(cells: string[]): string {
  return cells.map((cell) => (/[;"\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(";");
}

/** CSV with `;` as delimiter; quoted cells may span lines. Rows whose cells are all empty are dropped. */
function readRows(text: string): { rows: Row[]; lastLine: number } {
  const rows: Row[] = [];
  let line = 1;
  let rowLine = 1;
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let quoteLine = 0;
  const endCell = () => {
    cells.push(cell.trim());
    cell = "";
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c !== "")) rows.push({ line: rowLine, cells });
    cells = [];
  };
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    if (!quoted && cell === "" && cells.length === 0) {
      // Fast path: a whole line without quotes (nearly every line of a real file) is split at once.
      const newline = text.indexOf("\n", i);
      const next = newline < 0 ? text.length : newline;
      const end = next > i && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
      const segment = text.slice(i, end);
      if (!segment.includes('"') && !segment.includes("\r")) {
        const parts = segment.split(";");
        let blank = true;
        for (let k = 0; k < parts.length; k++) {
          parts[k] = parts[k].trim();
          if (parts[k] !== "") blank = false;
        }
        if (!blank) rows.push({ line, cells: parts });
        if (next < text.length) line++;
        rowLine = line;
        i = next;
        continue;
      }
    }
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === "\n" || (ch === "\r" && text[i + 1] !== "\n")) line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      quoteLine = line;
      cell = "";
    } else if (ch === ";") {
      endCell();
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw new PbParseError(quoteLine, "a quoted cell is never closed");
  endRow();
  return { rows, lastLine: line };
}

function sectionName(row: Row): SectionName | undefined {
  const name = row.cells[0].toUpperCase();
  const isSection = (SECTIONS as readonly string[]).includes(name) && row.cells.slice(1).every((c) => c === "");
  return isSection ? (name as SectionName) : undefined;
}

function splitSections(rows: Row[], lastLine: number): Record<SectionName, Section> {
  const found: Partial<Record<SectionName, Section>> = {};
  let current: Section | undefined;
  for (const r of rows) {
    const name = sectionName(r);
    if (name) {
      const expected = SECTIONS.find((s) => !found[s]);
      if (found[name]) throw new PbParseError(r.line, `the ${name} section appears twice`);
      if (name !== expected) throw new PbParseError(r.line, `missing ${expected} section before ${name}`);
      current = { line: r.line, header: undefined, rows: [] };
      found[name] = current;
    } else if (!current) {
      throw new PbParseError(r.line, `missing META section: expected a line "META", found ${quote(r.cells.join(";"))}`);
    } else if (!current.header) {
      current.header = r;
    } else {
      current.rows.push(r);
    }
  }
  for (const name of SECTIONS) {
    if (!found[name]) throw new PbParseError(lastLine, `missing ${name} section (reached the end of the file)`);
  }
  return found as Record<SectionName, Section>;
}

function header(section: Section, name: SectionName, required: string[]): string[] {
  if (!section.header) throw new PbParseError(section.line, `the ${name} section has no header row`);
  const columns = section.header.cells;
  const line = section.header.line;
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate !== undefined) throw new PbParseError(line, `column ${quote(duplicate)} appears twice in the ${name} header`);
  for (const column of required) {
    if (!columns.includes(column)) throw new PbParseError(line, `the ${name} header has no ${column} column`);
  }
  return columns;
}

function checkWidth(r: Row, columns: string[], name: SectionName): void {
  if (r.cells.length !== columns.length) {
    throw new PbParseError(r.line, `${name} row has ${r.cells.length} cells, the header has ${columns.length}`);
  }
}

function parseMeta(section: Section): { meta: Record<string, string>; budget: Decimal; voteType: VoteType; limits: BallotLimits } {
  const columns = header(section, "META", []);
  if (columns.length !== 2 || columns[0].toLowerCase() !== "key" || columns[1].toLowerCase() !== "value") {
    throw new PbParseError(section.header?.line ?? section.line, `the META header must be "key;value"`);
  }
  const meta: Record<string, string> = {};
  const lines = new Map<string, number>();
  for (const r of section.rows) {
    checkWidth(r, columns, "META");
    const [key, value] = r.cells;
    if (lines.has(key)) throw new PbParseError(r.line, `META key ${quote(key)} appears twice`);
    lines.set(key, r.line);
    meta[key] = value;
  }
  const lineOf = (key: string) => lines.get(key) ?? section.line;
  if (meta.budget === undefined) throw new PbParseError(section.line, "META has no budget");
  const budget = parseDecimal(meta.budget);
  if (!budget) throw new PbParseError(lineOf("budget"), `budget ${quote(meta.budget)} is not a number`);
  if (budget.units <= 0n) throw new PbParseError(lineOf("budget"), `budget ${quote(meta.budget)} must be positive`);
  if (meta.vote_type === undefined) throw new PbParseError(section.line, "META has no vote_type");
  const voteType = VOTE_TYPES.find((t) => t === meta.vote_type);
  if (!voteType) {
    throw new PbParseError(lineOf("vote_type"), `vote_type ${quote(meta.vote_type)} is not one of ${VOTE_TYPES.join(", ")}`);
  }
  const threshold = meta.min_project_score_threshold;
  if (threshold !== undefined && !parseDecimal(threshold)) {
    throw new PbParseError(lineOf("min_project_score_threshold"), `min_project_score_threshold ${quote(threshold)} is not a number`);
  }
  const { limits, badKey } = readLimits(meta);
  if (badKey) throw new PbParseError(lineOf(badKey), `${badKey} ${quote(meta[badKey])} is not a number`);
  return { meta, budget, voteType, limits };
}

function parseProjects(section: Section): { projectColumns: string[]; projects: PbProject[] } {
  const columns = header(section, "PROJECTS", ["project_id", "cost"]);
  const projects: PbProject[] = [];
  const lines = new Map<string, number>();
  for (const r of section.rows) {
    checkWidth(r, columns, "PROJECTS");
    const fields: Record<string, string> = {};
    columns.forEach((column, i) => (fields[column] = r.cells[i]));
    const { project_id: id, cost: costText, ...rest } = fields;
    if (id === "") throw new PbParseError(r.line, "empty project_id");
    const first = lines.get(id);
    if (first !== undefined) throw new PbParseError(r.line, `duplicate project_id ${quote(id)} (first on line ${first})`);
    lines.set(id, r.line);
    const cost = parseDecimal(costText);
    if (!cost) throw new PbParseError(r.line, `cost ${quote(costText)} of project ${quote(id)} is not a number`);
    if (cost.units < 0n) throw new PbParseError(r.line, `cost ${quote(costText)} of project ${quote(id)} is negative`);
    projects.push({ id, cost, fields: rest });
  }
  return { projectColumns: columns, projects };
}

function parseVotes(
  section: Section,
  voteType: VoteType,
  costs: Map<string, Decimal>,
  limits: BallotLimits,
  invalidBallots: InvalidBallotPolicy,
): { voteColumns: string[]; ballots: PbBallot[]; warnings: PbWarning[]; dropped: number } {
  const columns = header(section, "VOTES", ["voter_id", "vote"]);
  const hasPoints = columns.includes("points");
  if (!hasPoints && (voteType === "cumulative" || voteType === "scoring")) {
    throw new PbParseError(section.header?.line ?? section.line, `vote_type ${voteType} needs a points column in VOTES`);
  }
  const ballots: PbBallot[] = [];
  const warnings: PbWarning[] = [];
  let dropped = 0;
  const lines = new Map<string, number>();
  const check = ballotChecker(limits, voteType, (id) => costs.get(id) as Decimal);
  const voterColumn = columns.indexOf("voter_id");
  const voteColumn = columns.indexOf("vote");
  const pointsColumn = columns.indexOf("points");
  const others = columns.map((c, i) => i).filter((i) => i !== voterColumn && i !== voteColumn && i !== pointsColumn);
  for (const r of section.rows) {
    checkWidth(r, columns, "VOTES");
    const voterId = r.cells[voterColumn];
    const voteText = r.cells[voteColumn];
    const pointsText = pointsColumn < 0 ? "" : r.cells[pointsColumn];
    const rest: Record<string, string> = {};
    for (const i of others) rest[columns[i]] = r.cells[i];
    if (voterId === "") throw new PbParseError(r.line, "empty voter_id");
    const first = lines.get(voterId);
    if (first !== undefined) throw new PbParseError(r.line, `duplicate voter_id ${quote(voterId)} (first on line ${first})`);
    lines.set(voterId, r.line);
    const written = splitList(voteText);
    for (const id of written) {
      if (id === "") throw new PbParseError(r.line, `vote ${quote(voteText)} has an empty project id`);
      if (!costs.has(id)) throw new PbParseError(r.line, `vote names unknown project ${quote(id)}`);
    }
    const writtenPoints = hasPoints ? parsePoints(r.line, pointsText, written.length) : null;
    const { vote, points, repeated } = mergeRepeats(voteType, written, writtenPoints);
    if (repeated.length > 0) {
      const how = voteType === "cumulative" ? "its points are added" : voteType === "approval" || voteType === "choose-1" ? "counted once" : "its first mention counts";
      const names = repeated.map(quote).join(", ");
      warnings.push({
        line: r.line,
        voterId,
        kind: "repeated-project",
        action: "merged",
        message: `vote names project${repeated.length > 1 ? "s" : ""} ${names} more than once: ${how}`,
      });
    }
    const problem = check(vote, points);
    if (problem) {
      const action = invalidBallots === "drop" ? "dropped" : "counted";
      warnings.push({ line: r.line, voterId, kind: "invalid-ballot", action, message: `invalid ballot (${action}): ${problem}` });
      if (action === "dropped") {
        dropped++;
        continue;
      }
    }
    ballots.push({ voterId, vote, points, fields: rest });
  }
  return { voteColumns: columns, ballots, warnings, dropped };
}

function parsePoints(line: number, text: string, projects: number): number[] {
  const items = splitList(text);
  if (items.length !== projects) {
    throw new PbParseError(line, `points ${quote(text)} give ${items.length} values for ${projects} voted projects`);
  }
  return items.map((item) => {
    const value = Number(item);
    if (!/^\d+$/.test(item) || !Number.isSafeInteger(value)) {
      throw new PbParseError(line, `points value ${quote(item)} is not a non-negative integer`);
    }
    return value;
  });
}

function splitList(text: string): string[] {
  return text === "" ? [] : text.split(",").map((item) => item.trim());
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
