// How scripts/bench-pages.ts judges one measured target (pure, so it is tested on its own).
//
// Targets of the page benchmark, for every page it measures now and later:
// - at least 40% of the trivial page's requests per second in the same run;
// - p99 at most 2.5 times p50. On 2 cores the server and the load generator share the machine, so an
//   absolute tail (the former "p99 under 250 ms") is set by the machine and the connection count,
//   not by the page: no page met it, the trivial one included. The tail's shape is the page's own.
// - no response outside 2xx and the statuses a target declares, no socket errors or timeouts.
export const MIN_RATIO = 0.4;
export const MAX_TAIL_RATIO = 2.5;

export type Figures = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

export type Judged = {
  /** "not measured" when the figures do not describe the page (refused, or the load generator failed). */
  verdict: "pass" | "fail" | "not measured";
  problems: string[];
  /** Responses with a status that is neither 2xx nor declared by the target. */
  unexpected: number;
  tailRatio: number;
};

/** A 2xx, or a status the target declares as its right answer. */
export const isExpected = (status: number, expect: readonly number[] = []) => (status >= 200 && status <= 299) || expect.includes(status);

/** p99 / p50, with p50 floored at 1 ms so a sub-millisecond median cannot make it explode. */
export const tailRatio = (p50Ms: number, p99Ms: number) => p99Ms / Math.max(p50Ms, 1);

/** A refusal because the account's e-mail address is not verified (the first body says so). */
export const isUnverifiedRefusal = (status: number, body: string) => status === 403 && /verif|confirm/i.test(body);

export function judge(input: {
  figures: Figures | null;
  loadError?: string;
  first: { status: number; body: string };
  expect?: readonly number[];
  /** Requests per second over the baseline; null for the trivial page itself (or no baseline). */
  ratio: number | null;
}): Judged {
  const expect = input.expect ?? [];
  const problems: string[] = [];
  const { figures, first } = input;
  const unexpected = figures
    ? Object.entries(figures.statusCodes).reduce((n, [code, count]) => (isExpected(Number(code), expect) ? n : n + count), 0)
    : 0;
  const tail = figures ? tailRatio(figures.p50Ms, figures.p99Ms) : 0;
  if (isUnverifiedRefusal(first.status, first.body)) {
    problems.push("refused with 403: this account's e-mail address is not verified, so nothing was measured (the large seed must mark its residents verified)");
    return { verdict: "not measured", problems, unexpected, tailRatio: tail };
  }
  if (!isExpected(first.status, expect)) problems.push(`first request answered ${first.status || "nothing"}${first.body ? ` (${first.body.slice(0, 120)})` : ""}`);
  if (!figures) {
    problems.push(`load generator failed: ${input.loadError ?? "no result"}`);
    return { verdict: "not measured", problems, unexpected, tailRatio: tail };
  }
  if (unexpected > 0) problems.push(`${unexpected} unexpected non-2xx`);
  if (figures.errors > 0 || figures.timeouts > 0) problems.push(`${figures.errors} errors, ${figures.timeouts} timeouts`);
  if (input.ratio !== null && input.ratio < MIN_RATIO) problems.push(`${(input.ratio * 100).toFixed(1)}% < ${MIN_RATIO * 100}% of trivial`);
  if (tail > MAX_TAIL_RATIO) problems.push(`p99/p50 ${tail.toFixed(2)} > ${MAX_TAIL_RATIO}`);
  return { verdict: problems.length === 0 ? "pass" : "fail", problems, unexpected, tailRatio: tail };
}

/** The cookies a response sets, as one Cookie header value (name=value pairs; blanked cookies left out). */
export function cookieHeader(setCookies: readonly string[]) {
  return setCookies
    .map((line) => line.split(";", 1)[0].trim())
    .filter((pair) => /^[^=]+=./.test(pair))
    .join("; ");
}
