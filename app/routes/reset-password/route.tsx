import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors, FormAlert } from "~/components/ui/field";
import { isResetTokenUsable, resetPassword } from "~/modules/auth/commands.server";
import { PASSWORD_MIN, ResetPasswordSchema } from "~/modules/auth/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

const SECRET_FIELDS = ["password", "confirmPassword"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { title: t("reset.title"), token, usable: token.length > 0 && isResetTokenUsable(context.db, token) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, ResetPasswordSchema);
  if (submission.status !== "success") return refuseForm(submission, { hideFields: SECRET_FIELDS });
  const result = await resetPassword(context.db, submission.value.token, submission.value.password);
  if (!result.ok) return refuseWithOutcome(submission, result, { hideFields: SECRET_FIELDS });
  return redirect("/login?reset=1");
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token, usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useZodForm(ResetPasswordSchema, lastResult);
  if (!usable && !lastResult) {
    return (
      <section className="narrow">
        <h1>{t("reset.title")}</h1>
        <FormAlert message={t("errors.resetLinkInvalid")} />
        <p>
          <Link to="/forgot-password">{t("reset.askAgain")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("reset.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <Field id={fields.password.id} label={t("fields.newPassword")} errors={fields.password.errors} errorId={fields.password.errorId} hint={t("fields.passwordHint", { min: PASSWORD_MIN })} hintId={`${fields.password.id}-hint`}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
        </Field>
        <Field id={fields.confirmPassword.id} label={t("fields.confirmPassword")} errors={fields.confirmPassword.errors} errorId={fields.confirmPassword.errorId}>
          <input {...getInputProps(fields.confirmPassword, { type: "password" })} autoComplete="new-password" />
        </Field>
        <button type="submit" className="button">
          {t("reset.submit")}
        </button>
      </Form>
    </section>
  );
}
