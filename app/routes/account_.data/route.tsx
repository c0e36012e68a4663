import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useFormat } from "~/components/use-format";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { getCurrentExport, prepareDataExport } from "~/modules/users/data-rights.server";
import { pageTitleMeta } from "~/utils/meta";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const { t } = await getRequestT(request);
  return { title: t("dataRights.export.title"), current: getCurrentExport(context.db, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const outcome = prepareDataExport(context.db, user);
  if (!outcome.ok) throw new Response("Conflict", { status: 409 });
  return { token: outcome.value.token, expiresAt: outcome.value.expiresAt.toISOString() };
}

/** "Download my data": a JSON file of everything about me, behind a link that expires and needs my session. */
export default function DataExportPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { current } = useLoaderData<typeof loader>();
  const ready = useActionData<typeof action>();
  return (
    <section className="narrow">
      <p className="meta">
        <Link to="/account">{t("account.title")}</Link>
      </p>
      <h1>{t("dataRights.export.title")}</h1>
      <p>{t("dataRights.export.intro")}</p>
      {ready ? (
        <p className="alert alert-success" role="status">
          {t("dataRights.export.ready", { time: format.dateTime(ready.expiresAt) })}{" "}
          <a href={`/account/data/${ready.token}`} download>
            {t("dataRights.export.download")}
          </a>
        </p>
      ) : current ? (
        <p>{t("dataRights.export.earlier", { time: format.dateTime(current.expiresAt) })}</p>
      ) : null}
      <Form method="post">
        <button type="submit" className="button">
          {t(ready || current ? "dataRights.export.again" : "dataRights.export.prepare")}
        </button>
      </Form>
    </section>
  );
}
