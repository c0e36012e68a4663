import { describe, expect, it } from "vitest";
import { highlightMatches, splitHighlights, toFtsQuery } from "./search";

describe("search input", () => {
  it("becomes quoted prefix terms, never FTS syntax", () => {
    expect(toFtsQuery('bike" OR title:x NEAR(a')).toBe('"bike"* "OR"* "title"* "x" "NEAR"* "a"');
    expect(toFtsQuery("   ")).toBeNull();
    expect(toFtsQuery("parc à vélos", { mode: "any" })).toBe('"parc"* OR "vélos"*');
  });

  it("highlights matched words the way the index matches them: prefixes, any case, any accents", () => {
    const marked = highlightMatches("Une École près du Parc; parcours vélo", "ecole parc");
    expect(splitHighlights(marked).filter((p) => p.match).map((p) => p.text)).toEqual(["École", "Parc", "parcours"]);
    expect(highlightMatches("nothing here", "zzz")).toBe("nothing here");
  });

  it("keeps markup characters as plain text parts, for React to escape", () => {
    const parts = splitHighlights(highlightMatches("<b>bike</b>", "bike"));
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["bike"]);
    expect(parts.map((p) => p.text).join("")).toBe("<b>bike</b>");
  });
});
