import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { useMessage } from "~/components/use-message";
import { requireAudience } from "~/modules/auth/guards.server";
import { enterPaperBallot, getPaperSummary, markPaperVoter } from "~/modules/budgets/paper.server";
import { getCycleBySlug, getPublicCycle, listProjects } from "~/modules/budgets/queries.server";
import { PaperEntrySchema, PaperVoterSchema, parseBallotChoices } from "~/modules/budgets/validation";
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
  const wanted = Number(new URL(request.url).searchParams.get("envelope"));
  const envelope = cycle.envelopes.find((e) => e.id === wanted) ?? cycle.envelopes[0];
  if (!envelope) notFound();
  const projects = listProjects(context.db, { cycleId: cycle.id, envelopeId: envelope.id, shortlistedOnly: true }).map((p) => ({ id: p.id, title: p.title, cost: p.cost }));
  return { title: t("budgets.paper.title", { cycle: cycle.name }), cycle, envelopeId: envelope.id, projects, summary: getPaperSummary(context.db, envelope.id) };
}

type Reply = { intent: string; fieldErrors: Record<string, string[]>; formError: string | null; typed: Record<string, string>; done: string | null };
const reply = (value: Reply, status = 200) => data(value, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "council");
  const cycle = params.slug ? getCycleBySlug(context.db, params.slug) : null;
  if (!cycle) notFound();
  const form = await readForm(request);
  const typed = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const intent = String(form.get("intent") ?? "");
  const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) => Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? "form"), [i.message]]));
  if (intent === "mark") {
    const parsed = PaperVoterSchema.safeParse(typed);
    if (!parsed.success) return reply({ intent, fieldErrors: issues(parsed.error), formError: null, typed, done: null }, 400);
    const outcome = markPaperVoter(context.db, user, parsed.data);
    if (!outcome.ok) return reply({ intent, fieldErrors: outcome.fieldErrors ?? {}, formError: outcome.fieldErrors ? null : encodeMessage(outcome), typed, done: null }, REFUSAL_STATUS[outcome.code]);
    return reply({ intent, fieldErrors: {}, formError: null, typed: {}, done: outcome.value.name });
  }
  const parsed = PaperEntrySchema.safeParse(typed);
  const choices = parseBallotChoices(form, cycle.method);
  if (!parsed.success || !choices.ok) return reply({ intent: "enter", fieldErrors: { ...(parsed.success ? {} : issues(parsed.error)), ...(choices.ok ? {} : choices.fieldErrors) }, formError: null, typed, done: null }, 400);
  if (!cycle.envelopes.some((e) => e.id === parsed.data.envelopeId)) notFound();
  const outcome = enterPaperBallot(context.db, user, { ...parsed.data, choices: choices.choices });
  if (!outcome.ok) return reply({ intent: "enter", fieldErrors: outcome.fieldErrors ?? {}, formError: outcome.fieldErrors ? null : encodeMessage(outcome), typed, done: null }, REFUSAL_STATUS[outcome.code]);
  return reply({ intent: "enter", fieldErrors: {}, formError: null, typed: {}, done: `${outcome.value.state}|${outcome.value.serial}` });
}

