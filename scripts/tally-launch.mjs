/**
 * `npm run tally`: runs scripts/tally.ts from a plain-JavaScript bundle, .cache/tally/tally.mjs
 * (gitignored; not build/, which the app build empties), so that no TypeScript loader starts with
 * it. The bundle is rebuilt with esbuild (already installed with vite) when it is missing or older
 * than any of its sources; `npm run build:tally` forces it.
 */
import fs from "node:fs";
import path from "node:path";
import process from "node:process";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const entry = path.join(root, "scripts", "tally.ts");
const engine = path.join(root, "app", "modules", "tally");
export const bundle = path.join(root, ".cache", "tally", "tally.mjs");

function newestSource() {
  let newest = fs.statSync(entry).mtimeMs;
  for (const name of fs.readdirSync(engine)) {
    if (name.endsWith(".ts") && !name.endsWith(".test.ts")) newest = Math.max(newest, fs.statSync(path.join(engine, name)).mtimeMs);
  }
  return newest;
}

function isStale() {
  try {
    return fs.statSync(bundle).mtimeMs < newestSource();
  } catch {
    return true;
  }
}

export async function buildTally() {
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
}

const force = process.argv[2] === "--build";
if (force || isStale()) await buildTally();
if (!force) await import(pathToFileURL(bundle).href);
