import { getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlaceOptions } from "~/components/place-options";
import { Field, FieldErrors, FormAlert } from "~/components/ui/field";
import { changePassword } from "~/modules/auth/commands.server";
import { requireAudience } from "~/modules/auth/guards.server";
import { ChangePasswordSchema, PASSWORD_MIN } from "~/modules/auth/validation";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { listDistricts } from "~/modules/places/queries.server";
import { updateProfile } from "~/modules/users/commands.server";
import { getAccount } from "~/modules/users/queries.server";
import { ProfileUpdateSchema } from "~/modules/users/validation";
import { useZodForm } from "~/utils/forms";
import { pageTitleMeta } from "~/utils/meta";
import { readForm } from "~/utils/request-body.server";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

const PASSWORD_FIELDS = ["currentPassword", "newPassword", "confirmPassword"];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const { t } = await getRequestT(request);
  return { title: t("account.title"), account: getAccount(context.db, user.id)!, districts: listDistricts(context.db) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const formData = await readForm(request);
  if (formData.get("intent") === "password") {
    const submission = parseWithZod(formData, { schema: ChangePasswordSchema });
    if (submission.status !== "success") return data({ intent: "password" as const, result: submission.reply({ hideFields: PASSWORD_FIELDS }) }, { status: 400 });
    const outcome = await changePassword(context.db, user, submission.value);
    if (!outcome.ok) return data({ intent: "password" as const, result: submission.reply({ fieldErrors: outcome.fieldErrors, hideFields: PASSWORD_FIELDS }) }, { status: REFUSAL_STATUS[outcome.code] });
    return data({ intent: "password" as const, result: submission.reply({ resetForm: true }), saved: true }, { headers: { "Set-Cookie": outcome.value.cookie } });
  }
  const submission = parseWithZod(formData, { schema: ProfileUpdateSchema });
  if (submission.status !== "success") return data({ intent: "profile" as const, result: submission.reply() }, { status: 400 });
  const outcome = updateProfile(context.db, user, submission.value);
  if (!outcome.ok) return data({ intent: "profile" as const, result: submission.reply({ fieldErrors: outcome.fieldErrors, formErrors: outcome.fieldErrors ? undefined : [outcome.message] }) }, { status: REFUSAL_STATUS[outcome.code] });
  return { intent: "profile" as const, result: submission.reply(), saved: true };
}

export default function AccountPage() {
  const { t } = useTranslation();
  const { account, districts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const profileResult = reply?.intent === "profile" ? reply : undefined;
  const passwordResult = reply?.intent === "password" ? reply : undefined;
  const [profileForm, profile] = useZodForm(ProfileUpdateSchema, profileResult?.result, "profile", {
    displayName: account.displayName,
    homeDistrictId: account.homeDistrictId?.toString() ?? "",
  });
  const [passwordForm, password] = useZodForm(ChangePasswordSchema, passwordResult?.result, "password");
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <p>{t("account.signedInAs", { email: account.email })}</p>

      <h2>{t("account.profile")}</h2>
      {profileResult && "saved" in profileResult ? <FormAlert tone="success" message={t("account.profileSaved")} /> : null}
      <Form method="post" {...getFormProps(profileForm)}>
        <FieldErrors id={profileForm.errorId} errors={profileForm.errors} />
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
      <h2>{t("dataRights.export.title")}</h2>
      <p>
        <Link to="/account/data">{t("dataRights.links.export")}</Link> · <Link to="/account/delete">{t("dataRights.links.delete")}</Link>
      </p>
    </section>
  );
}
