import { afterEach, describe, expect, it, vi } from "vitest";
import { log, redact } from "./log.server";

describe("logging never leaks secrets (security baseline 33)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("masks e-mail addresses and secret fields", () => {
    const out = redact({
      msg: "sign-in failed for alice.smith@example.org",
      password: "hunter2hunter2",
      sessionId: "abc123",
      nested: { resetToken: "tok", to: "bob@example.org" },
    });
    const text = JSON.stringify(out);
    expect(text).not.toContain("alice.smith@example.org");
    expect(text).not.toContain("bob@example.org");
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("abc123");
    expect(text).not.toContain('"tok"');
    expect(text).toContain("a***@example.org");
  });

  it("strips tokens from URLs and error messages", () => {
    const error = new Error("failed to send https://x.example/reset-password?token=s3cr3t to carol@example.org");
    const text = JSON.stringify(redact({ error }));
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain("carol@example.org");
  });

  it("writes redacted lines", () => {
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    log.error("mail to dave@example.org failed", { password: "pw-123456" });
    const line = String(write.mock.calls[0][0]);
    expect(line).not.toContain("dave@example.org");
    expect(line).not.toContain("pw-123456");
  });
});
