import { randomUUID } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";

export const MAX_PHOTOS = 4;
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
// 50 MP admits 48 MP phone photos (8064 × 6048) while capping a decoded RGB frame at ~150 MB.
// Anything above is refused from the header alone, before a single pixel is decoded.
export const MAX_PIXELS = 50_000_000;
export const OUTPUT_MAX_EDGE = 1600;
export const OUTPUT_QUALITY = 80;
const PROCESS_TIMEOUT_SECONDS = 15;

/** Suffixes of the translation keys `errors.photo.<code>`. */
export type PhotoError = "tooLarge" | "notAnImage" | "tooManyPixels" | "unsupportedFormat";

export type ProcessedPhoto = { ok: true; data: Buffer; width: number; height: number; format: "webp" };
export type PhotoResult = ProcessedPhoto | { ok: false; error: PhotoError };

type AcceptedFormat = "jpeg" | "png" | "webp";

/**
 * Decodes an untrusted upload and re-encodes it as WebP: upright (EXIF orientation applied),
 * at most OUTPUT_MAX_EDGE px on the long edge, with every piece of metadata (EXIF, GPS, XMP, ICC) dropped.
 */
export async function processPhoto(input: Buffer): Promise<PhotoResult> {
  if (input.length > MAX_PHOTO_BYTES) return { ok: false, error: "tooLarge" };

  // Sniff the bytes ourselves so SVG/HTML/etc. never reach libvips' other loaders.
  const sniffed = sniffImageFormat(input);
  if (sniffed === "unsupported") return { ok: false, error: "unsupportedFormat" };
  if (sniffed === null) return { ok: false, error: "notAnImage" };

  try {
    const image = sharp(input, { limitInputPixels: MAX_PIXELS, failOn: "error" });
    const meta = await image.metadata();
    if (meta.format !== sniffed) return { ok: false, error: "notAnImage" };
    if (!meta.width || !meta.height) return { ok: false, error: "notAnImage" };
    if (meta.width * meta.height > MAX_PIXELS) return { ok: false, error: "tooManyPixels" };

    // No keepExif()/withMetadata(): sharp strips all metadata and converts to sRGB by default.
    const { data, info } = await image
      .autoOrient()
      .resize({ width: OUTPUT_MAX_EDGE, height: OUTPUT_MAX_EDGE, fit: "inside", withoutEnlargement: true })
      .webp({ quality: OUTPUT_QUALITY })
      .timeout({ seconds: PROCESS_TIMEOUT_SECONDS })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, data, width: info.width, height: info.height, format: "webp" };
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) return { ok: false, error: "tooManyPixels" };
    return { ok: false, error: "notAnImage" };
  }
}

/**
 * Magic-byte sniffing: the file name and the client's Content-Type are never trusted.
 * Returns the accepted format, "unsupported" for recognisable images we refuse, or null.
 */
export function sniffImageFormat(input: Buffer): AcceptedFormat | "unsupported" | null {
  const startsWith = (bytes: number[], offset = 0) => bytes.every((b, i) => input[offset + i] === b);
  const ascii = (offset: number, length: number) => input.subarray(offset, offset + length).toString("latin1");

  if (startsWith([0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (ascii(0, 4) === "RIFF" && ascii(8, 4) === "WEBP") return "webp";

  if (ascii(0, 4) === "GIF8") return "unsupported";
  if (ascii(0, 4) === "II*\0" || ascii(0, 4) === "MM\0*") return "unsupported"; // TIFF (also most camera RAW)
  if (ascii(0, 2) === "BM") return "unsupported";
  if (ascii(4, 4) === "ftyp") return "unsupported"; // HEIC / AVIF (ISO-BMFF)
  if (startsWith([0xff, 0x0a]) || ascii(4, 8) === "JXL \r\n\x87\n") return "unsupported"; // JPEG XL
  if (looksLikeSvg(input)) return "unsupported";
  return null;
}

function looksLikeSvg(input: Buffer): boolean {
  const head = input.subarray(0, 1024).toString("utf8").replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (head.startsWith("<svg")) return true;
  return (head.startsWith("<?xml") || head.startsWith("<!--") || head.startsWith("<!doctype svg")) && head.includes("<svg");
}

export function uploadsDir(): string {
  return path.resolve(process.env.UPLOADS_DIR || "data/uploads");
}

/** Writes a processed photo under a server-generated name and returns that name. */
export async function savePhoto(data: Buffer, dir = uploadsDir()): Promise<string> {
  await mkdir(dir, { recursive: true });
  const fileName = `${randomUUID()}.webp`;
  await writeFile(path.join(dir, fileName), data, { flag: "wx" });
  return fileName;
}

const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\.webp$/;

export function isStoredPhotoName(fileName: string): boolean {
  return STORED_NAME.test(fileName);
}

/** Absolute path of a stored photo, or null when the name is not one the server could have generated. */
export function resolveUploadPath(fileName: string, dir = uploadsDir()): string | null {
  if (!isStoredPhotoName(fileName)) return null;
  return path.join(dir, fileName);
}
