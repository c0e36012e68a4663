import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { reportContent } from "~/modules/reports/commands.server";
import { ReportSchema } from "~/modules/reports/validation";
import { idParam } from "~/utils/params";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireUser(request);
  const parsed = ReportSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return refuseSmallAction(request, "invalid");
  const result = await reportContent(user, parsed.data, ideaId);
  if (!result.ok) return refuseSmallAction(request, result.error);
  return replyOrReturn(request, { reported: true, alreadyReported: result.alreadyReported }, `/ideas/${ideaId}?reported=1`);
}
