import fs from "node:fs";
import path from "node:path";
import type { Audience } from "~/modules/auth/policy";

export type RouteInfo = { folder: string; audience: Audience | null; url: string; hasLoader: boolean; hasAction: boolean };

/** A URL that the route answers, from its flat-route folder name ("ideas.$ideaId_.edit" → "/ideas/1/edit"). */
function urlFor(folder: string) {
  const segments = folder
    .split(".")
    .filter((s) => s !== "_index" && !(s.startsWith("_") && s.length > 1))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s === "$" ? "no-such-page" : s.startsWith("$") ? "999999" : s));
  return "/" + segments.join("/");
}

/**
 * Every route with the audience it declares in `export const handle = { audience: ... }`: the same
 * declaration its loader and action check with requireAudience (security baseline item 9).
 */
export function listRoutes(): RouteInfo[] {
  const dir = path.resolve("app/routes");
  return fs
    .readdirSync(dir)
    .filter((folder) => fs.existsSync(path.join(dir, folder, "route.tsx")))
    .map((folder) => {
      const source = fs.readFileSync(path.join(dir, folder, "route.tsx"), "utf8");
      const audience = (source.match(/export const handle = \{ audience: "(\w+)"/)?.[1] ?? null) as Audience | null;
      return { folder, audience, url: urlFor(folder), hasLoader: /export (async )?function loader|export const loader/.test(source), hasAction: /export (async )?function action/.test(source) };
    });
}
