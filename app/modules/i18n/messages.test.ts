import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "./locales/en";
import fr from "./locales/fr";

const APP = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "locales" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

function lookup(messages: unknown, key: string) {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), messages);
}

function leaves(node: unknown, prefix = ""): string[] {
  if (typeof node === "string" || Array.isArray(node)) return [prefix];
  return Object.entries(node as object).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe("translations", () => {
  // Literal keys in t("..."), and the error keys the zod schemas return.
  const used = new Set<string>();
  for (const file of sourceFiles(APP)) {
    const text = fs.readFileSync(file, "utf8");
    for (const m of text.matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) used.add(m[1]);
    for (const m of text.matchAll(/"(errors\.[a-zA-Z.]*[a-zA-Z])"/g)) used.add(m[1]);
  }

  it("finds the keys it checks", () => {
    expect(used.size).toBeGreaterThan(50);
  });

  it.each([...used].sort())("%s exists in English and French", (key) => {
    const plural = (m: unknown) => lookup(m, key) ?? lookup(m, `${key}_other`);
    expect(plural(en), `missing in en: ${key}`).toBeDefined();
    expect(plural(fr), `missing in fr: ${key}`).toBeDefined();
  });

  it("French has every English message, and lists of the same length", () => {
    for (const key of leaves(en)) {
      const a = lookup(en, key);
      const b = lookup(fr, key);
      expect(typeof b, key).toBe(typeof a);
      if (Array.isArray(a)) expect((b as string[]).length, key).toBe(a.length);
    }
  });
});
