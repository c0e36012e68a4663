import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrors, FormAlert } from "~/components/ui/field";
import { useMessage } from "~/components/use-message";
import { blankSessionCookie } from "~/modules/auth/session.server";
import { requireAudience } from "~/modules/auth/guards.server";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { deleteAccount } from "~/modules/users/data-rights.server";
import { encodeMessage } from "~/utils/forms.server";
import { pageTitleMeta } from "~/utils/meta";
import { readForm } from "~/utils/request-body.server";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAudience(request, context.db, "signedIn");
  const { t } = await getRequestT(request);
  return { title: t("dataRights.delete.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const form = await readForm(request);
  const password = typeof form.get("password") === "string" ? String(form.get("password")) : "";
  const fieldErrors: Record<string, string[]> = {};
  if (!password) fieldErrors.password = ["errors.required"];
  if (form.get("confirm") !== "yes") fieldErrors.confirm = ["errors.dataRights.confirm"];
  if (Object.keys(fieldErrors).length) return data({ fieldErrors, formError: null }, { status: 400 });
  const outcome = await deleteAccount(context.db, user, password);
  if (!outcome.ok) return data({ fieldErrors: outcome.fieldErrors ?? {}, formError: outcome.fieldErrors ? null : encodeMessage(outcome) }, { status: REFUSAL_STATUS[outcome.code] });
  return redirect("/goodbye", { status: 303, headers: { "Set-Cookie": blankSessionCookie(context.db) } });
}

/** Delete my account, confirmed with the password; what goes and what stays is said before. */
export default function DeleteAccountPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const result = useActionData<typeof action>();
  return (
    <section className="narrow">
      <p className="meta">
        <Link to="/account">{t("account.title")}</Link>
      </p>
      <h1>{t("dataRights.delete.title")}</h1>
      <p>{t("dataRights.delete.goes")}</p>
      <p>{t("dataRights.delete.stays")}</p>
      <p>
        <Link to="/account/data">{t("dataRights.delete.exportFirst")}</Link>
      </p>
      {result?.formError ? <FormAlert message={message(result.formError)} /> : null}
      <Form method="post" noValidate>
        <div className="field">
          <label htmlFor="password">{t("dataRights.delete.password")}</label>
          <input id="password" name="password" type="password" autoComplete="current-password" aria-describedby={result?.fieldErrors.password ? "password-error" : undefined} />
          <FieldErrors id="password-error" errors={result?.fieldErrors.password} />
        </div>
        <div className="field checkbox">
          <input id="confirm" name="confirm" type="checkbox" value="yes" aria-describedby={result?.fieldErrors.confirm ? "confirm-error" : undefined} />
          <label htmlFor="confirm">{t("dataRights.delete.confirm")}</label>
          <FieldErrors id="confirm-error" errors={result?.fieldErrors.confirm} />
        </div>
        <button type="submit" className="button button-danger">
          {t("dataRights.delete.submit")}
        </button>
      </Form>
    </section>
  );
}
