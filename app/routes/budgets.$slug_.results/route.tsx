import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { getResultsPage } from "~/modules/budgets/count.server";
import { canManageBudgets } from "~/modules/budgets/policy";
import { getPublicCycleBySlug } from "~/modules/budgets/queries.server";
import { getReader } from "~/modules/i18n/reader.server";
import { pageTitleMeta } from "~/utils/meta";
import { notFound } from "~/utils/respond.server";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [user, reader] = await Promise.all([getOptionalUser(request, context.db), getReader(request, context.db)]);
  const found = getPublicCycleBySlug(context.db, params.slug);
  if (!found) notFound();
  const { cycle, view } = found;
  return { title: cycle.name, cycle: view, origin: new URL(request.url).origin, ...getResultsPage(context.db, cycle, canManageBudgets(user), reader) };
}

/**
 * The published results: per envelope the winners, every project's support and cost, and why; how
 * to recount. Its text comes ready from the loader (results-view.ts), translated and formatted.
 */
export default function ResultsPage() {
  const { t } = useTranslation();
  const { cycle, published, envelopes, origin } = useLoaderData<typeof loader>();
  const base = `/budgets/${cycle.slug}`;
  return (
    <section>
      <p className="meta">
        <Link to={base}>{cycle.name}</Link>
      </p>
      <h1>{t("budgets.results.heading", { cycle: cycle.name })}</h1>
      {!published && envelopes.length === 0 ? <p>{t("budgets.results.notYet")}</p> : null}
      {!published && envelopes.length > 0 ? <p className="alert">{t("budgets.results.preview")}</p> : null}
      {envelopes.map((e) => {
        const file = `${base}/envelopes/${e.id}/ballots.pb`;
        return (
          <article key={e.id} className="card results" aria-labelledby={`envelope-${e.id}`}>
            <h2 id={`envelope-${e.id}`}>{e.name}</h2>
            <p>{e.summary}</p>
            {/* SVG attributes, not inline styles: the Content-Security-Policy allows no style attribute. */}
            <svg className="budget-bar" viewBox="0 0 1000 20" preserveAspectRatio="none" role="img" aria-label={e.usedLabel}>
              <rect className="budget-segment" width={e.usedWidth} height="20" />
            </svg>
            <p className="meta">{e.rule}</p>
            {e.ties.map((tie, i) => (
              <p key={i} className="alert">
                {tie}
              </p>
            ))}
            <table>
              <caption>{e.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("budgets.results.project")}</th>
                  <th scope="col">{t("budgets.results.support")}</th>
                  <th scope="col">{t("budgets.confirm.cost")}</th>
                  <th scope="col">{t("budgets.results.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {e.rows.map((p) => (
                  <tr key={p.id} className={p.selected ? "funded" : undefined}>
                    <th scope="row">{p.ideaId ? <Link to={`/ideas/${p.ideaId}`}>{p.title}</Link> : p.title}</th>
                    <td>
                      <svg className="support-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true">
                        <rect width={p.bar} height="10" />
                      </svg>
                      {p.support}
                    </td>
                    <td>{p.cost}</td>
                    <td>
                      <strong>{p.outcome}</strong> {p.why}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {published ? (
              <p>
                <a href={file} download>
                  {t("budgets.results.download")}
                </a>{" "}
                · <a href={`${file}.sha256`}>{t("budgets.results.digest")}</a> <code className="digest">{e.sha256}</code>
              </p>
            ) : null}
          </article>
        );
      })}
      {published && envelopes.length ? (
        <section className="card" aria-labelledby="recount">
          <h2 id="recount">{t("budgets.results.recountTitle")}</h2>
          <p>{t("budgets.results.recountIntro")}</p>
          <ol>
            <li>{t("budgets.results.recountStep1")}</li>
            <li>
              {t("budgets.results.recountStep2")} <code>sha256sum --check {cycle.slug}-envelope-N.pb.sha256</code>
            </li>
            <li>
              {t("budgets.results.recountStep3")} <code>npm run --silent tally -- {cycle.slug}-envelope-N.pb --json</code>
            </li>
            <li>
              {t("budgets.results.recountStep4")} <code>pip install pabutools</code>
            </li>
          </ol>
          <p>
            <a href={`${base}/results.json`}>{t("budgets.results.json")}</a> <code>{`${origin}${base}/results.json`}</code>
          </p>
        </section>
      ) : null}
    </section>
  );
}
