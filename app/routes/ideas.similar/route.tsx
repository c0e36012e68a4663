import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { findSimilarIdeas } from "~/modules/ideas/queries.server";
import { SimilarQuerySchema } from "~/modules/ideas/validation";

/** Ideas that look like a draft, for "support this instead" while someone writes. */
export function loader({ request }: LoaderFunctionArgs) {
  const { q } = SimilarQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return json({ ideas: findSimilarIdeas(q) }, { headers: { "Cache-Control": "private, max-age=30" } });
}
