import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server";
import { castSupport } from "~/modules/ideas/commands.server";
import { SupportSchema } from "~/modules/ideas/validation";
import { idParam } from "~/utils/params";
import { refuseSmallAction, replyOrReturn } from "~/utils/respond.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const ideaId = idParam(params.ideaId);
  const { user } = await requireUser(request);
  const parsed = SupportSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return refuseSmallAction(request, "invalid");
  const result = castSupport(user, ideaId, parsed.data.value);
  if (!result.ok) return refuseSmallAction(request, result.error);
  return replyOrReturn(request, result, `/ideas/${ideaId}#support-heading`);
}
