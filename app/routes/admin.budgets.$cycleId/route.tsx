import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useRevalidator, useSearchParams } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { CycleForm } from "~/components/budgets/cycle-form";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { useMessage } from "~/components/use-message";
import { requireAudience } from "~/modules/auth/guards.server";
import { closeVotingEarly, updateCycle } from "~/modules/budgets/commands.server";
import { getCountState, startCount } from "~/modules/budgets/count.server";
import { publishResults, type PublishIntent } from "~/modules/budgets/publish.server";
import { getCycleForAdmin } from "~/modules/budgets/queries.server";
import { CloseVotingSchema, CycleFormSchema } from "~/modules/budgets/validation";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listDistricts } from "~/modules/places/queries.server";
import { encodeMessage, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { parseWithZod } from "@conform-to/zod/v4";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { readForm } from "~/utils/request-body.server";
import { notFound } from "~/utils/respond.server";
import { shownName } from "~/modules/users/names";
import { useRootData } from "~/root";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  const cycle = getCycleForAdmin(context.db, idParam(params.cycleId));
  if (!cycle) notFound();
  return { title: t("budgets.admin.edit", { name: cycle.name }), cycle, count: getCountState(context.db, cycle.id), districts: listDistricts(context.db) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "admin");
  const cycleId = idParam(params.cycleId);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "count" || intent === "publish" || intent === "requestPublish" || intent === "confirmPublish") {
    const publishing = intent !== "count";
    if (publishing && form.get("confirm") !== "yes") return data({ count: "errors.count.confirmPublish" }, { status: 400 });
    const step: PublishIntent = intent === "requestPublish" ? { step: "request" } : intent === "confirmPublish" ? { step: "confirm", requestedAt: String(form.get("requestedAt") ?? "") } : { step: "publish" };
    const outcome = publishing ? publishResults(context.db, user, cycleId, step) : startCount(context.db, user, cycleId);
    if (!outcome.ok) return data({ count: encodeMessage(outcome) }, { status: REFUSAL_STATUS[outcome.code] });
    // The count goes on in the background; the page shows its progress.
    if (!publishing && "finished" in outcome.value) void outcome.value.finished;
    const done = !publishing ? "counting" : "published" in outcome.value && !outcome.value.published ? "asked" : "published";
    return redirect(`/admin/budgets/${cycleId}?${done}=1#count`, { status: 303 });
  }
  if (form.get("intent") === "closeVoting") {
    const parsed = CloseVotingSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data({ close: parsed.error.issues[0]?.message ?? "errors.invalid" }, { status: 400 });
    const outcome = closeVotingEarly(context.db, user, cycleId);
    if (!outcome.ok) return data({ close: encodeMessage(outcome) }, { status: REFUSAL_STATUS[outcome.code] });
    return redirect(`/admin/budgets/${cycleId}?closed=1`, { status: 303 });
  }
  const submission = parseWithZod(form, { schema: CycleFormSchema });
  if (submission.status !== "success") return refuseForm(submission);
  const outcome = updateCycle(context.db, user, cycleId, submission.value);
  if (!outcome.ok) return refuseWithOutcome(submission, outcome);
  return redirect(`/admin/budgets/${cycleId}?saved=1`, { status: 303 });
}

