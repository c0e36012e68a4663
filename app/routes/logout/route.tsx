import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/modules/auth/commands.server";
import { getSessionState } from "~/modules/auth/guards.server";

// GET never changes state: visiting /logout only goes home (security baseline 18).
export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  const { session } = await getSessionState(request);
  return redirect("/", { headers: { "Set-Cookie": await signOut(session?.id) } });
}
