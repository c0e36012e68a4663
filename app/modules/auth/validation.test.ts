import { describe, expect, it } from "vitest";
import { SignUpSchema } from "./validation";

describe("display names", () => {
  it("refuse markup characters and control characters, keep everything else", () => {
    const base = { email: "a@example.org", password: "long enough pass" };
    for (const displayName of ["<img src=x onerror=alert(1)>", "Bob<script>", "Tab\tName", "a>b"]) {
      expect(SignUpSchema.safeParse({ ...base, displayName }).success, displayName).toBe(false);
    }
    for (const displayName of ["Zoé Müller-Łukasz", `O'Brien "Bob"`, "javascript:alert(1)"]) {
      expect(SignUpSchema.safeParse({ ...base, displayName }).success, displayName).toBe(true);
    }
  });
});
