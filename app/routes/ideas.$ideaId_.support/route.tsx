import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAudience } from "~/modules/auth/guards.server";
import { castSupport } from "~/modules/ideas/commands.server";
import { SupportSchema } from "~/modules/ideas/validation";
import { parseSmallAction } from "~/utils/forms.server";
import { idParam } from "~/utils/params";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";

export const handle = { audience: "signedIn" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireAudience(request, context.db, "signedIn");
  const input = await parseSmallAction(request, SupportSchema);
  if (!input) return refuseSmallAction(request, "invalid");
  const result = castSupport(context.db, user, ideaId, input.value);
  if (!result.ok) return refuseSmallAction(request, result);
  return replyOrReturn(request, result.value, `/ideas/${ideaId}#support-heading`);
}
