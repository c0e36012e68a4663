import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CycleForm } from "~/components/budgets/cycle-form";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { closeVotingEarly, updateCycle } from "~/modules/budgets/commands.server";
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

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  const cycle = getCycleForAdmin(context.db, idParam(params.cycleId));
  if (!cycle) notFound();
  return { title: t("budgets.admin.edit", { name: cycle.name }), cycle, districts: listDistricts(context.db) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "admin");
  const cycleId = idParam(params.cycleId);
  const form = await readForm(request);
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
  const { cycle, districts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const closeError = result && "close" in result ? result.close : null;
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
      <CycleForm defaults={cycle.defaults} districts={districts} lastResult={result && !("close" in result) ? result : undefined} locked={cycle.locked} submitLabel={t("actions.save")} />
    </section>
  );
}
