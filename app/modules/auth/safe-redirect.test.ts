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
  ])("sends %j to our own home page", (target) => {
    expect(safeRedirect(target)).toBe("/");
  });

  it("keeps same-site paths with their query and hash", () => {
    expect(safeRedirect("/ideas?sort=new#top")).toBe("/ideas?sort=new#top");
    expect(safeRedirect("/account")).toBe("/account");
  });

  it("uses the given fallback", () => {
    expect(safeRedirect(null, "/login")).toBe("/login");
  });
});
