import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { rateComment } from "~/modules/comments/commands.server";
import { CommentRatingSchema } from "~/modules/comments/validation";
import { idParam } from "~/utils/params";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const commentId = idParam(params.commentId);
  const { user } = await requireUser(request);
  const parsed = CommentRatingSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return refuseSmallAction(request, "invalid");
  const rated = parsed.data.helpful === "yes";
  const result = rateComment(user, commentId, rated);
  if (!result.ok) return refuseSmallAction(request, result.error);
  return replyOrReturn(request, { helpfulCount: result.helpfulCount, rated }, `/ideas/${result.ideaId}#comment-${commentId}`);
}
