import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublishedFile } from "~/modules/budgets/count.server";
import { getCycleBySlug } from "~/modules/budgets/queries.server";
import { idParam } from "~/utils/params";
import { notFound } from "~/utils/respond.server";

export const handle = { audience: "public" };

/** A published envelope's anonymised ballots (Pabulib), for anyone to recount. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const cycle = params.slug ? getCycleBySlug(context.db, params.slug) : null;
  const file = cycle ? getPublishedFile(context.db, cycle.id, idParam(params.envelopeId)) : null;
  if (!cycle || !file) notFound();
  return new Response(file.pb, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": `attachment; filename="${cycle.slug}-envelope-${params.envelopeId}.pb"`, "Cache-Control": "public, max-age=3600" },
  });
}
