import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlaceFilter } from "~/components/place-options";
import { FormAlert } from "~/components/ui/field";
import { useMessage } from "~/components/use-message";
import { requireAudience } from "~/modules/auth/guards.server";
import { discardBallotDraft, saveBallotDraft } from "~/modules/budgets/commands.server";
import { getBallotPage, getCycleBySlug } from "~/modules/budgets/queries.server";
import { BallotIntentSchema, parseBallotChoices } from "~/modules/budgets/validation";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listCategories, listDistricts } from "~/modules/places/queries.server";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { readForm } from "~/utils/request-body.server";
import { notFound } from "~/utils/respond.server";
import { BallotForm } from "./ballot-form";
import { envelopeLabel } from "~/modules/budgets/envelope-name";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

function loadCycle(db: Parameters<typeof getCycleBySlug>[0], slug: string | undefined) {
  const cycle = slug ? getCycleBySlug(db, slug) : null;
  if (!cycle) notFound();
  return cycle;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const { t, locale } = await getRequestT(request);
  const cycle = loadCycle(context.db, params.slug);
  const url = new URL(request.url);
  const category = Number(url.searchParams.get("category")) || undefined;
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const pageNumber = Math.min(1000, Math.max(1, Number(url.searchParams.get("page")) || 1));
  const page = getBallotPage(context.db, user.id, cycle, idParam(params.envelopeId), { category, q, page: pageNumber });
  if (!page) notFound();
  const envelopeName = envelopeLabel(page.envelope, locale, t);
  return { title: t("budgets.ballot.title", { cycle: cycle.name, envelope: envelopeName }), cycle: { slug: cycle.slug, name: cycle.name, currency: cycle.currency }, envelopeName, filter: { category: category ?? null, q }, categories: listCategories(context.db), districts: listDistricts(context.db), ...page };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const cycle = loadCycle(context.db, params.slug);
  const envelopeId = idParam(params.envelopeId);
  if (!cycle.envelopes.some((e) => e.id === envelopeId)) notFound();
  const form = await readForm(request);
  const intent = BallotIntentSchema.parse(form.get("intent"));
  const here = `/budgets/${cycle.slug}/vote/${envelopeId}`;
  if (intent === "discard") {
    discardBallotDraft(context.db, user, envelopeId);
    return redirect(here, { status: 303 });
  }
  // What was typed comes back with any refusal, so the form keeps it.
  const typed: Record<string, string[]> = {};
  for (const [name, value] of form.entries()) if (typeof value === "string" && (name === "project" || name.startsWith("tokens-"))) (typed[name] ??= []).push(value);
  const parsed = parseBallotChoices(form, cycle.method);
  const outcome = parsed.ok ? saveBallotDraft(context.db, user, envelopeId, parsed.choices) : { ok: false as const, code: "invalid" as const, fieldErrors: parsed.fieldErrors, message: "errors.refused.invalid" };
  if (!outcome.ok) {
    return data({ saved: false, typed, fieldErrors: outcome.fieldErrors ?? {}, formError: outcome.fieldErrors ? null : encodeMessage(outcome) }, { status: REFUSAL_STATUS[outcome.code] });
  }
  if (intent === "review") return redirect(`${here}/confirm`, { status: 303 });
  // The draft's token goes back to its owner: a script or app can confirm without reading the confirmation page.
  return { saved: true, token: outcome.value.token, typed, fieldErrors: {} as Record<string, string[]>, formError: null };
}

/** One envelope's ballot: project cards, the tokens or choices, the totals, and the way to submit. */
export default function BallotPage() {
  const { t, i18n } = useTranslation();
  const message = useMessage();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/budgets/${page.cycle.slug}`;
  const named = (list: { id: number; nameEn: string; nameFr: string }[]) => new Map(list.map((p) => [p.id, i18n.language === "fr" ? p.nameFr : p.nameEn]));
  const placeNames = { categories: named(page.categories), districts: named(page.districts) };
  return (
    <section>
      <p className="meta">
        <Link to={`${base}/vote`}>{t("budgets.ballot.back", { cycle: page.cycle.name })}</Link>
      </p>
      <h1>{t("budgets.ballot.heading", { envelope: page.envelopeName })}</h1>
      {page.recorded ? (
        <p className="alert alert-success" role="status">
          {t(page.recorded.source === "paper" ? "budgets.ballot.votedOnPaper" : "budgets.ballot.recordedNote", { code: page.recorded.receiptCode })} <Link to={`${base}/ballot`}>{t("budgets.ballot.check")}</Link>
        </p>
      ) : null}
      {page.hasDraft ? <p className="alert">{t(page.recorded ? "budgets.ballot.draftChanges" : "budgets.ballot.draftNotSubmitted")}</p> : null}
      {page.refusal ? (
        <FormAlert message={message(page.refusal)} />
      ) : (
        <>
          <p>{t(`budgets.ballot.how.${page.rules.method}`, { tokens: page.rules.tokens, max: page.rules.maxPerProject ?? page.rules.tokens, min: page.rules.minApprovals, maxApprovals: page.rules.maxApprovals })}</p>
          <Form method="get" className="filters" role="search" aria-label={t("budgets.ballot.filters")}>
            <PlaceFilter name="category" label={t("ideas.fields.category")} anyLabel={t("budgets.ballot.anyCategory")} places={page.categories} value={page.filter.category} />
            <div className="field">
              <label htmlFor="q">{t("budgets.ballot.search")}</label>
              <input id="q" name="q" type="search" defaultValue={page.filter.q} />
            </div>
            <button type="submit" className="button button-secondary">
              {t("ideas.list.apply")}
            </button>
          </Form>
          {result?.saved ? <FormAlert tone="success" message={t("budgets.ballot.draftSaved")} /> : null}
          {result?.formError ? <FormAlert message={message(result.formError)} /> : null}
          <BallotForm
            key={`${page.page}-${result?.saved ? "saved" : "page"}`}
            projects={page.projects}
            rules={page.rules}
            currency={page.cycle.currency}
            initial={page.choices}
            typed={result && !result.saved ? result.typed : null}
            fieldErrors={result?.fieldErrors ?? {}}
            hasDraft={page.hasDraft}
            places={placeNames}
            page={page.page}
            pageCount={page.pageCount}
          />
        </>
      )}
    </section>
  );
}
