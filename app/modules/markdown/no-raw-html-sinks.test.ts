import fs from "node:fs";
import path from "node:path";
import { describe, it, expect } from "vitest";

// Security baseline 16: only app/modules/markdown/ may turn strings into markup.
const APP_DIR = path.resolve(import.meta.dirname, "../..");
const EXEMPT_DIR = path.resolve(import.meta.dirname);
const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

const SINKS: { name: string; pattern: RegExp }[] = [
  // Spelled in two halves so the project's own grep for the sink finds only the renderer.
  { name: "the React HTML sink", pattern: new RegExp(["dangerously", "SetInnerHTML"].join("")) },
  { name: "innerHTML assignment", pattern: /\binnerHTML\s*\+?=(?!=)/ },
  { name: "outerHTML assignment", pattern: /\bouterHTML\s*\+?=(?!=)/ },
  { name: "insertAdjacentHTML", pattern: /\binsertAdjacentHTML\b/ },
  { name: "document.write", pattern: /\bdocument\s*\.\s*write(?:ln)?\s*\(/ },
  { name: "createContextualFragment", pattern: /\bcreateContextualFragment\b/ },
];

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== EXEMPT_DIR && entry.name !== "node_modules") files.push(...sourceFiles(full));
    } else if (entry.isFile() && SOURCE_FILE.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

function findSinks(source: string): string[] {
  const found: string[] = [];
  source.split("\n").forEach((line, index) => {
    for (const sink of SINKS) if (sink.pattern.test(line)) found.push(`${index + 1}: ${sink.name}`);
  });
  return found;
}

describe("raw HTML sinks (security baseline 16)", () => {
  it("detects each sink (so the scan can fail)", () => {
    const bad = [
      `<div ${["dangerously", "SetInnerHTML"].join("")}={{ __html: x }} />`,
      "el.innerHTML = x;",
      "el.innerHTML += x;",
      "el.outerHTML=x",
      'el.insertAdjacentHTML("beforeend", x)',
      "document.write(x)",
      "range.createContextualFragment(x)",
    ];
    for (const line of bad) expect(findSinks(line), line).not.toEqual([]);
    expect(findSinks("if (el.innerHTML === '') el.textContent = x;")).toEqual([]);
  });

  it("finds no sink in app/ outside app/modules/markdown/", () => {
    const files = sourceFiles(APP_DIR);
    expect(files).toContain(path.join(APP_DIR, "root.tsx"));
    expect(files.some((file) => file.startsWith(EXEMPT_DIR + path.sep))).toBe(false);

    const offenders = files.flatMap((file) =>
      findSinks(fs.readFileSync(file, "utf8")).map((hit) => `${path.relative(APP_DIR, file)}:${hit}`),
    );
    expect(offenders).toEqual([]);
  });
});
