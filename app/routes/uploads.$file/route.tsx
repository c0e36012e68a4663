import { open } from "node:fs/promises";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { getOptionalUser } from "~/modules/auth/guards.server";
import { canSeePhoto } from "~/modules/ideas/queries.server";
import { isPublicProjectPhoto } from "~/modules/projects/queries.server";
import { resolveUploadPath } from "~/modules/uploads/images.server";

// Resource route: serves photos stored by savePhoto, to whoever may see the photo's idea. A photo
// disappears with its idea when a moderator hides it, so it is cached by the browser only, briefly.
export const handle = { audience: "public" };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const fileName = params.file ?? "";
  const filePath = resolveUploadPath(fileName);
  const visible = canSeePhoto(context.db, fileName, await getOptionalUser(request, context.db)) || isPublicProjectPhoto(context.db, fileName);
  if (!filePath || !visible) return notFound();

  const handle = await open(filePath, "r").catch(() => null);
  if (!handle) return notFound();
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    return notFound();
  }

  return new Response(createReadableStreamFromReadable(handle.createReadStream()), {
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(stats.size),
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
    },
  });
}

function notFound() {
  return new Response("Not Found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store" },
  });
}
