import { getFormProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { saveEmailChoices } from "~/modules/notifications/commands.server";
import { EMAIL_CHOICES, NOTIFICATION_GROUPS } from "~/modules/notifications/groups";
import { listEmailChoices } from "~/modules/notifications/preferences.server";
import { EmailChoicesSchema } from "~/modules/notifications/validation";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const { t } = await getRequestT(request);
  return { title: t("notificationSettings.title"), choices: listEmailChoices(context.db, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const submission = await parseForm(request, EmailChoicesSchema);
  if (submission.status !== "success") return refuseForm(submission);
  const outcome = saveEmailChoices(context.db, user, submission.value);
  if (!outcome.ok) return refuseWithOutcome(submission, outcome);
  return { ...submission.reply(), saved: true };
}

export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const { choices } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useForm({ id: "email-choices", lastResult: reply, shouldValidate: "onSubmit" });
  const typed = (reply?.initialValue ?? null) as Record<string, unknown> | null;
  return (
    <section className="narrow">
      <h1>{t("notificationSettings.title")}</h1>
      <p>{t("notificationSettings.intro")}</p>
      {reply && "saved" in reply ? <FormAlert tone="success" message={t("notificationSettings.saved")} /> : null}
      <Form method="post" {...getFormProps(form)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        {NOTIFICATION_GROUPS.map((group) => {
          const chosen = typeof typed?.[group] === "string" ? typed[group] : choices[group];
          const field = fields[group];
          return (
            <fieldset key={group} className="choices" aria-describedby={`${group}-hint${field.errors ? ` ${field.errorId}` : ""}`}>
              <legend>{t(`notificationSettings.groups.${group}.name`)}</legend>
              <p id={`${group}-hint`} className="hint">
                {t(`notificationSettings.groups.${group}.hint`)}
              </p>
              {EMAIL_CHOICES.map((choice) => (
                <label key={choice}>
                  <input type="radio" name={group} value={choice} defaultChecked={chosen === choice} /> {t(`notificationSettings.choices.${choice}`)}
                </label>
              ))}
              <FieldErrors id={field.errorId} errors={field.errors} />
            </fieldset>
          );
        })}
        <p className="hint">{t("notificationSettings.always")}</p>
        <button type="submit" className="button">
          {t("notificationSettings.save")}
        </button>
      </Form>
      <p>
        <Link to="/notifications">{t("notificationSettings.back")}</Link>
      </p>
    </section>
  );
}
