/**
 * How much one report counts, fixed when it is filed (pure; client-safe).
 * - Track record: (upheld + 1) / (decided + 2) × 2 — 1 without history, towards 2 for a reporter
 *   whose reports moderators upheld, towards 0 for one whose reports they dismissed.
 * - Account age: nothing under a day (a flood of fresh accounts weighs nothing), half under a week.
 */
export function reportWeight({ accountAgeDays, upheld, dismissed }: { accountAgeDays: number; upheld: number; dismissed: number }) {
  if (accountAgeDays < 1) return 0;
  const age = accountAgeDays < 7 ? 0.5 : 1;
  const record = ((upheld + 1) / (upheld + dismissed + 2)) * 2;
  return Math.round(age * record * 100) / 100;
}

export type AutoHideRule = { reporters: number; weight: number };

/** Whether reports hide their content until a moderator decides: enough reporters who weigh something, and enough weight. */
export function reachesAutoHide(totals: { weightyReporters: number; weight: number }, rule: AutoHideRule) {
  return rule.reporters > 0 && totals.weightyReporters >= rule.reporters && totals.weight >= rule.weight;
}