/** An admin's cycle page: its settings (locked once ballots exist) and closing voting early. */
export default function EditCyclePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { cycle, count, districts } = useLoaderData<typeof loader>();
  const me = useRootData()?.user?.id ?? null;
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const closeError = result && "close" in result ? result.close : null;
  const countError = result && "count" in result ? result.count : null;
  const message = useMessage();
  const revalidator = useRevalidator();
  // While the worker counts, the page follows its progress (without JavaScript: the refresh link).
  useEffect(() => {
    if (count?.status !== "running") return;
    const timer = setInterval(() => revalidator.state === "idle" && revalidator.revalidate(), 1000);
    return () => clearInterval(timer);
  }, [count?.status, revalidator]);
  const countable = cycle.phase === "tallied" || cycle.phase === "implementing" || cycle.phase === "closed";
  return (
    <section className="narrow">
      <p className="meta">
        <Link to="/admin/budgets">{t("budgets.admin.title")}</Link> · <Link to={`/budgets/${cycle.slug}`}>{t("budgets.admin.publicPage")}</Link>
      </p>
      <h1>{cycle.name}</h1>
      <p>
        <span className="badge">{t(`budgets.phase.${cycle.phase}`)}</span> {t("budgets.admin.timeZone", { zone: cycle.timeZone })}
      </p>
      {params.has("saved") ? <FormAlert tone="success" message={t("budgets.admin.saved")} /> : null}
      {params.has("closed") ? <FormAlert tone="success" message={t("budgets.admin.closed")} /> : null}
      {params.has("published") ? <FormAlert tone="success" message={t("budgets.count.publishedNow")} /> : null}
      {params.has("asked") ? <FormAlert tone="success" message={t("budgets.count.askedNow")} /> : null}
      {cycle.phase === "voting" ? (
        <Form method="post" className="card">
          <h2>{t("budgets.admin.closeTitle")}</h2>
          <p>{t("budgets.admin.closeIntro", { time: format.dateTime(cycle.votingEndsAt) })}</p>
          <input type="hidden" name="intent" value="closeVoting" />
          <div className="field checkbox">
            <input type="checkbox" id="confirm-close" name="confirm" value="yes" aria-describedby={closeError ? "confirm-close-error" : undefined} />
            <label htmlFor="confirm-close">{t("budgets.admin.closeConfirm")}</label>
            <FieldErrors id="confirm-close-error" errors={closeError ? [closeError] : undefined} />
          </div>
          <button type="submit" className="button button-danger">
            {t("budgets.admin.close")}
          </button>
        </Form>
      ) : null}
      {countable ? (
        <section className="card" id="count" aria-labelledby="count-title">
          <h2 id="count-title">{t("budgets.count.title")}</h2>
          {count?.publishedAt ? (
            <p>{t("budgets.count.publishedAt", { time: format.dateTime(count.publishedAt) })}</p>
          ) : count?.status === "running" ? (
            <p role="status">
              {t("budgets.count.progress", { done: count.done, envelopes: count.envelopes })} <Link to={`/admin/budgets/${cycle.id}#count`}>{t("budgets.count.refresh")}</Link>
            </p>
          ) : count?.status === "done" ? (
            <p>{t("budgets.count.done", { time: format.dateTime(count.finishedAt!) })}</p>
          ) : count?.status === "failed" ? (
            <p className="alert alert-error">{t("budgets.count.failed", { error: count.error ?? "" })}</p>
          ) : (
            <p>{t("budgets.count.none")}</p>
          )}
          {countError ? <FormAlert message={message(countError)} /> : null}
          {!count?.publishedAt && count?.status !== "running" ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="count" />
              <button type="submit" className="button button-secondary">
                {t(count?.status === "done" ? "budgets.count.again" : "budgets.count.start")}
              </button>
            </Form>
          ) : null}
          {count?.status === "done" ? (
            <p>
              <Link to={`/budgets/${cycle.slug}/results`}>{t(count.publishedAt ? "budgets.results.link" : "budgets.count.preview")}</Link>
            </p>
          ) : null}
          {count?.status === "done" && !count.publishedAt && count.publishRequest?.by === me ? (
            <p role="status">{t("budgets.count.askedByYou", { time: format.dateTime(count.publishRequest.at) })}</p>
          ) : count?.status === "done" && !count.publishedAt ? (
            <Form method="post">
              {count.publishRequest ? <p>{t("budgets.count.askedBy", { name: shownName(count.publishRequest.name, t), time: format.dateTime(count.publishRequest.at) })}</p> : null}
              <input type="hidden" name="intent" value={!cycle.secondAdminPublishes ? "publish" : count.publishRequest ? "confirmPublish" : "requestPublish"} />
              {/* The request this admin saw: a newer one (after a recount) is not theirs to confirm. */}
              {cycle.secondAdminPublishes && count.publishRequest ? <input type="hidden" name="requestedAt" value={count.publishRequest.at} /> : null}
              <div className="field checkbox">
                <input type="checkbox" id="confirm-publish" name="confirm" value="yes" />
                <label htmlFor="confirm-publish">{t(!cycle.secondAdminPublishes ? "budgets.count.confirmPublish" : count.publishRequest ? "budgets.count.confirmSecond" : "budgets.count.confirmAsk")}</label>
              </div>
              <button type="submit" className="button">
                {t(!cycle.secondAdminPublishes ? "budgets.count.publish" : count.publishRequest ? "budgets.count.publishSecond" : "budgets.count.askPublish")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <CycleForm defaults={cycle.defaults} districts={districts} lastResult={result && !("close" in result) && !("count" in result) ? result : undefined} locked={cycle.locked} submitLabel={t("actions.save")} />
    </section>
  );
}
