import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateSQLiteDrizzleJson, generateSQLiteMigration } from "drizzle-kit/api";
import * as schema from "./schema";
import { MIGRATIONS_FOLDER } from "./migrate";

describe("migrations", () => {
  it("agree with the schema: generating now would produce nothing", async () => {
    const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"));
    const last = journal.entries.at(-1);
    const snapshot = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, `meta/${String(last.idx).padStart(4, "0")}_snapshot.json`), "utf8"));
    const current = await generateSQLiteDrizzleJson(schema);
    const statements = await generateSQLiteMigration(snapshot, current);
    expect(statements).toEqual([]);
  });
});
