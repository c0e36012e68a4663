import { getFormProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/ideas/status-badge";
import { Field, FieldErrors } from "~/components/ui/field";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { REFUSAL_STATUS, refuse } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { getStaffAnswerPage } from "~/modules/ideas/queries.server";
import { reassignIdea, respondToIdea, takeUpIdea } from "~/modules/ideas/status.server";
import { RESPONSE_MAX, StaffActionSchema } from "~/modules/ideas/validation";
import { useZodForm } from "~/utils/forms";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { readForm } from "~/utils/request-body.server";
import { notFound, refusalResponse } from "~/utils/respond.server";
import { TemplatePicker } from "./template-picker";

export const meta = pageTitleMeta;
export const handle = { audience: "council" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "council");
  const { t, locale } = await getRequestT(request);
  const templateId = Number(new URL(request.url).searchParams.get("template")) || null;
  const page = getStaffAnswerPage(context.db, idParam(params.ideaId), user, { locale, templateId });
  if (!page) notFound();
  if (page === "forbidden") throw refusalResponse(refuse("forbidden", { message: "errors.responses.notYours" }));
  return { title: t("responses.page.title", { title: page.idea.title }), ...page };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireAudience(request, context.db, "council");
  const submission = parseWithZod(await readForm(request), { schema: StaffActionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const input = submission.value;
  const outcome =
    input.intent === "respond"
      ? respondToIdea(context.db, user, { ideaId, status: input.status, body: input.body })
      : input.intent === "reassign"
        ? reassignIdea(context.db, user, { ideaId, departmentId: input.departmentId, note: input.note })
        : takeUpIdea(context.db, user, ideaId);
  if (!outcome.ok) {
    const reply = submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.fieldErrors ? undefined : [encodeMessage(outcome)] });
    return data({ result: reply }, { status: REFUSAL_STATUS[outcome.code] });
  }
  return redirect(input.intent === "respond" ? `/ideas/${ideaId}#timeline` : `/ideas/${ideaId}/respond`, { status: 303 });
}

/** Council staff answer an idea: a new status with an official response, a reassignment, or taking it up. */
export default function RespondPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { idea, choices, templates, template, departments } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const fr = i18n.language === "fr";
  const intent = reply?.result.initialValue?.intent;
  // A chosen template starts a fresh form (its own id), so its text becomes the pre-fill.
  const [respondForm, respond] = useZodForm(StaffActionSchema, intent === "respond" ? reply?.result : undefined, `respond-${template?.id ?? "blank"}`, {
    intent: "respond",
    status: (searchParams.get("status") ?? (template && choices.includes(template.status) ? template.status : "")) as (typeof choices)[number] | "",
    body: template?.body ?? "",
  });
  const [reassignForm, reassign] = useZodForm(StaffActionSchema, intent === "reassign" ? reply?.result : undefined, "reassign", { intent: "reassign" });
  return (
    <section className="narrow-wide">
      <p className="meta">
        <Link to="/staff">{t("staff.backToQueue")}</Link>
      </p>
      <h1>{t("responses.page.heading")}</h1>
      <article className="card">
        <h2>
          <Link to={`/ideas/${idea.id}`}>{idea.title}</Link>
        </h2>
        <p className="meta">
          <StatusBadge status={idea.status} /> · {t("ideas.supportCount", { count: idea.upCount, formatted: format.number(idea.upCount) })}
          {idea.departmentEn ? ` · ${fr ? idea.departmentFr : idea.departmentEn}` : ` · ${t("responses.page.noDepartment")}`}
          {idea.queueDueAt ? ` · ${t("staff.dueOn", { date: format.date(idea.queueDueAt) })}` : ""}
        </p>
        <p>{idea.excerpt}</p>
      </article>

      <h2>{t("responses.page.respond")}</h2>
      <TemplatePicker templates={templates} selected={template?.id ?? null} />
      <Form method="post" {...getFormProps(respondForm)} key={respondForm.id}>
        <FieldErrors id={respondForm.errorId} errors={respondForm.errors} />
        <input type="hidden" name="intent" value="respond" />
        <Field id={respond.status.id} label={t("responses.page.newStatus")} errors={respond.status.errors} errorId={respond.status.errorId}>
          <select {...getSelectProps(respond.status)}>
            <option value="">{t("responses.page.keepStatus", { status: t(`ideas.status.${idea.status}`) })}</option>
            {choices.map((s) => (
              <option key={s} value={s}>
                {t(`ideas.status.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={respond.body.id} label={t("responses.page.body")} errors={respond.body.errors} errorId={respond.body.errorId} hint={t("responses.page.bodyHint")} hintId={`${respond.body.id}-hint`}>
          <textarea {...getTextareaProps(respond.body)} rows={10} maxLength={RESPONSE_MAX} />
        </Field>
        <button type="submit" className="button">
          {t("responses.page.publish")}
        </button>
      </Form>

      <h2>{t("responses.page.reassign")}</h2>
      <Form method="post" {...getFormProps(reassignForm)}>
        <FieldErrors id={reassignForm.errorId} errors={reassignForm.errors} />
        <input type="hidden" name="intent" value="reassign" />
        <Field id={reassign.departmentId.id} label={t("responses.page.department")} errors={reassign.departmentId.errors} errorId={reassign.departmentId.errorId}>
          <select {...getSelectProps(reassign.departmentId)} defaultValue="">
            <option value="" disabled>
              {t("responses.page.chooseDepartment")}
            </option>
            {departments.map((d) => (
              <option key={d.id} value={d.id} disabled={d.id === idea.departmentId}>
                {fr ? d.nameFr : d.nameEn}
              </option>
            ))}
          </select>
        </Field>
        <Field id={reassign.note.id} label={t("responses.page.note")} errors={reassign.note.errors} errorId={reassign.note.errorId} hint={t("responses.page.noteHint")} hintId={`${reassign.note.id}-hint`}>
          <textarea {...getTextareaProps(reassign.note)} rows={3} maxLength={2000} />
        </Field>
        <button type="submit" className="button button-secondary">
          {t("responses.page.reassignSubmit")}
        </button>
      </Form>

      {idea.canTakeUp ? (
        <Form method="post">
          <h2>{t("responses.page.takeUp")}</h2>
          <p>{t("responses.page.takeUpHint")}</p>
          <button type="submit" name="intent" value="takeUp" className="button button-secondary">
            {t("responses.page.takeUpSubmit")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
