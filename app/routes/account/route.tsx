import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlaceOptions } from "~/components/place-options";
import { Field, FieldErrors, FormAlert } from "~/components/ui/field";
import { changePassword } from "~/modules/auth/commands.server";
import { requireUser } from "~/modules/auth/guards.server";
import { ChangePasswordSchema, PASSWORD_MIN } from "~/modules/auth/validation";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { updateProfile } from "~/modules/users/commands.server";
import { listDistricts } from "~/modules/places/queries.server";
import { getAccount } from "~/modules/users/queries.server";
import { ProfileUpdateSchema } from "~/modules/users/validation";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireUser(request);
  const { t } = await getRequestT(request);
  return json({ title: t("account.title"), account: getAccount(user.id)!, districts: listDistricts() });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request);
  const formData = await request.formData();
  if (formData.get("intent") === "password") {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    const hideFields = ["currentPassword", "newPassword", "confirmPassword"];
    if (submission.status !== "success") return json({ intent: "password" as const, result: submission.reply({ hideFields }) }, { status: 400 });
    const outcome = await changePassword({ userId: user.id, sessionId: session.id }, submission.value);
    if (!outcome.ok) return json({ intent: "password" as const, result: submission.reply({ fieldErrors: outcome.fieldErrors, hideFields }) }, { status: 400 });
    return json({ intent: "password" as const, result: submission.reply({ resetForm: true }), saved: true }, { headers: { "Set-Cookie": outcome.cookie } });
  }
  const submission = parseWithZod(formData, { schema: ProfileUpdateSchema });
  if (submission.status !== "success") return json({ intent: "profile" as const, result: submission.reply() }, { status: 400 });
  const outcome = updateProfile(user.id, submission.value);
  if (!outcome.ok) return json({ intent: "profile" as const, result: submission.reply({ fieldErrors: outcome.fieldErrors }) }, { status: 400 });
  return json({ intent: "profile" as const, result: submission.reply(), saved: true });
}

export default function AccountPage() {
  const { t } = useTranslation();
  const { account, districts } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const profileResult = data?.intent === "profile" ? data : undefined;
  const passwordResult = data?.intent === "password" ? data : undefined;
  const [profileForm, profile] = useZodForm(ProfileUpdateSchema, profileResult?.result, "profile", {
    displayName: account.displayName,
    homeDistrictId: account.homeDistrictId ?? "",
  });
  const [passwordForm, password] = useZodForm(ChangePasswordSchema, passwordResult?.result, "password");
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <p>{t("account.signedInAs", { email: account.email })}</p>

      <h2>{t("account.profile")}</h2>
      {profileResult && "saved" in profileResult ? <FormAlert tone="success" message={t("account.profileSaved")} /> : null}
      <Form method="post" {...getFormProps(profileForm)}>
        <input type="hidden" name="intent" value="profile" />
        <Field id={profile.displayName.id} label={t("fields.displayName")} errors={profile.displayName.errors} errorId={profile.displayName.errorId}>
          <input {...getInputProps(profile.displayName, { type: "text" })} autoComplete="nickname" />
        </Field>
        <Field id={profile.homeDistrictId.id} label={t("fields.homeDistrict")} errors={profile.homeDistrictId.errors} errorId={profile.homeDistrictId.errorId}>
          <select {...getSelectProps(profile.homeDistrictId)}>
            <option value="">{t("fields.noDistrict")}</option>
            <PlaceOptions places={districts} />
          </select>
        </Field>
        <button type="submit" className="button">
          {t("account.saveProfile")}
        </button>
      </Form>

      <h2>{t("account.changePassword")}</h2>
      {passwordResult && "saved" in passwordResult ? <FormAlert tone="success" message={t("account.passwordChanged")} /> : null}
      <Form method="post" {...getFormProps(passwordForm)}>
        <FieldErrors id={passwordForm.errorId} errors={passwordForm.errors} />
        <input type="hidden" name="intent" value="password" />
        <Field id={password.currentPassword.id} label={t("fields.currentPassword")} errors={password.currentPassword.errors} errorId={password.currentPassword.errorId}>
          <input {...getInputProps(password.currentPassword, { type: "password" })} autoComplete="current-password" />
        </Field>
        <Field id={password.newPassword.id} label={t("fields.newPassword")} errors={password.newPassword.errors} errorId={password.newPassword.errorId} hint={t("fields.passwordHint", { min: PASSWORD_MIN })} hintId={`${password.newPassword.id}-hint`}>
          <input {...getInputProps(password.newPassword, { type: "password" })} autoComplete="new-password" />
        </Field>
        <Field id={password.confirmPassword.id} label={t("fields.confirmPassword")} errors={password.confirmPassword.errors} errorId={password.confirmPassword.errorId}>
          <input {...getInputProps(password.confirmPassword, { type: "password" })} autoComplete="new-password" />
        </Field>
        <button type="submit" className="button">
          {t("account.changePassword")}
        </button>
      </Form>
    </section>
  );
}
