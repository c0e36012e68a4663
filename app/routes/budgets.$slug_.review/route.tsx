import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { useMessage } from "~/components/use-message";
import { requireAudience } from "~/modules/auth/guards.server";
import { reviewProject } from "~/modules/budgets/commands.server";
import { FEASIBILITY } from "~/modules/budgets/kinds";
import { getPublicCycle, listProjects } from "~/modules/budgets/queries.server";
import { ProjectReviewSchema } from "~/modules/budgets/validation";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { readForm } from "~/utils/request-body.server";
import { notFound } from "~/utils/respond.server";
import { envelopeLabel } from "~/modules/budgets/envelope-name";

export const meta = pageTitleMeta;
export const handle = { audience: "council" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "council");
  const { t } = await getRequestT(request);
  const cycle = params.slug ? getPublicCycle(context.db, params.slug) : null;
  if (!cycle) notFound();
  return { title: t("budgets.review.title", { cycle: cycle.name }), cycle, projects: listProjects(context.db, { cycleId: cycle.id, shortlistedOnly: false }) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "council");
  if (!params.slug || !getPublicCycle(context.db, params.slug)) notFound();
  const form = Object.fromEntries(await readForm(request));
  const typed = Object.fromEntries(Object.entries(form).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const parsed = ProjectReviewSchema.safeParse(form);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return data({ projectId: typed.projectId ?? "", typed, fieldErrors, formError: null, saved: false }, { status: 400 });
  }
  const outcome = reviewProject(context.db, user, parsed.data);
  if (!outcome.ok) return data({ projectId: typed.projectId, typed, fieldErrors: outcome.fieldErrors ?? {}, formError: outcome.fieldErrors ? null : encodeMessage(outcome), saved: false }, { status: REFUSAL_STATUS[outcome.code] });
  return { projectId: typed.projectId, typed, fieldErrors: {} as Record<string, string[]>, formError: null, saved: true };
}

/** Council staff review each submitted idea: feasible or not (with a public note), its official cost, and the shortlist. */
export default function ReviewPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const message = useMessage();
  const { cycle, projects } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <p className="meta">
        <Link to={`/budgets/${cycle.slug}`}>{cycle.name}</Link>
      </p>
      <h1>{t("budgets.review.heading")}</h1>
      <p>{t(cycle.phase === "reviewing" ? "budgets.review.introReviewing" : "budgets.review.introOther")}</p>
      {projects.length === 0 ? <p>{t("budgets.review.empty")}</p> : null}
      <ul className="project-cards">
        {projects.map((p) => {
          const mine = result && result.projectId === String(p.id) ? result : null;
          const value = (field: string, fallback: string) => (mine && !mine.saved ? (mine.typed[field] ?? "") : fallback);
          const envelope = cycle.envelopes.find((e) => e.id === p.envelopeId);
          const id = (field: string) => `${field}-${p.id}`;
          return (
            <li key={p.id} className="card">
              <h2>
                <Link to={`/ideas/${p.ideaId}`}>{p.title}</Link>
              </h2>
              <p className="meta">
                {envelopeLabel(envelope, i18n.language, t)} · {t(`budgets.feasibility.${p.feasibility}`)}
                {p.shortlisted ? ` · ${t("budgets.review.onBallot")}` : null}
              </p>
              <p>{p.excerpt}</p>
              {mine?.saved ? <FormAlert tone="success" message={t("budgets.review.saved")} /> : null}
              {mine?.formError ? <FormAlert message={message(mine.formError)} /> : null}
              <Form method="post" className="review-form" key={mine?.saved ? "saved" : "form"}>
                <input type="hidden" name="projectId" value={p.id} />
                <div className="field">
                  <label htmlFor={id("feasibility")}>{t("budgets.review.feasibility")}</label>
                  <select id={id("feasibility")} name="feasibility" defaultValue={value("feasibility", p.feasibility)}>
                    {FEASIBILITY.map((f) => (
                      <option key={f} value={f}>
                        {t(`budgets.feasibility.${f}`)}
                      </option>
                    ))}
                  </select>
                  <FieldErrors errors={mine?.fieldErrors.feasibility} />
                </div>
                <div className="field">
                  <label htmlFor={id("cost")}>{t("budgets.review.cost", { currency: cycle.currency })}</label>
                  <input id={id("cost")} name="cost" inputMode="numeric" autoComplete="off" defaultValue={value("cost", p.cost ? String(p.cost) : "")} />
                  {p.cost ? <p className="field-hint">{format.moneyIn(p.cost, cycle.currency)}</p> : null}
                  <FieldErrors errors={mine?.fieldErrors.cost} />
                </div>
                <div className="field">
                  <label htmlFor={id("note")}>{t("budgets.review.note")}</label>
                  <textarea id={id("note")} name="note" rows={3} maxLength={2000} defaultValue={value("note", p.reviewNote ?? "")} />
                  <FieldErrors errors={mine?.fieldErrors.note} />
                </div>
                <div className="field checkbox">
                  <input id={id("shortlist")} type="checkbox" name="shortlist" value="yes" defaultChecked={mine && !mine.saved ? mine.typed.shortlist === "yes" : p.shortlisted} />
                  <label htmlFor={id("shortlist")}>{t("budgets.review.shortlist")}</label>
                  <FieldErrors errors={mine?.fieldErrors.shortlist} />
                </div>
                <button type="submit" className="button">
                  {t("budgets.review.save")}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
