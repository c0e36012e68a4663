/**
 * Tie-breaking shared by every rule: lower cost first, then the higher score (approvals or total
 * points), then project id in natural order. The order is total because ids are unique, and it uses
 * no locale, so every machine breaks ties the same way.
 */

/**
 * Natural, locale-independent id order: digit runs compare as numbers ("2" < "11"), other runs by
 * UTF-16 code units; ids equal under that reading ("01" and "1") fall back to plain code-unit order.
 */
export function compareProjectIds(a: string, b: string): number {
  const runsA = a.match(/\d+|\D+/g) ?? [];
  const runsB = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(runsA.length, runsB.length); i++) {
    const order = compareRuns(runsA[i], runsB[i]);
    if (order !== 0) return order;
  }
  if (runsA.length !== runsB.length) return runsA.length - runsB.length;
  return codeUnitOrder(a, b);
}

function compareRuns(a: string, b: string): number {
  if (isDigits(a) && isDigits(b)) {
    const x = a.replace(/^0+/, "");
    const y = b.replace(/^0+/, "");
    return x.length !== y.length ? x.length - y.length : codeUnitOrder(x, y);
  }
  return codeUnitOrder(a, b);
}

function isDigits(run: string): boolean {
  return run.charCodeAt(0) >= 48 && run.charCodeAt(0) <= 57;
}

function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** rank[i] < rank[j] exactly when project i wins a tie against project j. */
export function tieRanks(ids: string[], costs: bigint[], scores: number[]): number[] {
  const order = ids.map((_, i) => i);
  order.sort((i, j) => {
    if (costs[i] !== costs[j]) return costs[i] < costs[j] ? -1 : 1;
    if (scores[i] !== scores[j]) return scores[j] - scores[i];
    return compareProjectIds(ids[i], ids[j]);
  });
  const rank = new Array<number>(ids.length);
  order.forEach((project, position) => (rank[project] = position));
  return rank;
}
