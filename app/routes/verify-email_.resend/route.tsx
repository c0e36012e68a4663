import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { resendVerification } from "~/modules/auth/commands.server";
import { requireAudience } from "~/modules/auth/guards.server";
import { safeRedirect } from "~/modules/auth/safe-redirect";
import { readForm } from "~/utils/request-body.server";

export const handle = { audience: "signedIn" };

export const loader = () => redirect("/");

/** A new confirmation link (rate-limited per address and account; the answer is the same either way). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const form = await readForm(request);
  await resendVerification(context.db, user, { ip: context.clientIp });
  const back = new URL(safeRedirect(form.get("redirectTo")), "http://local.invalid");
  back.searchParams.set("linkSent", "1");
  return redirect(back.pathname + back.search + back.hash, { status: 303 });
}
