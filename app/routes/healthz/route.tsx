import { json } from "@remix-run/node";
import { isDatabaseHealthy } from "~/modules/health/queries.server";

export function loader() {
  const ok = isDatabaseHealthy();
  return json({ status: ok ? "ok" : "database unavailable" }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
