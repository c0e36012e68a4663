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
  it("refuses a POST without Origin whose Referer is another site (a foreign page's form)", () => {
    expect(isCrossSiteWrite({ ...base, referer: "https://evil.example/attack.html" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, referer: "https://forum.example.evil.example/" })).toBe(true);
    expect(isCrossSiteWrite({ ...base, referer: "https://forum.example/ideas/3" })).toBe(false);
  });
  it("refuses Sec-Fetch-Site cross-site even with a matching Origin", () => {
    expect(isCrossSiteWrite({ ...base, origin: "https://forum.example", secFetchSite: "cross-site" })).toBe(true);
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

describe("accessLog (security baseline 33)", () => {
  it.each([true, false])("logs the path without its query string, where reset tokens travel (short %s)", async (short) => {
    const { accessLog } = await import("./security.js");
    const { EventEmitter } = await import("node:events");
    const lines = [];
    const original = process.stdout.write;
    process.stdout.write = (chunk) => lines.push(String(chunk)) > 0;
    try {
      const res = Object.assign(new EventEmitter(), { statusCode: 200 });
      accessLog({ short })({ method: "GET", path: "/reset-password", originalUrl: "/reset-password?token=s3cr3t" }, res, () => {});
      res.emit("finish");
    } finally {
      process.stdout.write = original;
    }
    expect(lines.join("")).toContain("/reset-password");
    expect(lines.join("")).not.toContain("s3cr3t");
    // Short: one readable line, not JSON.
    expect(lines.join("").startsWith("{")).toBe(!short);
  });
});
