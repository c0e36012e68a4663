import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormAlert } from "~/components/ui/field";
import { requestPasswordReset } from "~/modules/auth/commands.server";
import { ForgotPasswordSchema } from "~/modules/auth/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { parseForm, refuseForm } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  return { title: t("forgot.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, ForgotPasswordSchema);
  if (submission.status !== "success") return refuseForm(submission);
  await requestPasswordReset(context.db, submission.value.email, { ip: context.clientIp });
  // The same answer whether or not the address has an account.
  return { ...submission.reply({ resetForm: true }), sent: true as const };
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm(ForgotPasswordSchema, lastResult);
  return (
    <section className="narrow">
      <h1>{t("forgot.title")}</h1>
      {lastResult && "sent" in lastResult ? <FormAlert tone="success" message={t("forgot.sent")} /> : null}
      <p>{t("forgot.intro")}</p>
      <Form method="post" {...getFormProps(form)}>
        <Field id={fields.email.id} label={t("fields.email")} errors={fields.email.errors} errorId={fields.email.errorId}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
        </Field>
        <button type="submit" className="button">
          {t("forgot.submit")}
        </button>
      </Form>
    </section>
  );
}
