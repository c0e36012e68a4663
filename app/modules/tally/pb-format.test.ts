import { PABULIB_FILES, readPabulib } from "#tests/helpers/pabulib";
import { describe, expect, it } from "vitest";
import { formatDecimal, parseDecimal } from "./decimal";
import { PbParseError, parsePb, readPb, writePb } from "./pb-format";


const SMALL = [
  "META",
  "key;value",
  "budget;1000.50",
  "vote_type;cumulative",
  "PROJECTS",
  "project_id;cost;name",
  'p1;400.25;"""Konikowo"" - plac zabaw; etap I"',
  "p2;600;Park",
  "VOTES",
  "voter_id;vote;points;age",
  "v1;p1,p2;2,1;30",
  "v2;p2;3;",
].join("\n");

/** Parses `text` expecting failure; returns the error. */
function parseError(text: string): PbParseError {
  try {
    parsePb(text);
  } catch (error) {
    expect(error).toBeInstanceOf(PbParseError);
    return error as PbParseError;
  }
  throw new Error("expected a PbParseError");
}

function replaceLine(text: string, line: number, replacement: string): string {
  const lines = text.split("\n");
  lines[line - 1] = replacement;
  return lines.join("\n");
}

describe("parsePb", () => {
  it("reads sections, CSV quoting, decimals, points and extra columns", () => {
    const election = parsePb(SMALL);
    expect(election.budget).toEqual({ units: 10005n, scale: 1 });
    expect(election.voteType).toBe("cumulative");
    expect(election.projects.map((p) => p.id)).toEqual(["p1", "p2"]);
    expect(formatDecimal(election.projects[0].cost)).toBe("400.25");
    expect(election.projects[0].fields.name).toBe('"Konikowo" - plac zabaw; etap I');
    expect(election.ballots[0]).toEqual({ voterId: "v1", vote: ["p1", "p2"], points: [2, 1], fields: { age: "30" } });
    expect(election.ballots[1].fields.age).toBe("");
  });

  it("accepts a BOM, CRLF line ends, blank lines and padded cells", () => {
    const text = `\uFEFF${SMALL.replace("p2;600;Park", "  p2 ; 600 ;  Park  ").split("\n").join("\r\n\r\n")}`;
    expect(parsePb(text)).toEqual(parsePb(SMALL));
  });

  it("keeps ids as strings (no numeric coercion)", () => {
    const text = SMALL.replaceAll("p1", "007").replaceAll("p2", "7");
    const election = parsePb(text);
    expect(election.projects.map((p) => p.id)).toEqual(["007", "7"]);
    expect(election.ballots[0].vote).toEqual(["007", "7"]);
  });

  it("accepts quoted cells spanning lines and counts lines correctly after them", () => {
    const text = SMALL.replace("p2;600;Park", 'p2;600;"Park\nnext to the river"');
    expect(parsePb(text).projects[1].fields.name).toBe("Park\nnext to the river");
    const broken = `${text}\nv3;p9;1;`;
    expect(parseError(broken).line).toBe(14);
  });

  it("parses ordinal ballots without points", () => {
    const text = SMALL.replace("vote_type;cumulative", "vote_type;ordinal").replace("voter_id;vote;points;age", "voter_id;vote;age")
      .replace("v1;p1,p2;2,1;30", "v1;p2,p1;30").replace("v2;p2;3;", "v2;p2;");
    expect(parsePb(text).ballots[0]).toMatchObject({ vote: ["p2", "p1"], points: null });
  });
});

