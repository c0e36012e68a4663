import { afterEach, describe, expect, it, vi } from "vitest";

const original = { ...process.env };
afterEach(() => {
  process.env = { ...original };
  vi.resetModules();
});

describe("configuration", () => {
  it("refuses production without SESSION_SECRET with one clear line naming the variable", async () => {
    process.env = { ...original, NODE_ENV: "production", SESSION_SECRET: "" };
    delete process.env.SESSION_SECRET;
    const { getEnv, ConfigError } = await import("./env.server");
    let error: unknown;
    try {
      getEnv();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("SESSION_SECRET");
    expect(message).not.toContain("\n");
    expect(message).not.toContain("npm run setup");
  });

  it("names every bad variable at once", async () => {
    process.env = { ...original, NODE_ENV: "test", PORT: "seventy", SESSION_SECRET: "short" };
    const { getEnv } = await import("./env.server");
    expect(() => getEnv()).toThrow(/PORT.*SESSION_SECRET|SESSION_SECRET.*PORT/);
  });
});
