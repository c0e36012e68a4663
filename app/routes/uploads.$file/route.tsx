import { open } from "node:fs/promises";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { resolveUploadPath } from "~/modules/uploads/images.server";

// Resource route: serves photos stored by savePhoto. Names are server-generated UUIDs, so the
// content under a name never changes and can be cached forever.
export async function loader({ params }: LoaderFunctionArgs) {
  const filePath = resolveUploadPath(params.file ?? "");
  if (!filePath) return notFound();

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
      "Cache-Control": "public, max-age=31536000, immutable",
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
