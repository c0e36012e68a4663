import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getPublicCycleBySlug, listOwnBallots } from "~/modules/budgets/queries.server";
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
  return { title: t("budgets.mine.title", { cycle: cycle.name }), cycle: view, ballots: listOwnBallots(context.db, user.id, cycle) };
}

/** "Check my ballot": each of the person's ballots exactly as recorded, with its receipt and time. Only ever their own. */
export default function MyBallotPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { cycle, ballots } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const recorded = Number(params.get("recorded"));
  const base = `/budgets/${cycle.slug}`;
  return (
    <section className="narrow">
      <p className="meta">
        <Link to={`${base}/vote`}>{t("budgets.vote.heading", { cycle: cycle.name })}</Link>
      </p>
      <h1>{t("budgets.mine.heading")}</h1>
      {ballots.map((b) => {
        const name = envelopeLabel(b, i18n.language, t);
        return (
          <article key={b.envelopeId} className="card" aria-labelledby={`envelope-${b.envelopeId}`}>
            <h2 id={`envelope-${b.envelopeId}`}>{name}</h2>
            {b.envelopeId === recorded && b.ballot ? (
              <p className="alert alert-success" role="status">
                {t("budgets.mine.justRecorded")}
              </p>
            ) : null}
            {!b.ballot ? (
              <p>{t("budgets.vote.state.notVoted")}</p>
            ) : b.ballot.source === "paper" ? (
              <p>{t("budgets.vote.state.paper")}</p>
            ) : (
              <>
                <dl className="receipt">
                  <dt>{t("budgets.mine.receipt")}</dt>
                  <dd>
                    <code>{b.ballot.receiptCode}</code>
                  </dd>
                  <dt>{t("budgets.mine.time")}</dt>
                  <dd>{format.dateTime(b.ballot.castAt)}</dd>
                </dl>
                <table>
                  <caption>{t("budgets.mine.caption")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("budgets.confirm.project")}</th>
                      <th scope="col">{t("budgets.confirm.cost")}</th>
                      {cycle.method === "tokens" ? <th scope="col">{t("budgets.confirm.tokens")}</th> : null}
                      <th scope="col">{t("budgets.mine.follow")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.ballot.choices.map((c) => (
                      <tr key={c.projectId}>
                        <td>{c.title}</td>
                        <td>{format.moneyIn(c.cost, cycle.currency)}</td>
                        {cycle.method === "tokens" ? <td>{format.number(c.tokens)}</td> : null}
                        <td>
                          {c.ideaId ? (
                            // One click follows the project: its updates, up to the photo of the finished work.
                            <form method="post" action={`/ideas/${c.ideaId}/follow`}>
                              <input type="hidden" name="follow" value="yes" />
                              <button type="submit" className="link-button" aria-label={t("budgets.mine.followNamed", { title: c.title })}>
                                {t("budgets.mine.followShort")}
                              </button>
                            </form>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            {b.draft ? <p className="alert">{t(b.ballot ? "budgets.ballot.draftChanges" : "budgets.ballot.draftNotSubmitted")}</p> : null}
            {cycle.phase === "voting" && b.ballot?.source !== "paper" ? <Link to={`${base}/vote/${b.envelopeId}`}>{b.ballot ? t("budgets.vote.change") : t("budgets.vote.start")}</Link> : null}
          </article>
        );
      })}
      <p className="meta">{t("budgets.mine.privacy")}</p>
    </section>
  );
}
