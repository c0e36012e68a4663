import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "./images.server";

export const PHOTO_FIELD = "photos";
export const MAX_PARTS = 50;
export const MAX_FIELD_BYTES = 64 * 1024;
/** Room for the text fields and multipart framing on top of the photos themselves. */
export const TEXT_BUDGET_BYTES = 1024 * 1024;
// After a rejection the rest of the body is read and thrown away (so the client still gets
// the error page instead of a connection reset), but only up to this much; then the socket is cut.
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

/** Suffixes of the translation keys `errors.upload.<code>` (or wherever the UI maps them). */
export type PhotoFormError = "tooManyParts" | "photoTooLarge" | "tooManyPhotos" | "requestTooLarge" | "malformed";
/** On refusal, `fields` holds the text fields read before the limit was hit, so a form can give them back. */
export type PhotoFormResult = { ok: true; formData: FormData; photos: Buffer[] } | { ok: false; error: PhotoFormError; fields?: FormData };

class FormLimitError extends Error {
  constructor(readonly code: PhotoFormError) {
    super(code);
  }
}

export function maxRequestBytes(maxPhotos = MAX_PHOTOS): number {
  return maxPhotos * MAX_PHOTO_BYTES + TEXT_BUDGET_BYTES;
}

/**
 * Reads a form submission with bounded memory. Text fields land in `formData`; non-empty file parts
 * named `photos` are returned as raw Buffers (still untrusted: run each through processPhoto).
 * Never throws for hostile input: limits and malformed bodies come back as `{ ok: false }`.
 */
export async function parsePhotoForm(request: Request, opts: { maxPhotos?: number } = {}): Promise<PhotoFormResult> {
  const maxPhotos = opts.maxPhotos ?? MAX_PHOTOS;
  const contentType = parseContentType(request.headers.get("content-type"));
  const isMultipart = contentType.type === "multipart/form-data";
  const maxBytes = isMultipart ? maxRequestBytes(maxPhotos) : TEXT_BUDGET_BYTES;
  const declaredHeader = request.headers.get("content-length");
  const declared = declaredHeader === null ? null : Number(declaredHeader);

  if (!request.body) return { ok: true, formData: new FormData(), photos: [] };
  const body = new CountingBody(request.body, maxBytes);

  if (declared !== null && declared > maxBytes) return body.reject("requestTooLarge", declared);

  if (contentType.type === "application/x-www-form-urlencoded") {
    try {
      return parseUrlEncoded(await body.readAll());
    } catch (error) {
      return body.reject(errorCode(error, body), declared);
    }
  }

  if (!isMultipart || !contentType.boundary) return body.reject("malformed", declared);

  let parts = 0;
  const photos: Buffer[] = [];
  const textRead = new FormData();
  const decoder = new TextDecoder();
  const uploadHandler: UploadHandler = async ({ name, filename, data }) => {
    parts += 1;
    if (parts > MAX_PARTS) throw new FormLimitError("tooManyParts");

    if (filename === undefined) {
      const chunks = await collect(data, MAX_FIELD_BYTES, () => new FormLimitError("requestTooLarge"));
      const value = decoder.decode(Buffer.concat(chunks));
      textRead.append(name, value);
      return value;
    }
    if (name !== PHOTO_FIELD) {
      // The parser buffers whatever a handler leaves unread, so unknown file parts are drained, not skipped.
      for await (const _chunk of data);
      return undefined;
    }
    const chunks = await collect(data, MAX_PHOTO_BYTES, () => new FormLimitError("photoTooLarge"), () => {
      if (photos.length >= maxPhotos) throw new FormLimitError("tooManyPhotos");
    });
    // Browsers send an empty file input as a zero-byte part with an empty filename.
    if (chunks.length > 0) photos.push(Buffer.concat(chunks));
    return undefined;
  };

  try {
    const normalized = new Request("http://localhost/", {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${contentType.boundary}` },
      body: body.stream,
      duplex: "half",
    } as RequestInit);
    const formData = await unstable_parseMultipartFormData(normalized, uploadHandler);
    body.discardRest(declared); // epilogue after the closing boundary, if any
    return { ok: true, formData, photos };
  } catch (error) {
    return { ...body.reject(errorCode(error, body), declared), fields: textRead };
  }
}

function errorCode(error: unknown, body: CountingBody): PhotoFormError {
  if (body.exceeded) return "requestTooLarge";
  if (error instanceof FormLimitError) return error.code;
  // The multipart parser throws plain Errors for bad framing; Remix's MaxPartSizeExceededError cannot
  // occur since no Remix upload handler is used, but would also land here rather than become a 500.
  return "malformed";
}

/** Collects a part's chunks, failing as soon as `max` bytes are exceeded (nothing beyond is buffered). */
async function collect(
  data: AsyncIterable<Uint8Array>,
  max: number,
  tooLarge: () => Error,
  onFirstByte?: () => void,
): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    if (chunk.byteLength === 0) continue;
    if (size === 0) onFirstByte?.();
    size += chunk.byteLength;
    if (size > max) throw tooLarge();
    chunks.push(chunk);
  }
  return chunks;
}

function parseUrlEncoded(bytes: Uint8Array): PhotoFormResult {
  const params = new URLSearchParams(new TextDecoder().decode(bytes));
  const formData = new FormData();
  let count = 0;
  for (const [key, value] of params) {
    count += 1;
    if (count > MAX_PARTS) return { ok: false, error: "tooManyParts" };
    if (Buffer.byteLength(value) > MAX_FIELD_BYTES) return { ok: false, error: "requestTooLarge" };
    formData.append(key, value);
  }
  return { ok: true, formData, photos: [] };
}

function parseContentType(header: string | null): { type: string; boundary: string | null } {
  const [type = "", ...params] = (header ?? "").split(";");
  let boundary: string | null = null;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== "boundary") continue;
    const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    // RFC 2046: 1–70 characters, no trailing space.
    if (/^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/.test(value)) boundary = value;
  }
  return { type: type.trim().toLowerCase(), boundary };
}

/** Wraps the request body: counts bytes, errors past `maxBytes`, and disposes of the rest on rejection. */
class CountingBody {
  readonly stream: ReadableStream<Uint8Array>;
  exceeded = false;
  private bytesRead = 0;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(source: ReadableStream<Uint8Array>, maxBytes: number) {
    this.reader = source.getReader();
    this.stream = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const { done, value } = await this.reader.read();
          if (done) return controller.close();
          this.bytesRead += value.byteLength;
          if (this.bytesRead > maxBytes) {
            this.exceeded = true;
            controller.error(new FormLimitError("requestTooLarge"));
            return;
          }
          controller.enqueue(value);
        },
      },
      { highWaterMark: 0 },
    );
  }

  async readAll(): Promise<Uint8Array> {
    const reader = this.stream.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      chunks.push(value);
    }
  }

  reject(error: PhotoFormError, declared: number | null): Extract<PhotoFormResult, { ok: false }> {
    this.discardRest(declared);
    return { ok: false, error };
  }

  discardRest(declared: number | null): void {
    const remaining = declared === null ? null : declared - this.bytesRead;
    if (remaining !== null && remaining > DRAIN_LIMIT_BYTES) this.cancel();
    else void this.drain();
  }

  private async drain(): Promise<void> {
    let drained = 0;
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) return;
        drained += value.byteLength;
        if (drained > DRAIN_LIMIT_BYTES) return this.cancel();
      }
    } catch {
      // The client went away; nothing left to dispose of.
    }
  }

  private cancel(): void {
    this.reader.cancel().catch(() => undefined);
  }
}
