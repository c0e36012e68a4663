import { MaxFileSizeExceededError, MaxPartsExceededError, MaxTotalSizeExceededError, parseMultipartRequest } from "@remix-run/multipart-parser";

/**
 * Every form body is read here, with bounded memory: a declared or streamed size over the limit,
 * too many fields, or a body that is not a form is refused with a clear 413, 415 or 400, before
 * anything is buffered beyond the limit. Routes never call request.formData() themselves (a test
 * checks), so no action can forget the limits.
 */
export const FORM_LIMITS = { maxBytes: 256 * 1024, maxFields: 400 };

// After a refusal the rest of the body is read and thrown away (so the browser receives the error
// page rather than a connection reset), but only up to this much; beyond it the connection is cut.
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export type BodyRefusal = "tooLarge" | "tooManyFields" | "unsupportedType" | "malformed";
const STATUS: Record<BodyRefusal, number> = { tooLarge: 413, tooManyFields: 413, unsupportedType: 415, malformed: 400 };

/** A refused body, as a thrown response the error page explains (its text is a translation key). */
export function bodyRefused(reason: BodyRefusal) {
  return new Response(`errors.refused.body.${reason}`, { status: STATUS[reason], headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

function contentTypeOf(request: Request) {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

function declaredLength(request: Request) {
  const header = request.headers.get("content-length");
  const n = header === null ? null : Number(header);
  return n !== null && Number.isFinite(n) ? n : null;
}

class LimitError extends Error {}

/** The request body, counted as it streams; past `maxBytes` it errors, and the rest can be drained. */
class BoundedBody {
  readonly stream: ReadableStream<Uint8Array>;
  private read = 0;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(source: ReadableStream<Uint8Array>, maxBytes: number) {
    this.reader = source.getReader();
    this.stream = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          const { done, value } = await this.reader.read();
          if (done) return controller.close();
          this.read += value.byteLength;
          if (this.read > maxBytes) return controller.error(new LimitError("body too large"));
          controller.enqueue(value);
        },
      },
      { highWaterMark: 0 },
    );
  }

  async bytes() {
    const reader = this.stream.getReader();
    const chunks: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return Buffer.concat(chunks);
      chunks.push(value);
    }
  }

  /** Reads and discards what is left, in the background; cuts the connection past the drain limit. */
  discardRest(declared: number | null = null) {
    if (declared !== null && declared - this.read > DRAIN_LIMIT_BYTES) return void this.reader.cancel().catch(() => undefined);
    void (async () => {
      let drained = 0;
      try {
        for (;;) {
          const { done, value } = await this.reader.read();
          if (done) return;
          drained += value.byteLength;
          if (drained > DRAIN_LIMIT_BYTES) return void this.reader.cancel().catch(() => undefined);
        }
      } catch {
        // The client went away: nothing left to discard.
      }
    })();
  }
}

function refusalOf(error: unknown): BodyRefusal {
  if (error instanceof LimitError || error instanceof MaxTotalSizeExceededError || error instanceof MaxFileSizeExceededError) return "tooLarge";
  if (error instanceof MaxPartsExceededError) return "tooManyFields";
  return "malformed";
}

/** The boundary parameter, however the header is cased or quoted (RFC 2046: 1-70 characters). */
function boundaryOf(request: Request) {
  for (const param of (request.headers.get("content-type") ?? "").split(";").slice(1)) {
    const eq = param.indexOf("=");
    if (eq === -1 || param.slice(0, eq).trim().toLowerCase() !== "boundary") continue;
    const value = param.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    if (/^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/.test(value)) return value;
  }
  return null;
}

/** The bounded body as a request the multipart parser reads, with a normalised Content-Type. */
function withBody(request: Request, body: ReadableStream<Uint8Array>) {
  const boundary = boundaryOf(request);
  if (!boundary) throw new Error("no multipart boundary");
  return new Request(request.url, { method: request.method, headers: { "content-type": `multipart/form-data; boundary=${boundary}` }, body, duplex: "half" } as RequestInit);
}

/**
 * A plain form (URL-encoded, or multipart without files), within FORM_LIMITS. Throws the refusal
 * response: legitimate forms never reach the limits, so there is nothing to give back.
 */
