import type { LoaderFunctionArgs } from "@remix-run/node";
import { getPublishedFile } from "~/modules/budgets/count.server";
import { getCycleBySlug } from "~/modules/budgets/queries.server";
import { idParam } from "~/utils/params";
import { notFound } from "~/utils/respond.server";

export const handle = { audience: "public" };

/** The SHA-256 of a published file, in the format `sha256sum --check` reads. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const cycle = params.slug ? getCycleBySlug(context.db, params.slug) : null;
  const file = cycle ? getPublishedFile(context.db, cycle.id, idParam(params.envelopeId)) : null;
  if (!cycle || !file) notFound();
  return new Response(`${file.sha256}  ${cycle.slug}-envelope-${params.envelopeId}.pb\n`, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}
