import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAudience } from "~/modules/auth/guards.server";
import { safeRedirect } from "~/modules/auth/safe-redirect";
import { requestReview } from "~/modules/moderation/commands.server";
import { ReviewRequestSchema } from "~/modules/moderation/validation";
import { parseSmallAction } from "~/utils/forms.server";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";

export const handle = { audience: "signedIn" };

/** The author of hidden content asks for another look (a button on the item itself). */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireAudience(request, context.db, "signedIn");
  const input = await parseSmallAction(request, ReviewRequestSchema);
  if (!input) return refuseSmallAction(request, "invalid");
  const result = requestReview(context.db, user, input.decisionId);
  if (!result.ok) return refuseSmallAction(request, result);
  return replyOrReturn(request, { requested: true }, safeRedirect(input.returnTo));
}
