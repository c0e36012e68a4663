import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormAlert } from "~/components/ui/field";
import { REFUSAL_STATUS } from "~/modules/commands/outcome";
import { getRequestT } from "~/modules/i18n/i18n.server";
import type { NotificationGroup } from "~/modules/notifications/groups";
import { readUnsubscribeToken, unsubscribeByToken } from "~/modules/notifications/commands.server";
import { UnsubscribeSchema } from "~/modules/notifications/validation";
import { pageTitleMeta } from "~/utils/meta";
import { readForm } from "~/utils/request-body.server";

export const meta = pageTitleMeta;
export const handle = { audience: "public" };

/** The page of the link in every e-mail's footer: says what it turns off, and asks (a GET changes nothing). */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestT(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const target = readUnsubscribeToken(token);
  return data({ title: t("unsubscribe.title"), token, groups: target?.groups ?? null }, { status: target ? 200 : 400, headers: { "Referrer-Policy": "no-referrer" } });
}

/**
 * Turns the link's groups off. Also the RFC 8058 one-click POST that mail clients send to the
 * List-Unsubscribe address ("List-Unsubscribe=One-Click", the token in the URL), without a session.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const parsed = UnsubscribeSchema.safeParse({ token: form.get("token") ?? new URL(request.url).searchParams.get("token") ?? undefined });
  const outcome = parsed.success ? unsubscribeByToken(context.db, parsed.data.token) : null;
  if (form.get("List-Unsubscribe") === "One-Click") {
    return new Response(outcome?.ok ? "Unsubscribed" : "Invalid link", { status: outcome?.ok ? 200 : 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (!outcome?.ok) return data({ done: false as const, groups: null }, { status: outcome ? REFUSAL_STATUS[outcome.code] : 400 });
  return { done: true as const, groups: outcome.value.groups };
}

export default function UnsubscribePage() {
  const { t } = useTranslation();
  const { token, groups } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const shown: NotificationGroup[] | null = reply?.groups ?? groups;
  return (
    <section className="narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {reply?.done ? (
        <FormAlert tone="success" message={t("unsubscribe.done")} />
      ) : shown && !reply ? (
        <Form method="post">
          <p>{t("unsubscribe.confirm")}</p>
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="button">
            {t("unsubscribe.submit")}
          </button>
        </Form>
      ) : (
        <FormAlert message={t("errors.unsubscribeInvalid")} />
      )}
      {shown ? (
        <ul>
          {shown.map((g) => (
            <li key={g}>{t(`notificationSettings.groups.${g}.name`)}</li>
          ))}
        </ul>
      ) : null}
      <p>
        <Link to="/account/notifications">{t("unsubscribe.allChoices")}</Link>
      </p>
    </section>
  );
}
