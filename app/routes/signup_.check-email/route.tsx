import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  return { title: t("signUp.checkEmail.title") };
}

/** The one answer to every sign-up: it does not say whether the address already had an account. */
export default function CheckEmailPage() {
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <h1>{t("signUp.checkEmail.title")}</h1>
      <p>{t("signUp.checkEmail.body")}</p>
      <p>{t("signUp.checkEmail.spam")}</p>
      <p>
        <Link to="/login">{t("nav.signIn")}</Link>
      </p>
    </section>
  );
}
