import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors, FormAlert } from "~/components/ui/field";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { updateSiteSettings } from "~/modules/settings/commands.server";
import { CitySettingsFormSchema } from "~/modules/settings/definitions";
import { getSiteSettings } from "~/modules/settings/queries.server";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "admin");
  const { t } = await getRequestT(request);
  return { title: t("admin.settings.title"), settings: getSiteSettings(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "admin");
  const submission = await parseForm(request, CitySettingsFormSchema);
  if (submission.status !== "success") return refuseForm(submission);
  const v = submission.value;
  const result = updateSiteSettings(context.db, user, {
    timeZone: v.timeZone,
    currency: v.currency,
    mapCenter: { latitude: v.mapLatitude!, longitude: v.mapLongitude!, zoom: v.mapZoom! },
    responsePromise: { firstResponseDays: v.firstResponseDays!, decisionDays: v.decisionDays! },
    queue: { supportThreshold: v.supportThreshold!, monthlyTopPerCategory: v.monthlyTopPerCategory! },
    autoHide: { reporters: v.autoHideReporters!, weight: v.autoHideWeight! },
  });
  if (!result.ok) return refuseWithOutcome(submission, result);
  return { ...submission.reply(), saved: true as const };
}

export default function AdminSettingsPage() {
  const { t } = useTranslation();
  const { settings } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm(CitySettingsFormSchema, lastResult, "settings", {
    timeZone: settings.timeZone,
    currency: settings.currency,
    mapLatitude: String(settings.mapCenter.latitude),
    mapLongitude: String(settings.mapCenter.longitude),
    mapZoom: String(settings.mapCenter.zoom),
    firstResponseDays: String(settings.responsePromise.firstResponseDays),
    decisionDays: String(settings.responsePromise.decisionDays),
    supportThreshold: String(settings.queue.supportThreshold),
    monthlyTopPerCategory: String(settings.queue.monthlyTopPerCategory),
    autoHideReporters: String(settings.autoHide.reporters),
    autoHideWeight: String(settings.autoHide.weight),
  });
  return (
    <section className="narrow">
      <h1>{t("admin.settings.title")}</h1>
      <p>{t("admin.settings.intro")}</p>
      {lastResult && "saved" in lastResult ? <FormAlert tone="success" message={t("admin.settings.saved")} /> : null}
      <Form method="post" {...getFormProps(form)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <h2>{t("admin.settings.city")}</h2>
        <Field id={fields.timeZone.id} label={t("admin.settings.timeZone")} errors={fields.timeZone.errors} errorId={fields.timeZone.errorId} hint={t("admin.settings.timeZoneHint")} hintId={`${fields.timeZone.id}-hint`}>
          <input {...getInputProps(fields.timeZone, { type: "text" })} autoComplete="off" />
        </Field>
        <Field id={fields.currency.id} label={t("admin.settings.currency")} errors={fields.currency.errors} errorId={fields.currency.errorId} hint={t("admin.settings.currencyHint")} hintId={`${fields.currency.id}-hint`}>
          <input {...getInputProps(fields.currency, { type: "text" })} autoComplete="off" maxLength={3} />
        </Field>
        <fieldset>
          <legend>{t("admin.settings.mapCenter")}</legend>
          <div className="field-row">
            <Field id={fields.mapLatitude.id} label={t("ideas.fields.latitude")} errors={fields.mapLatitude.errors} errorId={fields.mapLatitude.errorId}>
              <input {...getInputProps(fields.mapLatitude, { type: "text" })} inputMode="decimal" autoComplete="off" />
            </Field>
            <Field id={fields.mapLongitude.id} label={t("ideas.fields.longitude")} errors={fields.mapLongitude.errors} errorId={fields.mapLongitude.errorId}>
              <input {...getInputProps(fields.mapLongitude, { type: "text" })} inputMode="decimal" autoComplete="off" />
            </Field>
            <Field id={fields.mapZoom.id} label={t("admin.settings.zoom")} errors={fields.mapZoom.errors} errorId={fields.mapZoom.errorId}>
              <input {...getInputProps(fields.mapZoom, { type: "text" })} inputMode="numeric" autoComplete="off" />
            </Field>
          </div>
        </fieldset>
        <h2>{t("admin.settings.promise")}</h2>
        <p className="field-hint">{t("admin.settings.promiseHint")}</p>
        <div className="field-row">
          <Field id={fields.firstResponseDays.id} label={t("admin.settings.firstResponseDays")} errors={fields.firstResponseDays.errors} errorId={fields.firstResponseDays.errorId}>
            <input {...getInputProps(fields.firstResponseDays, { type: "text" })} inputMode="numeric" autoComplete="off" />
          </Field>
          <Field id={fields.decisionDays.id} label={t("admin.settings.decisionDays")} errors={fields.decisionDays.errors} errorId={fields.decisionDays.errorId}>
            <input {...getInputProps(fields.decisionDays, { type: "text" })} inputMode="numeric" autoComplete="off" />
          </Field>
        </div>
        <h2>{t("admin.settings.queue")}</h2>
        <div className="field-row">
          <Field id={fields.supportThreshold.id} label={t("admin.settings.supportThreshold")} errors={fields.supportThreshold.errors} errorId={fields.supportThreshold.errorId}>
            <input {...getInputProps(fields.supportThreshold, { type: "text" })} inputMode="numeric" autoComplete="off" />
          </Field>
          <Field id={fields.monthlyTopPerCategory.id} label={t("admin.settings.monthlyTop")} errors={fields.monthlyTopPerCategory.errors} errorId={fields.monthlyTopPerCategory.errorId}>
            <input {...getInputProps(fields.monthlyTopPerCategory, { type: "text" })} inputMode="numeric" autoComplete="off" />
          </Field>
        </div>
        <h2>{t("admin.settings.autoHide")}</h2>
        <p className="field-hint">{t("admin.settings.autoHideHint")}</p>
        <div className="field-row">
          <Field id={fields.autoHideReporters.id} label={t("admin.settings.autoHideReporters")} errors={fields.autoHideReporters.errors} errorId={fields.autoHideReporters.errorId}>
            <input {...getInputProps(fields.autoHideReporters, { type: "text" })} inputMode="numeric" autoComplete="off" />
          </Field>
          <Field id={fields.autoHideWeight.id} label={t("admin.settings.autoHideWeight")} errors={fields.autoHideWeight.errors} errorId={fields.autoHideWeight.errorId}>
            <input {...getInputProps(fields.autoHideWeight, { type: "text" })} inputMode="decimal" autoComplete="off" />
          </Field>
        </div>
        <button type="submit" className="button">
          {t("actions.save")}
        </button>
      </Form>
    </section>
  );
}
