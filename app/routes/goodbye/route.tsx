import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  return { title: t("dataRights.goodbye.title") };
}

/** After an account is deleted: what happened, in a sentence. */
export default function GoodbyePage() {
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <h1>{t("dataRights.goodbye.title")}</h1>
      <p>{t("dataRights.goodbye.body")}</p>
      <p>
        <Link to="/">{t("errors.page.home")}</Link>
      </p>
    </section>
  );
}
