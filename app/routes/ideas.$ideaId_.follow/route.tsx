import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { setFollowing } from "~/modules/ideas/commands.server";
import { idParam } from "~/utils/params";
import { refusal, replyOrReturn } from "~/utils/respond.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireUser(request);
  const following = (await request.formData()).get("follow") === "yes";
  const result = setFollowing(user, ideaId, following);
  if (!result.ok) throw refusal(result.error);
  return replyOrReturn(request, { following }, `/ideas/${ideaId}`);
}
