import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "~/components/ui/field";
import { useMessage } from "~/components/use-message";
import { checkVerificationToken, verifyEmail } from "~/modules/auth/commands.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { readForm } from "~/utils/request-body.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

/**
 * The link in the confirmation e-mail opens this page; confirming is a POST from it (a GET never
 * changes anything, and mail scanners that open links cannot confirm for the person).
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return { title: t("verify.title"), token, usable: !!checkVerificationToken(context.db, token) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const result = await verifyEmail(context.db, form.get("token"));
  if (!result.ok) return data({ error: result.message }, { status: 400 });
  return redirect("/?welcome=1", { status: 303, headers: { "Set-Cookie": result.value.cookie } });
}

export default function VerifyEmailPage() {
  const { t } = useTranslation();
  const message = useMessage();
  const { token, usable } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  return (
    <section className="narrow">
      <h1>{t("verify.title")}</h1>
      {refused ? <FormAlert message={message(refused.error)} /> : null}
      {usable ? (
        <>
          <p>{t("verify.intro")}</p>
          <Form method="post">
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button">
              {t("verify.submit")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <FormAlert message={t("errors.verifyLinkInvalid")} />
          <p>
            <Link to="/login">{t("nav.signIn")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
