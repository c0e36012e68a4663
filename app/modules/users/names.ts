import type { TFunction } from "i18next";

/**
 * The name stored for every deleted account (docs/decisions/0012). It is data, so pages show it
 * through the translation layer (shownName), and no live account may take it (DisplayNameSchema).
 */
export const DELETED_NAME = "Deleted resident";

/** Whether a display name is the deleted accounts' one, in any case and spacing. */
export function isReservedName(name: string) {
  return name.trim().replace(/\s+/g, " ").toLowerCase() === DELETED_NAME.toLowerCase();
}

/** A person's name as a page shows it: a deleted account's in the reader's language. */
export function shownName(name: string, t: TFunction): string {
  return name === DELETED_NAME ? t("people.deletedResident") : name;
}
