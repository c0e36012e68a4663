import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireAudience } from "~/modules/auth/guards.server";
import { renderMarkdown } from "~/modules/markdown/render.server";
import { readForm } from "~/utils/request-body.server";

export const handle = { audience: "signedIn" };

const PreviewSchema = z.object({ body: z.string().max(10_000).catch("") });

/** The live preview uses the same renderer and sanitizer as the published page. */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireAudience(request, context.db, "signedIn");
  const { body } = PreviewSchema.parse(Object.fromEntries(await readForm(request)));
  return Response.json({ html: renderMarkdown(body) });
}
