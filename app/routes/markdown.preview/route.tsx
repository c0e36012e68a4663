import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import { requireUser } from "~/modules/auth/guards.server";
import { renderMarkdown } from "~/modules/markdown/render.server";

const PreviewSchema = z.object({ body: z.string().max(10_000).catch("") });

/** The live preview uses the same renderer and sanitizer as the published page. */
export async function action({ request }: ActionFunctionArgs) {
  await requireUser(request);
  const { body } = PreviewSchema.parse(Object.fromEntries(await request.formData()));
  return json({ html: renderMarkdown(body) });
}
