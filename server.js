// The HTTP server: security middleware, static files and the Remix request handler.
// `npm run dev` runs it with Vite's dev middleware; `npm start` serves the production build.
import fs from "node:fs";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { accessLog, cspNonce, sameOriginWrites, securityHeaders } from "./server/security.js";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
installGlobals({ nativeFetch: true });

const development = process.env.NODE_ENV !== "production";
// ACCESS_LOG: "off", "short" (one readable line per request, the default while developing) or "json".
const accessLogFormat = process.env.ACCESS_LOG ?? (development ? "short" : "json");

/** A configuration mistake stops the server with its one-line message, not a stack trace. */
function stopOnConfigError(error) {
  if (error?.name === "ConfigError") {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const viteDevServer = development
  ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true }, logLevel: "warn" }))
  : undefined;

const loadBuild = viteDevServer ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build") : undefined;
const build = loadBuild ? loadBuild : await import("./build/server/index.js").catch(stopOnConfigError);
// Load the development build once now, so a configuration error shows at start.
if (loadBuild) await loadBuild().catch(stopOnConfigError);

const app = express();
app.disable("x-powered-by");
if (process.env.TRUST_PROXY) app.set("trust proxy", process.env.TRUST_PROXY);
// An action's answer to a script (a POST to `.data`) is a few hundred bytes of a stream: setting up
// zlib for it costs more than it saves. Pages and loader data are compressed as before.
const isActionData = (req) => req.method === "POST" && req.path.endsWith(".data");
app.use(compression({ filter: (req, res) => !isActionData(req) && compression.filter(req, res) }));
if (accessLogFormat !== "off") app.use(accessLog({ short: accessLogFormat !== "json" }));
app.use(cspNonce);
app.use(securityHeaders({ development }));
app.use(sameOriginWrites);

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
  // The rest of the client build (public/: favicon.ico and the like), listed once at start, so that
  // a page request does not look for a file on disk first.
  const entries = fs.readdirSync("build/client", { withFileTypes: true }).filter((e) => e.name !== "assets");
  const files = new Set(entries.filter((e) => e.isFile()).map((e) => `/${e.name}`));
  const folders = entries.filter((e) => e.isDirectory()).map((e) => `/${e.name}/`);
  const servePublic = express.static("build/client", { maxAge: "1h", index: false });
  app.use((req, res, next) => (files.has(req.path) || folders.some((f) => req.path.startsWith(f)) ? servePublic(req, res, next) : next()));
}

app.all(
  "*",
  createRequestHandler({
    build,
    getLoadContext: async (req, res) => {
      const entry = (loadBuild ? await loadBuild() : build).entry.module;
      return entry.createLoadContext({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" });
    },
  }),
);

const port = Number(process.env.PORT || 3000);
const server = app.listen(port, () => {
  console.log(`Civic Ideas is listening on http://localhost:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
