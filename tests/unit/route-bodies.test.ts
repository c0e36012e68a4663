import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Issue 7 item 3: no route reads a request body except through the bounded readers. */
describe("request bodies", () => {
  it("are read only through app/utils/request-body.server.ts", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".test.ts")) {
          const source = fs.readFileSync(file, "utf8");
          if (/request\.(formData|json|text|arrayBuffer|blob)\(|unstable_parseMultipartFormData/.test(source)) offenders.push(path.relative(process.cwd(), file));
        }
      }
    };
    walk(path.resolve("app"));
    expect(offenders.filter((f) => f !== path.join("app", "utils", "request-body.server.ts"))).toEqual([]);
  });
});
