import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { withdrawIdea } from "~/modules/ideas/commands.server";
import { idParam } from "~/utils/params";
import { refusal } from "~/utils/respond.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireUser(request);
  const result = withdrawIdea(user, ideaId);
  if (!result.ok) throw refusal(result.error);
  return redirect(`/ideas/${ideaId}`, { status: 303 });
}
