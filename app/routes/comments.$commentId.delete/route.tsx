import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { deleteComment } from "~/modules/comments/commands.server";
import { idParam } from "~/utils/params";
import { refusal } from "~/utils/respond.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const commentId = idParam(params.commentId);
  const { user } = await requireUser(request);
  const result = deleteComment(user, commentId);
  if (!result.ok) throw refusal(result.error);
  return redirect(`/ideas/${result.ideaId}#comment-${commentId}`, { status: 303 });
}
