import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./security.js";

const base = { host: "forum.example", method: "POST" };

describe("isCrossSiteWrite (security baseline 18)", () => {
  it("refuses a POST whose Origin is another site", () => {
    expect(isCrossSiteWrite({ ...base, origin: "https://evil.example" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: "null" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, origin: "not a url" })).toBe(true);
  });
  it("refuses a POST marked cross-site by Sec-Fetch-Site when Origin is missing", () => {
    expect(isCrossSiteWrite({ ...base, secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, secFetchSite: "same-site" })).toBe(true);
  });
  it("lets same-origin writes and every read through", () => {
    expect(isCrossSiteWrite({ ...base, origin: "https://forum.example" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, secFetchSite: "same-origin" })).toBe(false);
    expect(isCrossSiteWrite({ ...base, method: "GET", origin: "https://evil.example" })).toBe(false);
  });
  it("applies to every state-changing method", () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect(isCrossSiteWrite({ ...base, method, origin: "https://evil.example" })).toBe(true);
    }
  });
});
