import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { dataFrom, resolveTargets } from "./bench-pages-data";
import { cookieHeader, judge, type Figures } from "./bench-pages-judge";
import { TARGETS, type Target } from "./bench-pages-targets";

const figures = (over: Partial<Figures> = {}): Figures => ({
  requestsPerSecond: 300,
  p50Ms: 100,
  p99Ms: 200,
  errors: 0,
  timeouts: 0,
  statusCodes: { "200": 3000 },
  ...over,
});
const ok = { status: 200, body: "<html>" };

describe("judging a measured target", () => {
  it("passes at 40% of the trivial page with p99 at 2.5 times p50", () => {
    expect(judge({ figures: figures({ p99Ms: 250 }), first: ok, ratio: 0.4 }).verdict).toBe("pass");
  });

  it("fails a long tail whatever the throughput", () => {
    const judged = judge({ figures: figures({ p99Ms: 251 }), first: ok, ratio: 0.9 });
    expect(judged.verdict).toBe("fail");
    expect(judged.problems.join()).toMatch(/p99\/p50 2\.51 > 2\.5/);
  });

  it("fails a page under 40% of the trivial page", () => {
    expect(judge({ figures: figures(), first: ok, ratio: 0.39 }).problems.join()).toMatch(/39\.0% < 40%/);
  });

  it("does not compare the trivial page with itself, but judges its tail", () => {
    expect(judge({ figures: figures(), first: ok, ratio: null }).verdict).toBe("pass");
    expect(judge({ figures: figures({ p99Ms: 300 }), first: ok, ratio: null }).verdict).toBe("fail");
  });

  it("fails non-2xx answers unless the target declares them", () => {
    const redirects = figures({ statusCodes: { "200": 10, "303": 5 } });
    expect(judge({ figures: redirects, first: ok, ratio: 1 }).unexpected).toBe(5);
    expect(judge({ figures: redirects, first: ok, ratio: 1 }).verdict).toBe("fail");
    expect(judge({ figures: redirects, first: { status: 303, body: "" }, expect: [303], ratio: 1 }).verdict).toBe("pass");
    expect(judge({ figures: figures(), first: { status: 404, body: "Not found" }, ratio: 1 }).problems.join()).toMatch(/first request answered 404/);
  });

  it("reports a vote refused for an unverified e-mail address as not measured, not as a pass", () => {
    const refused = figures({ statusCodes: { "403": 9000 }, p50Ms: 5, p99Ms: 9 });
    const judged = judge({ figures: refused, first: { status: 403, body: '{"error":"errors.refused.unverified"}' }, ratio: 3 });
    expect(judged.verdict).toBe("not measured");
    expect(judged.problems.join()).toMatch(/not verified/);
  });

  it("reports a failed load generator as not measured", () => {
    const judged = judge({ figures: null, loadError: "autocannon exited with 1", first: ok, ratio: null });
    expect(judged.verdict).toBe("not measured");
    expect(judged.problems.join()).toMatch(/autocannon exited with 1/);
  });
});

describe("the session cookie", () => {
  it("is sent back whatever its name, without attributes or blanked cookies", () => {
    expect(cookieHeader(["__Host-civic_session=abc123; Path=/; Secure; HttpOnly; SameSite=Lax", "old=; Max-Age=0", "lng=fr; Path=/"])).toBe(
      "__Host-civic_session=abc123; lng=fr",
    );
    expect(cookieHeader([])).toBe("");
  });
});

describe("resolving the targets from a database", () => {
  it("skips a target whose table does not exist, with the reason, and keeps the others", () => {
    const sqlite = new Database(":memory:");
    sqlite.exec("CREATE TABLE ideas (id INTEGER PRIMARY KEY, listed INTEGER, up_count INTEGER)");
    sqlite.exec("INSERT INTO ideas VALUES (7, 1, 3), (8, 1, 9)");
    const targets: Target[] = [
      { name: "list", path: () => "/ideas" },
      { name: "busiest", path: (d) => `/ideas/${d.one("SELECT id FROM ideas WHERE listed = 1 ORDER BY up_count DESC LIMIT 1")}` },
      { name: "ballot", as: "resident", path: (d) => `/ballots/${d.one("SELECT id FROM ballots LIMIT 1")}` },
      { name: "staff queue", as: "moderator", path: () => "/staff/queue" },
      { name: "empty", path: (d) => `/ideas/${d.one("SELECT id FROM ideas WHERE listed = 2")}` },
    ];
    const { resolved, skipped } = resolveTargets(targets, dataFrom(sqlite), (role) => role === "resident");
    expect(resolved.map((r) => [r.name, r.method, r.path])).toEqual([
      ["list", "GET", "/ideas"],
      ["busiest", "GET", "/ideas/8"],
    ]);
    expect(skipped.map((s) => s.name)).toEqual(["ballot", "staff queue", "empty"]);
    expect(skipped[0].reason).toMatch(/no such table: ballots/);
    expect(skipped[1].reason).toMatch(/no moderator account/);
    expect(skipped[2].reason).toMatch(/no row/);
  });

  it("refuses two targets with the same name, since --only selects by name", () => {
    const sqlite = new Database(":memory:");
    const twice: Target[] = [TARGETS[0], TARGETS[0]];
    expect(() => resolveTargets(twice, dataFrom(sqlite), () => true)).toThrow(/Two benchmark targets/);
  });

  it("names every real target once, and sends a body only with a POST", () => {
    expect(new Set(TARGETS.map((t) => t.name)).size).toBe(TARGETS.length);
    for (const t of TARGETS) expect(t.body === undefined || t.method === "POST").toBe(true);
  });
});
