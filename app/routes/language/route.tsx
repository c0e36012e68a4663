import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { safeRedirect } from "~/modules/auth/safe-redirect";
import { isLocale } from "~/modules/i18n/config";
import { localeCookie } from "~/modules/i18n/i18n.server";
import { setPreferredLocale } from "~/modules/users/commands.server";

export const loader = () => redirect("/");

/** Remembers the chosen language (cookie, and the account's e-mail language) and goes back. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const back = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back);
  const user = await getOptionalUser(request);
  if (user) setPreferredLocale(user.id, locale);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