describe("malformed input names the line and the problem", () => {
  it.each([
    ["an empty file", "", 1, /empty/],
    ["a file of blank lines", "\n \n", 1, /empty/],
    ["a missing META section", SMALL.split("\n").slice(4).join("\n"), 1, /missing META/],
    ["a missing PROJECTS section", SMALL.split("\n").filter((_, i) => i < 4 || i > 7).join("\n"), 5, /missing PROJECTS/],
    ["a missing VOTES section", SMALL.split("\n").slice(0, 8).join("\n"), 8, /missing VOTES/],
    ["a repeated section", `${SMALL}\nVOTES`, 13, /appears twice/],
    ["a vote naming an unknown project", replaceLine(SMALL, 11, "v1;p1,p3;2,1;30"), 11, /unknown project "p3"/],
    ["points that do not match votes", replaceLine(SMALL, 11, "v1;p1,p2;2;30"), 11, /1 values for 2 voted projects/],
    ["non-integer points", replaceLine(SMALL, 11, "v1;p1,p2;2,x;30"), 11, /points value "x"/],
    ["a non-numeric cost", replaceLine(SMALL, 7, "p1;12k;Name"), 7, /cost "12k" of project "p1" is not a number/],
    ["a negative cost", replaceLine(SMALL, 7, "p1;-5;Name"), 7, /negative/],
    ["a non-numeric budget", replaceLine(SMALL, 3, "budget;lots"), 3, /budget "lots" is not a number/],
    ["a zero budget", replaceLine(SMALL, 3, "budget;0"), 3, /must be positive/],
    ["a decimal comma budget", replaceLine(SMALL, 3, "budget;1000,50"), 3, /not a number/],
    ["a missing budget", replaceLine(SMALL, 3, "currency;PLN"), 1, /no budget/],
    ["an unknown vote_type", replaceLine(SMALL, 4, "vote_type;ranked"), 4, /vote_type "ranked"/],
    ["a duplicate project id", replaceLine(SMALL, 8, "p1;600;Park"), 8, /duplicate project_id "p1" \(first on line 7\)/],
    ["a duplicate voter id", replaceLine(SMALL, 12, "v1;p2;3;"), 12, /duplicate voter_id "v1"/],
    ["a row with too few cells", replaceLine(SMALL, 8, "p2;600"), 8, /2 cells, the header has 3/],
    ["a PROJECTS header without cost", replaceLine(SMALL, 6, "project_id;price;name"), 6, /no cost column/],
    ["cumulative votes without points", SMALL.replace("voter_id;vote;points;age", "voter_id;vote;age"), 10, /needs a points column/],
    ["an unclosed quote", replaceLine(SMALL, 8, 'p2;600;"Park'), 8, /never closed/],
    ["a non-numeric threshold", replaceLine(SMALL, 4, "vote_type;cumulative\nmin_project_score_threshold;high"), 5, /not a number/],
    ["a non-numeric ballot limit", replaceLine(SMALL, 4, "vote_type;cumulative\nmax_sum_points;ten"), 5, /max_sum_points "ten" is not a number/],
  ])("%s", (_, text, line, problem) => {
    const error = parseError(text);
    expect(error.line).toBe(line);
    expect(error.message).toMatch(problem);
    expect(error.message.startsWith(`line ${line}: `)).toBe(true);
  });
});

const APPROVAL = [
  "META",
  "key;value",
  "budget;100",
  "vote_type;approval",
  "PROJECTS",
  "project_id;cost",
  "a;40",
  "b;30",
  "c;50",
  "VOTES",
  "voter_id;vote",
  "v1;a,b",
  "v2;c",
].join("\n");

describe("a project named twice on one ballot", () => {
  it("approval: counts once and warns with the line (Rakowiec, line 477)", () => {
    const { election, warnings, dropped } = readPb(readPabulib("Poland_Warszawa_2026_Rakowiec.pb"));
    expect(dropped).toBe(0);
    expect(warnings).toEqual([
      {
        line: 477,
        voterId: "262828",
        kind: "repeated-project",
        action: "merged",
        message: 'vote names project "1812" more than once: counted once',
      },
    ]);
    expect(election.ballots.find((b) => b.voterId === "262828")?.vote).toEqual(["1812", "957", "10", "16"]);
    expect(election.ballots).toHaveLength(1040);
  });

  it("cumulative: adds the points; ordinal: keeps the first position; scoring: keeps the first score", () => {
    const cumulative = readPb(replaceLine(SMALL, 11, "v1;p1,p2,p1;2,1,3;30"));
    expect(cumulative.election.ballots[0]).toMatchObject({ vote: ["p1", "p2"], points: [5, 1] });
    expect(cumulative.warnings).toMatchObject([{ line: 11, kind: "repeated-project", message: /points are added/ }]);
    const ordinal = readPb(APPROVAL.replace("vote_type;approval", "vote_type;ordinal").replace("v1;a,b", "v1;b,a,b,c"));
    expect(ordinal.election.ballots[0].vote).toEqual(["b", "a", "c"]);
    expect(ordinal.warnings).toMatchObject([{ line: 12, message: /first mention counts/ }]);
    const scoring = readPb(replaceLine(SMALL.replace("vote_type;cumulative", "vote_type;scoring"), 11, "v1;p2,p2;2,1;30"));
    expect(scoring.election.ballots[0]).toMatchObject({ vote: ["p2"], points: [2] });
  });
});

