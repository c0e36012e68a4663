import type { LoaderFunctionArgs } from "@remix-run/node";
import { findSimilarIdeas } from "~/modules/ideas/queries.server";
import { SimilarQuerySchema } from "~/modules/ideas/validation";

export const handle = { audience: "public" };

/** Ideas that look like a draft, for "support this instead" while someone writes. */
export function loader({ request, context }: LoaderFunctionArgs) {
  const { q } = SimilarQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return Response.json({ ideas: findSimilarIdeas(context.db, q) }, { headers: { "Cache-Control": "private, max-age=30" } });
}
