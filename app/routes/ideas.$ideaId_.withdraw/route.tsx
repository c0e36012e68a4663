import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireAudience } from "~/modules/auth/guards.server";
import { getRequestT } from "~/modules/i18n/i18n.server";
import { withdrawIdea } from "~/modules/ideas/commands.server";
import { getIdea } from "~/modules/ideas/queries.server";
import { pageTitleMeta } from "~/utils/meta";
import { idParam } from "~/utils/params";
import { readForm } from "~/utils/request-body.server";
import { notFound, refusalResponse } from "~/utils/respond.server";

export const meta = pageTitleMeta;
export const handle = { audience: "signedIn" };

/** "Withdraw my idea" asks first, on a page of its own, so it works the same without JavaScript. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const found = getIdea(context.db, idParam(params.ideaId), user);
  if (!found?.viewer.canWithdraw) notFound();
  const { t } = await getRequestT(request);
  return { title: t("ideas.withdraw.title"), idea: { id: found.idea.id, title: found.idea.title } };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireAudience(request, context.db, "signedIn");
  await readForm(request);
  const result = withdrawIdea(context.db, user, ideaId);
  if (!result.ok) throw refusalResponse(result);
  return redirect(`/ideas/${ideaId}`, { status: 303 });
}

export default function WithdrawIdeaPage() {
  const { t } = useTranslation();
  const { idea } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>{t("ideas.withdraw.title")}</h1>
      <p>{t("ideas.withdraw.question", { title: idea.title })}</p>
      <p>{t("ideas.withdraw.consequence")}</p>
      <Form method="post" className="inline-form">
        <button type="submit" className="button button-danger">
          {t("ideas.withdraw.confirm")}
        </button>
        <Link to={`/ideas/${idea.id}`}>{t("actions.cancel")}</Link>
      </Form>
    </section>
  );
}
