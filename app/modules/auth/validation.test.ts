import { describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { DELETED_NAME, shownName } from "~/modules/users/names";
import { SignUpSchema } from "./validation";

describe("display names", () => {
  it("refuse markup characters and control characters, keep everything else", () => {
    const base = { email: "a@example.org", password: "long enough pass" };
    for (const displayName of ["<img src=x onerror=alert(1)>", "Bob<script>", "Tab\tName", "a>b"]) {
      expect(SignUpSchema.safeParse({ ...base, displayName }).success, displayName).toBe(false);
    }
    for (const displayName of ["Zoé Müller-Łukasz", `O'Brien "Bob"`, "javascript:alert(1)", "Deleted residents club", "مهرداد\u200cنیا"]) {
      expect(SignUpSchema.safeParse({ ...base, displayName }).success, displayName).toBe(true);
    }
  });

  it("refuse the deleted accounts' name, so nobody can pass for one, and show it in the reader's language", () => {
    const base = { email: "a@example.org", password: "long enough pass" };
    for (const displayName of ["Deleted resident", "deleted  RESIDENT", " Deleted Resident ", "Résident supprimé", "RESIDENT SUPPRIME", "Deleted\u200b resident", "Deleted res\u00adident", "Deleted resident\u202e"]) {
      const parsed = SignUpSchema.safeParse({ ...base, displayName });
      expect(parsed.success, displayName).toBe(false);
      expect(["errors.displayNameReserved", "errors.displayNameCharacters"]).toContain(parsed.error?.issues[0].message);
    }
    expect(shownName(DELETED_NAME, getFixedT("fr"))).toBe("Résident supprimé");
    expect(shownName(DELETED_NAME, getFixedT("en"))).toBe("Deleted resident");
    expect(shownName("Deleted residents club", getFixedT("fr"))).toBe("Deleted residents club");
  });
});
