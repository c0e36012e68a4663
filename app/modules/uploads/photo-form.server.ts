import { readUploadForm, type UploadForm } from "~/utils/request-body.server";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "./images.server";

export const PHOTO_FIELD = "photos";
export const MAX_PARTS = 50;
/** Room for the text fields and multipart framing on top of the photos themselves. */
export const TEXT_BUDGET_BYTES = 1024 * 1024;

/**
 * Reads a form with photos (an idea, a project update): the text fields, and the non-empty
 * `photos` parts as raw Buffers (still untrusted: run each through processPhoto).
 */
export function readPhotoForm(request: Request, { maxPhotos = MAX_PHOTOS } = {}): Promise<UploadForm> {
  return readUploadForm(request, { field: PHOTO_FIELD, maxFiles: maxPhotos, maxFileBytes: MAX_PHOTO_BYTES, maxTextBytes: TEXT_BUDGET_BYTES, maxParts: MAX_PARTS });
}
