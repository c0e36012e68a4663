import { getFormProps, getInputProps, getSelectProps, getTextareaProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlaceOptions } from "~/components/place-options";
import { Field, FieldErrors } from "~/components/ui/field";
import { postAnnouncement } from "~/modules/announcements/commands.server";
import { AnnouncementSchema } from "~/modules/announcements/validation";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listDistricts } from "~/modules/places/queries.server";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "council" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "council");
  const { t } = await getRequestT(request);
  return { title: t("announcements.new"), districts: listDistricts(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "council");
  const submission = await parseForm(request, AnnouncementSchema);
  if (submission.status !== "success") return refuseForm(submission);
  const outcome = postAnnouncement(context.db, user, submission.value);
  if (!outcome.ok) return refuseWithOutcome(submission, outcome);
  return redirect(`/announcements#announcement-${outcome.value.id}`, { status: 303 });
}

/** Council staff and admins announce something to the whole city or one district. */
export default function NewAnnouncementPage() {
  const { t } = useTranslation();
  const { districts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm(AnnouncementSchema, lastResult, "announcement");
  return (
    <section className="narrow">
      <h1>{t("announcements.new")}</h1>
      <p>{t("announcements.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <Field id={fields.title.id} label={t("announcements.fields.title")} errors={fields.title.errors} errorId={fields.title.errorId}>
          <input {...getInputProps(fields.title, { type: "text" })} autoComplete="off" />
        </Field>
        <Field id={fields.body.id} label={t("announcements.fields.body")} errors={fields.body.errors} errorId={fields.body.errorId}>
          <textarea {...getTextareaProps(fields.body)} rows={6} />
        </Field>
        <Field id={fields.districtId.id} label={t("announcements.fields.district")} errors={fields.districtId.errors} errorId={fields.districtId.errorId}>
          <select {...getSelectProps(fields.districtId)}>
            <option value="">{t("announcements.everyone")}</option>
            <PlaceOptions places={districts} />
          </select>
        </Field>
        <Field id={fields.link.id} label={t("announcements.fields.link")} errors={fields.link.errors} errorId={fields.link.errorId} hint={t("announcements.fields.linkHint")} hintId={`${fields.link.id}-hint`}>
          <input {...getInputProps(fields.link, { type: "text" })} autoComplete="off" />
        </Field>
        <button type="submit" className="button">
          {t("announcements.publish")}
        </button>
      </Form>
    </section>
  );
}
