/**
 * Turns what a person typed into a safe FTS5 query: words only, each quoted (so FTS syntax such
 * as NEAR, column filters or stray quotes is never interpreted), prefix-matched.
 */
export function toFtsQuery(input: string, { mode = "all" }: { mode?: "all" | "any" } = {}) {
  const words = input
    .normalize("NFKC")
    .match(/[\p{L}\p{N}]+/gu)
    ?.filter((w) => (mode === "any" ? w.length >= 3 : w.length >= 1))
    .slice(0, 12);
  if (!words?.length) return null;
  // Prefix matching from two letters up (the index keeps 2- and 3-letter prefixes); a single
  // letter as a prefix would match nearly every idea.
  return words.map((w) => (w.length >= 2 ? `"${w}"*` : `"${w}"`)).join(mode === "any" ? " OR " : " ");
}

/** Markers that FTS5 puts around matches; the page turns them into <mark> elements. */
export const MATCH_START = "\u0002";
export const MATCH_END = "\u0003";

/** Splits highlighted text into plain and matched parts, for rendering as text (never as HTML). */
export function splitHighlights(text: string) {
  const parts: { text: string; match: boolean }[] = [];
  for (const [i, chunk] of text.split(MATCH_START).entries()) {
    if (i === 0) {
      if (chunk) parts.push({ text: chunk, match: false });
      continue;
    }
    const [matched, rest = ""] = chunk.split(MATCH_END);
    parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

const fold = (word: string) =>
  word
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();

/**
 * Marks the words of `text` that the search matched (same rules as the index: case and accents
 * ignored, prefixes from two letters), for highlighting titles and excerpts of search results.
 */
export function highlightMatches(text: string, input: string) {
  const terms = (input.normalize("NFKC").match(/[\p{L}\p{N}]+/gu) ?? []).map(fold);
  if (terms.length === 0) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const folded = fold(word);
    const hit = terms.some((term) => (term.length >= 2 ? folded.startsWith(term) : folded === term));
    return hit ? `${MATCH_START}${word}${MATCH_END}` : word;
  });
}