describe("ballots that break a META limit", () => {
  const withMeta = (text: string, meta: string) => text.replace("vote_type;", `${meta}\nvote_type;`);

  it.each([
    ["min_length;2", 13, /names 1 projects, min_length 2/],
    ["max_length;1", 12, /names 2 projects, max_length 1/],
    ["max_sum_cost;60", 12, /cost 70 in total, max_sum_cost 60/],
    ["min_sum_cost;60", 13, /cost 50 in total, min_sum_cost 60/],
  ])("approval %s: the ballot is dropped and reported", (meta, line, problem) => {
    const { election, warnings, dropped } = readPb(withMeta(APPROVAL, meta));
    expect(dropped).toBe(1);
    expect(election.ballots).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ line: line + 1, kind: "invalid-ballot", action: "dropped" });
    expect(warnings[0].message).toMatch(problem);
  });

  // v1 gives 2 and 1 points (3 in all); v2 gives `second` points to p2.
  it.each([
    ["max_sum_points;2", "2", 12, /gives 3 points in total, max_sum_points 2/],
    ["min_sum_points;3", "2", 13, /gives 2 points in total, min_sum_points 3/],
    ["max_points;2", "3", 13, /gives 3 points to project "p2", max_points 2/],
    ["min_points;2", "2", 12, /gives 1 points to project "p2", min_points 2/],
  ])("cumulative %s: the ballot is dropped and reported", (meta, second, line, problem) => {
    const { warnings, dropped } = readPb(withMeta(replaceLine(SMALL, 12, `v2;p2;${second};`), meta));
    expect(dropped).toBe(1);
    expect(warnings).toMatchObject([{ line, kind: "invalid-ballot" }]);
    expect(warnings[0].message).toMatch(problem);
  });

  it("choose-1: a ballot naming two projects is invalid, not a reason to refuse the file", () => {
    const { election, warnings } = readPb(APPROVAL.replace("vote_type;approval", "vote_type;choose-1"));
    expect(election.ballots.map((b) => b.voterId)).toEqual(["v2"]);
    expect(warnings[0].message).toMatch(/choose-1 ballot names 2 projects/);
  });

  it("with invalidBallots: count, the ballot stays in the count and is still reported", () => {
    const { election, warnings, dropped } = readPb(withMeta(APPROVAL, "min_length;2"), { invalidBallots: "count" });
    expect(dropped).toBe(0);
    expect(election.ballots).toHaveLength(2);
    expect(warnings).toMatchObject([{ line: 14, action: "counted", message: /^invalid ballot \(counted\)/ }]);
  });

  it("limits are checked on the merged ballot: a repeat does not make a ballot too long", () => {
    const { warnings, dropped } = readPb(withMeta(APPROVAL, "max_length;2").replace("v1;a,b", "v1;a,b,a"));
    expect(dropped).toBe(0);
    expect(warnings).toMatchObject([{ kind: "repeated-project" }]);
  });

  it.each(PABULIB_FILES)("%s: no real ballot breaks its META limits", (file) => {
    const { warnings, dropped } = readPb(readPabulib(file));
    expect(dropped).toBe(0);
    expect(warnings.filter((w) => w.kind === "invalid-ballot")).toEqual([]);
  });
});

describe("decimals", () => {
  it("parse exactly and normalise", () => {
    expect(parseDecimal("1656699.67")).toEqual({ units: 165669967n, scale: 2 });
    expect(parseDecimal("100.500")).toEqual({ units: 1005n, scale: 1 });
    expect(parseDecimal("999999999")).toEqual({ units: 999999999n, scale: 0 });
    for (const bad of ["", "1e5", "1,5", ".5", "5.", "abc", "1 000"]) expect(parseDecimal(bad)).toBeNull();
    expect(formatDecimal({ units: 5n, scale: 3 })).toBe("0.005");
    expect(formatDecimal({ units: -1234n, scale: 2 })).toBe("-12.34");
  });
});

describe("writePb", () => {
  it("quotes what needs quoting and round-trips", () => {
    const election = parsePb(SMALL);
    const written = writePb(election);
    expect(written).toContain('p1;400.25;"""Konikowo"" - plac zabaw; etap I"');
    expect(parsePb(written)).toEqual(election);
  });

  it.each(PABULIB_FILES)("round-trips %s to the same election", (file) => {
    const election = parsePb(readPabulib(file));
    const again = parsePb(writePb(election));
    expect(again).toEqual(election);
    expect(writePb(again)).toBe(writePb(election));
  });
});
