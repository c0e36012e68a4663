import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { reportContent } from "~/modules/reports/commands.server";
import { ReportSchema } from "~/modules/reports/validation";
import { idParam } from "~/utils/params";
import { refusal, replyOrReturn } from "~/utils/respond.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireUser(request);
  const parsed = ReportSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw refusal("invalid");
  const result = await reportContent(user, parsed.data);
  if (!result.ok) throw refusal(result.error);
  if (result.ideaId !== ideaId) throw refusal("notFound");
  return replyOrReturn(request, { reported: true, alreadyReported: result.alreadyReported }, `/ideas/${ideaId}?reported=1`);
}
