import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { safeRedirect } from "~/modules/auth/safe-redirect";
import { isLocale } from "~/modules/i18n/config";
import { localeCookie } from "~/modules/i18n/i18n.server";
import { setPreferredLocale } from "~/modules/users/commands.server";
import { readForm } from "~/utils/request-body.server";

export const handle = { audience: "public" };

export const loader = () => redirect("/");

/** Remembers the chosen language (cookie, and the account's e-mail language) and goes back. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const locale = form.get("locale");
  const back = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back);
  const user = await getOptionalUser(request, context.db);
  if (user) setPreferredLocale(context.db, user, locale);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