export async function readForm(request: Request, limits = FORM_LIMITS): Promise<FormData> {
  const type = contentTypeOf(request);
  const declared = declaredLength(request);
  // A bodiless POST (a button with no fields, sent by a script) is an empty form, whatever its type.
  if (!request.body || declared === 0) return new FormData();
  const refusal: BodyRefusal | null =
    type !== "application/x-www-form-urlencoded" && type !== "multipart/form-data" ? "unsupportedType" : declared !== null && declared > limits.maxBytes ? "tooLarge" : null;
  if (refusal) {
    // Refused unread; what the client still sends is thrown away, up to the drain limit.
    new BoundedBody(request.body, 0).discardRest(declared);
    throw bodyRefused(refusal);
  }
  const form = new FormData();
  const body = new BoundedBody(request.body, limits.maxBytes);
  try {
    if (type === "application/x-www-form-urlencoded") {
      const params = new URLSearchParams(new TextDecoder().decode(await body.bytes()));
      let fields = 0;
      for (const [name, value] of params) {
        if (++fields > limits.maxFields) throw new MaxPartsExceededError(limits.maxFields);
        form.append(name, value);
      }
      return form;
    }
    for await (const part of parseMultipartRequest(withBody(request, body.stream), { maxParts: limits.maxFields, maxTotalSize: limits.maxBytes, maxFileSize: limits.maxBytes })) {
      if (part.name && !part.isFile) form.append(part.name, part.text);
    }
    return form;
  } catch (error) {
    body.discardRest();
    throw bodyRefused(refusalOf(error));
  }
}

export type UploadLimits = { field: string; maxFiles: number; maxFileBytes: number; maxTextBytes: number; maxParts: number };
export type UploadFormError = "tooManyParts" | "photoTooLarge" | "tooManyPhotos" | "requestTooLarge" | "malformed" | "unsupportedType";
/** On refusal, `fields` holds the text fields read before the limit was hit, so the form can give them back. */
export type UploadForm = { ok: true; formData: FormData; files: Buffer[] } | { ok: false; error: UploadFormError; fields: FormData };

/**
 * A form with file uploads (photos), streamed through the multipart parser: every file part is
 * bounded, and so are their number and the whole body. Text fields come first in a browser's
 * submission, so when the files are refused the typed text is still given back.
 */
export async function readUploadForm(request: Request, limits: UploadLimits): Promise<UploadForm> {
  const fields = new FormData();
  const type = contentTypeOf(request);
  if (type === "application/x-www-form-urlencoded") {
    // A form sent without its files (a script, or a browser without the file input): plain limits.
    return { ok: true, formData: await readForm(request), files: [] };
  }
  if (type !== "multipart/form-data") return { ok: false, error: "unsupportedType", fields };
  if (!request.body) return { ok: true, formData: fields, files: [] };
  const maxTotal = limits.maxFiles * limits.maxFileBytes + limits.maxTextBytes;
  // Declared too large: read only as far as the text fields (no file part may pass the text
  // budget), so the typed text comes back without reading the photos.
  const declared = declaredLength(request);
  const tooLarge = declared !== null && declared > maxTotal;
  const body = new BoundedBody(request.body, tooLarge ? limits.maxTextBytes * 2 : maxTotal);
  const files: Buffer[] = [];
  let textBytes = 0;
  try {
    const maxFileSize = tooLarge ? limits.maxTextBytes : limits.maxFileBytes;
    for await (const part of parseMultipartRequest(withBody(request, body.stream), { maxParts: limits.maxParts, maxTotalSize: maxTotal, maxFileSize })) {
      if (!part.name) continue;
      if (!part.isFile) {
        textBytes += part.bytes.byteLength;
        if (textBytes > limits.maxTextBytes) throw new LimitError("text too large");
        fields.append(part.name, part.text);
        continue;
      }
      // Browsers send an empty file input as a zero-byte part with an empty file name.
      if (part.name !== limits.field || part.bytes.byteLength === 0) continue;
      if (files.length >= limits.maxFiles) throw new UploadRefused("tooManyPhotos");
      if (tooLarge) throw new UploadRefused("requestTooLarge");
      files.push(Buffer.from(part.bytes));
    }
    if (tooLarge) throw new UploadRefused("requestTooLarge");
    return { ok: true, formData: fields, files };
  } catch (error) {
    body.discardRest();
    const code: UploadFormError = tooLarge
      ? "requestTooLarge"
      : error instanceof UploadRefused
        ? error.code
        : error instanceof MaxFileSizeExceededError
          ? "photoTooLarge"
          : error instanceof MaxPartsExceededError
            ? "tooManyParts"
            : error instanceof LimitError || error instanceof MaxTotalSizeExceededError
              ? "requestTooLarge"
              : "malformed";
    return { ok: false, error: code, fields };
  }
}

class UploadRefused extends Error {
  constructor(readonly code: UploadFormError) {
    super(code);
  }
}