/** Council staff enter paper ballots (each typed by two people before it counts) and mark paper voters. */
export default function PaperBallotsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const message = useMessage();
  const { cycle, envelopeId, projects, summary } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Reply | undefined;
  const entry = result?.intent === "enter" ? result : null;
  const mark = result?.intent === "mark" ? result : null;
  const [state, serial] = entry?.done?.split("|") ?? [];
  const typed = (name: string) => (entry && !entry.done ? (entry.typed[name] ?? "") : "");
  return (
    <section>
      <p className="meta">
        <Link to={`/budgets/${cycle.slug}`}>{cycle.name}</Link>
      </p>
      <h1>{t("budgets.paper.heading")}</h1>
      <p>{t("budgets.paper.intro")}</p>
      {cycle.envelopes.length > 1 ? (
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="envelope">{t("budgets.cycle.envelope")}</label>
            <select id="envelope" name="envelope" defaultValue={envelopeId}>
              {cycle.envelopes.map((e) => (
                <option key={e.id} value={e.id}>
                  {envelopeLabel(e, i18n.language, t)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button-secondary">
            {t("ideas.list.apply")}
          </button>
        </Form>
      ) : null}
      <p>{t("budgets.paper.summary", { counted: summary.counted, waiting: summary.waiting, mismatches: summary.mismatches })}</p>
      {summary.flagged.length ? (
        <table>
          <caption>{t("budgets.paper.flagged")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("budgets.paper.serial")}</th>
              <th scope="col">{t("budgets.paper.enteredBy")}</th>
              <th scope="col">{t("budgets.confirm.tokens")}</th>
            </tr>
          </thead>
          <tbody>
            {summary.flagged.map((f, i) => (
              <tr key={i}>
                <td>{f.serial}</td>
                <td>
                  {f.by} · {format.dateTime(f.at)}
                </td>
                <td>{f.choices.map(([id, n]) => `${projects.find((p) => p.id === id)?.title ?? id}: ${n}`).join("; ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h2>{t("budgets.paper.enter")}</h2>
      {state ? <FormAlert tone={state === "mismatch" ? "error" : "success"} message={t(`budgets.paper.result.${state}`, { serial })} /> : null}
      {entry?.formError ? <FormAlert message={message(entry.formError)} /> : null}
      <Form method="post" noValidate key={entry?.done ?? "entry"}>
        <input type="hidden" name="intent" value="enter" />
        <input type="hidden" name="envelopeId" value={envelopeId} />
        <div className="field-row">
          <div className="field">
            <label htmlFor="batch">{t("budgets.paper.batch")}</label>
            <input id="batch" name="batch" autoComplete="off" defaultValue={typed("batch")} />
            <FieldErrors errors={entry?.fieldErrors.batch} />
          </div>
          <div className="field">
            <label htmlFor="sequence">{t("budgets.paper.sequence")}</label>
            <input id="sequence" name="sequence" inputMode="numeric" autoComplete="off" defaultValue={typed("sequence")} />
            <FieldErrors errors={entry?.fieldErrors.sequence} />
          </div>
        </div>
        <FieldErrors errors={entry?.fieldErrors.choices ?? entry?.fieldErrors.project} />
        <ul className="compact-list">
          {projects.map((p) =>
            cycle.method === "tokens" ? (
              <li key={p.id} className="field">
                <label htmlFor={`tokens-${p.id}`}>{t("budgets.ballot.tokensFor", { title: p.title })}</label>
                <input id={`tokens-${p.id}`} name={`tokens-${p.id}`} inputMode="numeric" autoComplete="off" defaultValue={typed(`tokens-${p.id}`)} />
                <FieldErrors errors={entry?.fieldErrors[`tokens-${p.id}`]} />
              </li>
            ) : (
              <li key={p.id} className="field checkbox">
                <input type="checkbox" id={`project-${p.id}`} name="project" value={p.id} />
                <label htmlFor={`project-${p.id}`}>{t("budgets.ballot.choose", { title: p.title })}</label>
              </li>
            ),
          )}
        </ul>
        <button type="submit" className="button">
          {t("budgets.paper.save")}
        </button>
      </Form>

      <h2>{t("budgets.paper.markTitle")}</h2>
      <p>{t("budgets.paper.markIntro")}</p>
      {mark?.done ? <FormAlert tone="success" message={t("budgets.paper.marked", { name: mark.done })} /> : null}
      {mark?.formError ? <FormAlert message={message(mark.formError)} /> : null}
      <Form method="post" className="inline-form" noValidate>
        <input type="hidden" name="intent" value="mark" />
        <input type="hidden" name="envelopeId" value={envelopeId} />
        <div className="field">
          <label htmlFor="email">{t("budgets.paper.email")}</label>
          <input id="email" name="email" type="email" autoComplete="off" defaultValue={mark && !mark.done ? (mark.typed.email ?? "") : ""} />
          <FieldErrors errors={mark?.fieldErrors.email} />
        </div>
        <button type="submit" className="button">
          {t("budgets.paper.mark")}
        </button>
      </Form>
    </section>
  );
}
