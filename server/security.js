// HTTP-level protections shared by every route (plain JS: the server loads it before the app).
import crypto from "node:crypto";
import helmet from "helmet";

/** A fresh nonce per response; <Scripts nonce> uses it, so no inline script runs without it. */
export function cspNonce(_req, res, next) {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
}

/** The tile server's origin, when a map is configured (app/modules/maps/config.server.ts). */
function tileOrigin() {
  try {
    return process.env.MAP_TILE_URL ? new URL(process.env.MAP_TILE_URL.replace(/\{[a-z]\}/g, "0")).origin : null;
  } catch {
    return null;
  }
}

export function securityHeaders({ development }) {
  const tiles = tileOrigin();
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'strict-dynamic'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        // Vite injects <style> tags while developing; the production build links CSS files.
        "style-src": development ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        "img-src": ["'self'", "data:", "blob:", ...(tiles ? [tiles] : [])],
        "font-src": ["'self'"],
        "connect-src": development ? ["'self'", "ws:"] : ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    strictTransportSecurity: development ? false : { maxAge: 15552000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  });
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const foreignTo = (host) => (address) => {
  if (address === "null") return true;
  try {
    return new URL(address).host !== host;
  } catch {
    return true;
  }
};

/**
 * Refuses state-changing requests that a browser marks as coming from another site
 * (security baseline 18): a foreign Origin; without Origin, a foreign Referer; and a
 * Sec-Fetch-Site of cross-site or same-site (another subdomain). Requests with none of these come
 * from non-browser clients, which cannot carry a victim's cookies, and are let through.
 */
export function isCrossSiteWrite({ method, host, origin, referer, secFetchSite }) {
  if (SAFE_METHODS.has(method)) return false;
  if (secFetchSite === "cross-site" || secFetchSite === "same-site") return true;
  const foreign = foreignTo(host);
  if (origin) return foreign(origin);
  if (referer) return foreign(referer);
  return false;
}

export function sameOriginWrites(req, res, next) {
  const refused = isCrossSiteWrite({
    method: req.method,
    host: req.get("host"),
    origin: req.get("origin"),
    referer: req.get("referer"),
    secFetchSite: req.get("sec-fetch-site"),
  });
  if (refused) {
    res.status(403).type("text/plain").send("Cross-site request refused");
    return;
  }
  next();
}

/**
 * One line per request: method, path without its query string (tokens live there), status, time.
 * JSON for log tools, or a short readable line (development and the demo), without the
 * development server's own module requests.
 */
export function accessLog({ short }) {
  return (req, res, next) => {
    if (short && /^\/(@|node_modules\/|app\/|__)/.test(req.path)) return next();
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
      const line = short
        ? `${req.method} ${req.path} ${res.statusCode} ${ms} ms`
        : JSON.stringify({ level: "info", time: new Date().toISOString(), msg: "request", method: req.method, path: req.path, status: res.statusCode, ms });
      process.stdout.write(line + "\n");
    });
    next();
  };
}
