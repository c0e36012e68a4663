/**
 * "Trending" is Reddit's hot ranking: the order of magnitude of net support, plus the posting
 * time in 12.5-hour units. Ten times the support buys 12.5 hours of freshness. Because the time
 * part is fixed at posting, the score only changes when a vote does: no periodic recomputation,
 * and a plain index serves the default sort.
 */
const EPOCH_SECONDS = 1_767_225_600; // 2026-01-01T00:00:00Z
const DECAY_SECONDS = 45_000;

export function hotScore(upCount: number, downCount: number, createdAt: Date) {
  const net = upCount - downCount;
  const order = Math.log10(Math.max(Math.abs(net), 1));
  const sign = net > 0 ? 1 : net < 0 ? -1 : 0;
  // Whole seconds, as the database stores timestamps: the same idea always gets the same score.
  const seconds = Math.floor(createdAt.getTime() / 1000) - EPOCH_SECONDS;
  return Math.round((sign * order + seconds / DECAY_SECONDS) * 1e7) / 1e7;
}
