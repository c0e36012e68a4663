// Bundles the server's worker threads (the budget count, the scheduled backup) into build/workers/, after the app build
// (which empties build/). esbuild comes with vite; the tsconfig paths (~/) are resolved by it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await esbuild.build({
  entryPoints: {
    "count-worker": path.join(root, "app/modules/budgets/count-worker.server.ts"),
    "backup-worker": path.join(root, "app/modules/jobs/backup-worker.server.ts"),
  },
  outdir: path.join(root, "build/workers"),
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
  // The native SQLite binding is loaded from node_modules, as the server loads it.
  external: ["better-sqlite3"],
  tsconfig: path.join(root, "tsconfig.json"),
});
