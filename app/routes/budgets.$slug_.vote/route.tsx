import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getPublicCycleBySlug, listVoterEnvelopes } from "~/modules/budgets/queries.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { pageTitleMeta } from "~/utils/meta";
import { notFound } from "~/utils/respond.server";
import { envelopeLabel } from "~/modules/budgets/envelope-name";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const { t } = await getRequestT(request);
  const found = getPublicCycleBySlug(context.db, params.slug);
  if (!found) notFound();
  const { cycle, view } = found;
  return { title: t("budgets.vote.title", { cycle: cycle.name }), cycle: view, envelopes: listVoterEnvelopes(context.db, user.id, cycle) };
}

/** Where the resident may vote in this cycle, and whether each ballot is in. */
export default function VoteHomePage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { cycle, envelopes } = useLoaderData<typeof loader>();
  const base = `/budgets/${cycle.slug}`;
  return (
    <section className="narrow">
      <p className="meta">
        <Link to={base}>{cycle.name}</Link>
      </p>
      <h1>{t("budgets.vote.heading", { cycle: cycle.name })}</h1>
      {cycle.phase === "voting" ? <p>{t("budgets.vote.until", { time: format.dateTime(cycle.votingEndsAt) })}</p> : <p className="alert">{t(`budgets.vote.phase.${cycle.phase}`)}</p>}
      {envelopes.length === 0 ? <p>{t("budgets.vote.none")}</p> : null}
      <ul className="envelope-list">
        {envelopes.map((e) => {
          const name = envelopeLabel(e, i18n.language, t);
          return (
            <li key={e.id} className="card">
              <h2>{name}</h2>
              <p className="meta">{t("budgets.envelopeAmount", { amount: format.moneyIn(e.amount, cycle.currency) })}</p>
              <p>
                <strong>{e.votedOnPaper ? t("budgets.vote.state.paper") : e.voted ? t("budgets.vote.state.voted", { time: format.dateTime(e.votedAt!) }) : t("budgets.vote.state.notVoted")}</strong>
                {e.draft ? ` ${t(e.voted ? "budgets.vote.state.changes" : "budgets.vote.state.draft")}` : null}
              </p>
              {cycle.phase === "voting" && !e.votedOnPaper ? (
                <Link to={`${base}/vote/${e.id}`} className="button">
                  {e.voted ? t("budgets.vote.change") : e.draft ? t("budgets.vote.continue") : t("budgets.vote.start")}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ul>
      <p>
        <Link to={`${base}/ballot`}>{t("budgets.ballot.check")}</Link>
      </p>
    </section>
  );
}
