import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlaceOptions } from "~/components/place-options";
import { Field, FieldErrors } from "~/components/ui/field";
import { signUp } from "~/modules/auth/commands.server";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { PASSWORD_MIN, SignUpSchema } from "~/modules/auth/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listDistricts } from "~/modules/places/queries.server";
import { parseForm, refuseForm, refuseWithOutcome } from "~/utils/forms.server";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getOptionalUser(request, context.db)) throw redirect("/");
  const { t } = await getRequestT(request);
  return { title: t("signUp.title"), districts: listDistricts(context.db) };
}

/** Whatever the address, the answer is "check your e-mail" (the owner of a known address is told by mail). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { locale } = await getRequestT(request);
  const submission = await parseForm(request, SignUpSchema);
  if (submission.status !== "success") return refuseForm(submission, { hideFields: ["password"] });
  const result = await signUp(context.db, submission.value, { ip: context.clientIp, locale });
  if (!result.ok) return refuseWithOutcome(submission, result, { hideFields: ["password"] });
  return redirect("/signup/check-email", { status: 303 });
}

export default function SignUpPage() {
  const { t } = useTranslation();
  const { districts } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useZodForm(SignUpSchema, lastResult);
  return (
    <section className="narrow">
      <h1>{t("signUp.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FieldErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/"} />
        <Field id={fields.email.id} label={t("fields.email")} errors={fields.email.errors} errorId={fields.email.errorId} hint={t("fields.emailHint")} hintId={`${fields.email.id}-hint`}>
          <input {...getInputProps(fields.email, { type: "email" })} autoComplete="email" />
        </Field>
        <Field id={fields.displayName.id} label={t("fields.displayName")} errors={fields.displayName.errors} errorId={fields.displayName.errorId} hint={t("fields.displayNameHint")} hintId={`${fields.displayName.id}-hint`}>
          <input {...getInputProps(fields.displayName, { type: "text" })} autoComplete="nickname" />
        </Field>
        <Field id={fields.password.id} label={t("fields.password")} errors={fields.password.errors} errorId={fields.password.errorId} hint={t("fields.passwordHint", { min: PASSWORD_MIN })} hintId={`${fields.password.id}-hint`}>
          <input {...getInputProps(fields.password, { type: "password" })} autoComplete="new-password" />
        </Field>
        <Field id={fields.homeDistrictId.id} label={t("fields.homeDistrict")} errors={fields.homeDistrictId.errors} errorId={fields.homeDistrictId.errorId}>
          <select {...getSelectProps(fields.homeDistrictId)}>
            <option value="">{t("fields.noDistrict")}</option>
            <PlaceOptions places={districts} />
          </select>
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {t("signUp.submit")}
        </button>
      </Form>
      <p>
        {t("signUp.haveAccount")} <Link to="/login">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}
