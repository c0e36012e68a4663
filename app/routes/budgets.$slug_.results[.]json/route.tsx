import type { LoaderFunctionArgs } from "@remix-run/node";
import { getResults } from "~/modules/budgets/count.server";
import { getCycleBySlug } from "~/modules/budgets/queries.server";
import { notFound } from "~/utils/respond.server";

export const handle = { audience: "public" };

/** The published results as data: per envelope the rule, the winners in order, cost, budget, voters, and each file's digest. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const cycle = params.slug ? getCycleBySlug(context.db, params.slug) : null;
  const page = cycle ? getResults(context.db, cycle, false) : null;
  if (!cycle || !page?.published) notFound();
  const base = new URL(request.url).origin;
  const body = {
    cycle: cycle.slug,
    name: cycle.name,
    currency: cycle.currency,
    publishedAt: page.publishedAt,
    envelopes: page.envelopes.map((e) => ({
      envelope: e.id,
      district: e.nameEn,
      rule: e.rule,
      selected: e.projects.filter((p) => p.selected).map((p) => p.id),
      cost: e.used,
      budget: e.budget,
      voters: e.voters,
      ballots: `${base}/budgets/${cycle.slug}/envelopes/${e.id}/ballots.pb`,
      sha256: e.sha256,
    })),
  };
  return new Response(JSON.stringify(body, null, 2), { headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=300" } });
}
