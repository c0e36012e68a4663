import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAudience } from "~/modules/auth/guards.server";
import { rateComment } from "~/modules/comments/commands.server";
import { CommentRatingSchema } from "~/modules/comments/validation";
import { parseSmallAction } from "~/utils/forms.server";
import { idParam } from "~/utils/params";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";

export const handle = { audience: "signedIn" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const commentId = idParam(params.commentId);
  const { user } = await requireAudience(request, context.db, "signedIn");
  const input = await parseSmallAction(request, CommentRatingSchema);
  if (!input) return refuseSmallAction(request, "invalid");
  const result = rateComment(context.db, user, commentId, input.helpful === "yes");
  if (!result.ok) return refuseSmallAction(request, result);
  return replyOrReturn(request, { helpfulCount: result.value.helpfulCount, rated: result.value.rated }, `/ideas/${result.value.ideaId}#comment-${commentId}`);
}
