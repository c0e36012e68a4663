import type { LoaderFunctionArgs } from "@remix-run/node";
import { isDatabaseHealthy } from "~/modules/health/queries.server";

export const handle = { audience: "public" };

export function loader({ context }: LoaderFunctionArgs) {
  const ok = isDatabaseHealthy(context.db);
  return Response.json({ status: ok ? "ok" : "database unavailable" }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
