import type { Decimal } from "./decimal";
import type { TallyProfile } from "./profile";

export interface GreedyOptions {
  /** true: skip a project that does not fit and go on; false: stop at the first one (greedy-no-skip). */
  skip: boolean;
  /** Only projects scoring at least this take part (greedy-threshold). */
  minScore?: Decimal;
}

/**
 * Utilitarian greedy: projects by score, highest first (ties: see tie-breaking.ts), each funded
 * when it fits in what is left. Withdrawn projects and projects nobody supports never take part.
 * Returns project indices in selection order.
 */
export function greedy(profile: TallyProfile, options: GreedyOptions): number[] {
  const { minScore } = options;
  const eligible = profile.ids
    .map((_, i) => i)
    .filter((i) => !profile.withdrawn[i] && profile.scores[i] > 0)
    .filter((i) => !minScore || BigInt(profile.scores[i]) * 10n ** BigInt(minScore.scale) >= minScore.units);
  eligible.sort((i, j) => profile.scores[j] - profile.scores[i] || profile.tieRank[i] - profile.tieRank[j]);
  const selected: number[] = [];
  let left = profile.budget;
  for (const i of eligible) {
    if (profile.costs[i] <= left) {
      selected.push(i);
      left -= profile.costs[i];
    } else if (!options.skip) {
      break;
    }
  }
  return selected;
}
