import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "~/modules/auth/commands.server";
import { getSessionState } from "~/modules/auth/guards.server";

export const handle = { audience: "public" };

// GET never changes state: visiting /logout only goes home (security baseline 18).
export const loader = () => redirect("/");

export async function action({ request, context }: ActionFunctionArgs) {
  const { session } = await getSessionState(request, context.db);
  return redirect("/", { headers: { "Set-Cookie": await signOut(context.db, session?.id) } });
}
