/**
 * The spam and abuse signal's rules (pure; client-safe so the queue can explain them):
 * - links: 1 point for one link, 2 for two or more, 3 for five or more;
 * - the same text posted by other accounts in the last week: 2 points for one, 3 for more;
 * - a burst from a new account (under two days old, five posts or more in the last hour): 2 points;
 * - words from the list below, per language: 1 point each, at most 3.
 * From LIKELY_SPAM points (kinds.ts) a case is shown as likely spam. The score orders and
 * filters the queue; it never hides anything.
 */
export const SPAM_WORDS: Record<"en" | "fr", string[]> = {
  en: ["casino", "viagra", "cialis", "crypto", "bitcoin", "forex", "payday loan", "cheap pills", "click here", "earn money", "work from home", "free money", "escort", "betting", "seo services"],
  fr: ["casino", "viagra", "crypto", "bitcoin", "forex", "prêt rapide", "crédit facile", "cliquez ici", "gagner de l'argent", "argent facile", "travail à domicile", "escorte", "paris sportifs", "rencontres coquines"],
};

const LINK = /\bhttps?:\/\/|\bwww\.[a-z0-9-]+\./gi;

export type SpamInput = { text: string; sameTextAuthors: number; postsInLastHour: number; authorAgeHours: number };

export function spamScore({ text, sameTextAuthors, postsInLastHour, authorAgeHours }: SpamInput) {
  const signals: string[] = [];
  let score = 0;
  const links = text.match(LINK)?.length ?? 0;
  if (links) {
    score += links >= 5 ? 3 : links >= 2 ? 2 : 1;
    signals.push(`links:${links}`);
  }
  if (sameTextAuthors > 0) {
    score += sameTextAuthors > 1 ? 3 : 2;
    signals.push(`repeated:${sameTextAuthors}`);
  }
  if (authorAgeHours < 48 && postsInLastHour >= 5) {
    score += 2;
    signals.push(`burst:${postsInLastHour}`);
  }
  const lower = text.toLowerCase();
  const words = [...new Set([...SPAM_WORDS.en, ...SPAM_WORDS.fr])].filter((w) => lower.includes(w));
  if (words.length) {
    score += Math.min(3, words.length);
    signals.push(`words:${words.slice(0, 5).join(", ")}`);
  }
  return { score, signals };
}
