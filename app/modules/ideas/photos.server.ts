import fs from "node:fs/promises";
import { processPhoto, resolveUploadPath, savePhoto } from "~/modules/uploads/images.server";
export type StoredPhoto = { fileName: string; width: number; height: number };

/**
 * Re-encodes every uploaded photo (metadata stripped, upright) and stores it under a
 * server-chosen name. All or nothing: one bad photo refuses the lot and stores none.
 */
export async function storeIdeaPhotos(uploads: Buffer[]): Promise<{ ok: true; photos: StoredPhoto[] } | { ok: false; error: string }> {
  const processed = [];
  for (const upload of uploads) {
    const result = await processPhoto(upload);
    if (!result.ok) return { ok: false, error: `errors.photo.${result.error}` };
    processed.push(result);
  }
  const photos: StoredPhoto[] = [];
  for (const p of processed) photos.push({ fileName: await savePhoto(p.data), width: p.width, height: p.height });
  return { ok: true, photos };
}

/** Removes stored files whose idea was not created after all. */
export async function discardPhotos(photos: StoredPhoto[]) {
  await Promise.all(
    photos.map((p) => {
      const file = resolveUploadPath(p.fileName);
      return file ? fs.rm(file, { force: true }) : undefined;
    }),
  );
}
