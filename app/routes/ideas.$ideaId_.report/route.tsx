import type { ActionFunctionArgs } from "@remix-run/node";
import { requireAudience } from "~/modules/auth/guards.server";
import { reportContent } from "~/modules/reports/commands.server";
import { ReportSchema } from "~/modules/reports/validation";
import { parseSmallAction } from "~/utils/forms.server";
import { idParam } from "~/utils/params";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";

export const handle = { audience: "signedIn" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireAudience(request, context.db, "signedIn");
  const input = await parseSmallAction(request, ReportSchema);
  if (!input) return refuseSmallAction(request, "invalid");
  const result = await reportContent(context.db, user, input, ideaId);
  if (!result.ok) return refuseSmallAction(request, result);
  return replyOrReturn(request, { reported: true, alreadyReported: result.value.alreadyReported }, `/ideas/${ideaId}?reported=1`);
}
