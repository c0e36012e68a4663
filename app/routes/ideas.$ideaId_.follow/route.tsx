import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { setFollowing } from "~/modules/ideas/commands.server";
import { FollowSchema } from "~/modules/ideas/validation";
import { idParam } from "~/utils/params";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireUser(request);
  const parsed = FollowSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return refuseSmallAction(request, "invalid");
  const following = parsed.data.follow === "yes";
  const result = setFollowing(user, ideaId, following);
  if (!result.ok) return refuseSmallAction(request, result.error);
  return replyOrReturn(request, { following }, `/ideas/${ideaId}`);
}
