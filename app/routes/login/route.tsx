import { getFormProps, getInputProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FieldErrors, FormAlert } from "~/components/ui/field";
import { signIn } from "~/modules/auth/commands.server";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { safeRedirect } from "~/modules/auth/safe-redirect";
import { SignInSchema } from "~/modules/auth/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getOptionalUser(request, context.db)) throw redirect("/");
  const { t } = await getRequestT(request);
  return { title: t("signIn.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, SignInSchema);
  if (submission.status !== "success") return refuseForm(submission, { hideFields: ["password"] });
  const result = await signIn(context.db, submission.value, { ip: context.clientIp });
  if (result.ok) return redirect(safeRedirect(submission.value.redirectTo), { headers: { "Set-Cookie": result.value.cookie } });
  return refuseWithOutcome(submission, result, { hideFields: ["password"] });
}

export default function SignInPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useZodForm(SignInSchema, lastResult);
  return (
    <section className="narrow">
      <h1>{t("signIn.title")}</h1>
      {searchParams.get("reset") ? <FormAlert tone="success" message={t("signIn.resetDone")} /> : null}
      <Form method="post" {...getFormProps(form)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field id={fields.email.id} label={t("fields.email")} errors={fields.email.errors} errorId={fields.email.errorId}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="username" />
        </Field>
        <Field id={fields.password.id} label={t("fields.password")} errors={fields.password.errors} errorId={fields.password.errorId}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="current-password" />
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {t("signIn.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("signIn.forgot")}</Link>
      </p>
      <p>
        {t("signIn.noAccount")} <Link to="/signup">{t("nav.signUp")}</Link>
      </p>
    </section>
  );
}
