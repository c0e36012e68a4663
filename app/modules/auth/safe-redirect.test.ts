import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect (security baseline 19)", () => {
  it.each([
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "%2F%2Fevil.example",
    "/%2F/evil.example",
    "javascript:alert(1)",
    "/\t/evil.example",
    "http:/evil.example",
    "",
    // Dot segments: normalisation would turn these into "//evil.example".
    "/.//evil.example",
    "/./%2Fevil.example",
    "/%2e//evil.example",
    "/%2E%2E//evil.example",
    "/x/..//evil.example",
    "/%252e//evil.example",
    "/ideas/%2e%2e/%2e%2e//evil.example",
  ])("sends %j to our own home page", (target) => {
    expect(safeRedirect(target)).toBe("/");
  });

  it("never returns anything a browser would read as another host", () => {
    for (const target of ["/.//evil.example", "/./%2F%2Fevil.example", "/a/./..//evil.example"]) {
      const result = safeRedirect(target);
      expect(new URL(result, "https://forum.example").host).toBe("forum.example");
      expect(result.startsWith("//")).toBe(false);
    }
  });

  it("keeps same-site paths with their query and hash", () => {
    expect(safeRedirect("/ideas?sort=new#top")).toBe("/ideas?sort=new#top");
    expect(safeRedirect("/account")).toBe("/account");
  });

  it("uses the given fallback", () => {
    expect(safeRedirect(null, "/login")).toBe("/login");
  });
});
