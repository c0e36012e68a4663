import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CycleForm } from "~/components/budgets/cycle-form";
import { requireAudience } from "~/modules/auth/guards.server";
import { createCycle } from "~/modules/budgets/commands.server";
import { CycleFormSchema } from "~/modules/budgets/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listDistricts } from "~/modules/places/queries.server";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  return { title: t("budgets.admin.new"), districts: listDistricts(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "admin");
  const submission = await parseForm(request, CycleFormSchema);
  if (submission.status !== "success") return refuseForm(submission);
  const outcome = createCycle(context.db, user, submission.value);
  if (!outcome.ok) return refuseWithOutcome(submission, outcome);
  return redirect(`/admin/budgets/${outcome.value.id}?saved=1`, { status: 303 });
}

/** A new budget cycle: its rules, dates and envelopes. */
export default function NewCyclePage() {
  const { t } = useTranslation();
  const { districts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t("budgets.admin.new")}</h1>
      <CycleForm defaults={{ currency: "EUR", method: "tokens", winnerRule: "greedy", tokens: "10", minApprovals: "1", maxApprovals: "5" }} districts={districts} lastResult={lastResult} locked={false} submitLabel={t("budgets.admin.create")} />
    </section>
  );
}
