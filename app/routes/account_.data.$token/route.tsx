import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAudience } from "~/modules/auth/guards.server";
import { readDataExport } from "~/modules/users/data-rights.server";
import { notFound } from "~/utils/respond.server";

export const handle = { audience: "signedIn" };

/** The export's file: for its owner's session only, until it expires, never stored by a cache (baseline 31). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const content = params.token ? readDataExport(context.db, user, params.token) : null;
  if (!content) notFound();
  return new Response(content, {
    headers: { "Content-Type": "application/json; charset=utf-8", "Content-Disposition": 'attachment; filename="my-data.json"', "Cache-Control": "no-store, private", Pragma: "no-cache" },
  });
}
