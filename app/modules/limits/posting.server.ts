import { RateLimiterMemory } from "rate-limiter-flexible";

/**
 * Per-account posting allowances: generous for a person, tight for a script.
 * Checked by the commands before they write; the error says how long to wait.
 */
export const POSTING_LIMITS = {
  idea: { points: 5, duration: 60 * 60 },
  comment: { points: 20, duration: 10 * 60 },
  report: { points: 20, duration: 60 * 60 },
} as const;

export type PostingKind = keyof typeof POSTING_LIMITS;

const limiters = Object.fromEntries(
  Object.entries(POSTING_LIMITS).map(([kind, opts]) => [kind, new RateLimiterMemory({ keyPrefix: `post-${kind}`, ...opts })]),
) as Record<PostingKind, RateLimiterMemory>;

/** Takes one unit of the allowance; returns 0 when allowed, else the seconds to wait. */
export async function takePostingAllowance(kind: PostingKind, userId: string) {
  try {
    await limiters[kind].consume(userId, 1);
    return 0;
  } catch (rejection) {
    const msBeforeNext = (rejection as { msBeforeNext?: number }).msBeforeNext ?? 60_000;
    return Math.max(1, Math.ceil(msBeforeNext / 1000));
  }
}
