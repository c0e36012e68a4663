import type { TFunction } from "i18next";

/**
 * The name stored for every deleted account (docs/decisions/0012). It is data, so pages show it
 * through the translation layer (shownName), and no live account may take it (DisplayNameSchema).
 */
export const DELETED_NAME = "Deleted resident";

/** The placeholder as readers see it in each language (people.deletedResident), folded as below. */
const RESERVED = ["deleted resident", "resident supprime"];

/** A name folded for comparison: compatibility forms, no invisible characters or accents, one space, lower case. */
function folded(name: string) {
  return name
    .normalize("NFKD")
    .replace(/[\p{Cf}\p{Mn}]/gu, "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/**
 * Whether a display name passes for a deleted account's, in any language shown, case, spacing,
 * accents or invisible characters. (Look-alike letters from other scripts are not caught.)
 */
export function isReservedName(name: string) {
  return RESERVED.includes(folded(name));
}

/** A person's name as a page shows it: a deleted account's in the reader's language. */
export function shownName(name: string, t: TFunction): string {
  return name === DELETED_NAME ? t("people.deletedResident") : name;
}
