import { describe, expect, it } from "vitest";
import { FORM_LIMITS, readForm } from "~/utils/request-body.server";
import { MAX_PHOTO_BYTES, MAX_PHOTOS } from "./images.server";
import { MAX_PARTS, TEXT_BUDGET_BYTES, readPhotoForm } from "./photo-form.server";

const parsePhotoForm = readPhotoForm;
const maxRequestBytes = (photos: number) => photos * MAX_PHOTO_BYTES + TEXT_BUDGET_BYTES;

const BOUNDARY = "----CivicTestBoundary7MA4YWxkTrZu0gW";
const CHUNK = 64 * 1024;
const MB = 1024 * 1024;
const encoder = new TextEncoder();

type Part = { name: string; value: string } | { name: string; filename: string; type?: string; data: Uint8Array };

function multipartBody(parts: Part[], boundary = BOUNDARY): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (const part of parts) {
    if ("value" in part) {
      pieces.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`));
    } else {
      pieces.push(
        encoder.encode(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: ${part.type ?? "image/jpeg"}\r\n\r\n`,
        ),
        part.data,
        encoder.encode("\r\n"),
      );
    }
  }
  pieces.push(encoder.encode(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

function multipartRequest(body: Uint8Array | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request("http://localhost/ideas/new", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...headers },
    body,
    duplex: "half",
  } as RequestInit);
}

/**
 * A body that streams one file part of `fileBytes` zeros (Infinity: never ends) in 64 KiB chunks,
 * allocating each chunk on demand so the test itself never holds the whole payload.
 */
function zeroFileStream(fileBytes: number, field = "photos") {
  const head = encoder.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nHello\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  const stats = { pulled: 0, cancelled: false };
  let sent = 0;
  let stage: "head" | "file" | "tail" | "done" = "head";
  let resolveCancelled: () => void = () => undefined;
  const cancelled = new Promise<void>((resolve) => (resolveCancelled = resolve));
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (stage === "head") {
          stage = "file";
          stats.pulled += head.length;
          return controller.enqueue(head);
        }
        if (stage === "file") {
          const size = Math.min(CHUNK, fileBytes - sent);
          if (size > 0) {
            sent += size;
            stats.pulled += size;
            return controller.enqueue(new Uint8Array(size));
          }
          stage = "tail";
        }
        if (stage === "tail") {
          stage = "done";
          stats.pulled += tail.length;
          return controller.enqueue(tail);
        }
        controller.close();
      },
      cancel() {
        stats.cancelled = true;
        resolveCancelled();
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, stats, cancelled, totalBytes: head.length + fileBytes + tail.length };
}

const jpegish = (size: number, fill: number) => new Uint8Array(size).fill(fill);

describe("readPhotoForm: regular submissions", () => {
  it("returns text fields in formData and non-empty `photos` parts as buffers, skipping empty file inputs", async () => {
    const result = await parsePhotoForm(
      multipartRequest(
        multipartBody([
          { name: "title", value: "More benches in the park" },
          { name: "body", value: "Ünïcödé ✓ text\r\nwith lines" },
          { name: "photos", filename: "a.jpg", data: jpegish(1000, 1) },
          { name: "photos", filename: "", type: "application/octet-stream", data: new Uint8Array(0) },
          { name: "photos", filename: "b.png", type: "image/png", data: jpegish(2000, 2) },
        ]),
      ),
    );
    if (!result.ok) throw new Error(`expected success, got ${result.error}`);
    expect(result.formData.get("title")).toBe("More benches in the park");
    expect(result.formData.get("body")).toBe("Ünïcödé ✓ text\r\nwith lines");
    expect(result.formData.has("photos")).toBe(false);
    expect(result.files.map((p) => [p.length, p[0]])).toEqual([
      [1000, 1],
      [2000, 2],
    ]);
  });

  it("parses a body encoded by the platform FormData (browser-like), quoted boundary and odd casing included", async () => {
    const form = new FormData();
    form.append("title", "Library hours");
    form.append("photos", new File([jpegish(300, 7)], "IMG_0001.JPG", { type: "image/jpeg" }));
    form.append("photos", new File([], ""));
    const encoded = new Request("http://localhost/", { method: "POST", body: form });
    const boundary = encoded.headers.get("content-type")!.split("boundary=")[1];
    const body = new Uint8Array(await encoded.arrayBuffer());

    for (const contentType of [`multipart/form-data; boundary=${boundary}`, `Multipart/Form-Data; charset=utf-8; boundary="${boundary}"`]) {
      const result = await parsePhotoForm(new Request("http://localhost/", { method: "POST", headers: { "content-type": contentType }, body }));
      if (!result.ok) throw new Error(`expected success, got ${result.error}`);
      expect(result.formData.get("title")).toBe("Library hours");
      expect(result.files).toHaveLength(1);
      expect(result.files[0].length).toBe(300);
    }
  });

  it("falls back to url-encoded forms without photos, and tolerates a body-less request", async () => {
    const result = await parsePhotoForm(
      new Request("http://localhost/", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded;charset=UTF-8" },
        body: "title=Bike+lanes&body=Please%21&intent=create",
      }),
    );
    if (!result.ok) throw new Error(`expected success, got ${result.error}`);
    expect(Object.fromEntries(result.formData)).toEqual({ title: "Bike lanes", body: "Please!", intent: "create" });
    expect(result.files).toEqual([]);

    const empty = await parsePhotoForm(new Request("http://localhost/", { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` } }));
    expect(empty.ok && [...empty.formData.keys()]).toEqual([]);
  });

  it("does not keep file parts under other names", async () => {
    const result = await parsePhotoForm(
      multipartRequest(multipartBody([{ name: "avatar", filename: "x.jpg", data: jpegish(5000, 3) }, { name: "title", value: "t" }])),
    );
    expect(result).toMatchObject({ ok: true, files: [] });
    expect(result.ok && result.formData.has("avatar")).toBe(false);
  });
});

describe("readPhotoForm (baseline 21: oversized bodies and part floods)", () => {
  it("refuses a declared 50 MB body after reading no more than its text fields, and gives the text back", async () => {
    const upload = zeroFileStream(50 * MB);
    const started = performance.now();
    const result = await parsePhotoForm(multipartRequest(upload.stream, { "content-length": String(upload.totalBytes) }));
    const pulledAtResult = upload.stats.pulled;
    console.info(`declared 50 MB body rejected in ${(performance.now() - started).toFixed(1)} ms after reading ${(pulledAtResult / MB).toFixed(2)} MB`);
    expect(result).toMatchObject({ ok: false, error: "requestTooLarge" });
    expect(!result.ok && result.fields.get("title")).toBe("Hello");
    expect(pulledAtResult).toBeLessThan(3 * TEXT_BUDGET_BYTES);
  });

  it("stops reading a streamed 50 MB photo (no Content-Length) as soon as it passes MAX_PHOTO_BYTES", async () => {
    const upload = zeroFileStream(50 * MB);
    const heapBefore = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const result = await parsePhotoForm(multipartRequest(upload.stream));
    const pulledAtResult = upload.stats.pulled;
    console.info(
      `streamed 50 MB photo rejected in ${(performance.now() - started).toFixed(1)} ms after reading ${(pulledAtResult / MB).toFixed(2)} MB ` +
        `(arrayBuffers +${((process.memoryUsage().arrayBuffers - heapBefore) / MB).toFixed(1)} MB)`,
    );
    expect(result).toMatchObject({ ok: false, error: "photoTooLarge" });
    // Slack: the background drain that follows a rejection may already have pulled a few chunks.
    expect(pulledAtResult).toBeLessThan(MAX_PHOTO_BYTES + MB);
  });

  it("cuts off an endless body once the post-rejection drain limit is reached", async () => {
    const upload = zeroFileStream(Infinity);
    const result = await parsePhotoForm(multipartRequest(upload.stream));
    expect(result).toMatchObject({ ok: false, error: "photoTooLarge" });
    await upload.cancelled;
    expect(upload.stats.cancelled).toBe(true);
    expect(upload.stats.pulled).toBeLessThan(100 * MB);
  });

  it("enforces the total request cap on streamed bodies even for parts it does not keep", async () => {
    // maxPhotos 0 → 1 MB budget; a 3 MB file under a non-photo name is not kept, but the total cap must stop it.
    const upload = zeroFileStream(3 * MB, "attachment");
    expect(maxRequestBytes(0)).toBeLessThan(3 * MB);
    const result = await parsePhotoForm(multipartRequest(upload.stream), { maxPhotos: 0 });
    expect(result).toMatchObject({ ok: false });
    expect(upload.stats.pulled).toBeLessThan(maxRequestBytes(0) + MB);
  });

  it("refuses hundreds of parts", async () => {
    const parts = Array.from({ length: 500 }, (_, i) => ({ name: `field${i}`, value: "x" }));
    const started = performance.now();
    const result = await parsePhotoForm(multipartRequest(multipartBody(parts)));
    console.info(`500-part body rejected in ${(performance.now() - started).toFixed(1)} ms`);
    expect(result).toMatchObject({ ok: false, error: "tooManyParts" });

    const justEnough = Array.from({ length: MAX_PARTS }, (_, i) => ({ name: `field${i}`, value: "x" }));
    expect(await parsePhotoForm(multipartRequest(multipartBody(justEnough)))).toMatchObject({ ok: true });
  });

  it("refuses hundreds of url-encoded fields", async () => {
    const body = Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => `f${i}=x`).join("&");
    const request = new Request("http://localhost/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    await expect(parsePhotoForm(request)).rejects.toMatchObject({ status: 413 });
  });

  it("refuses more photos than allowed", async () => {
    const photos = (n: number): Part[] => Array.from({ length: n }, (_, i) => ({ name: "photos", filename: `${i}.jpg`, data: jpegish(100, i) }));
    expect(await parsePhotoForm(multipartRequest(multipartBody(photos(5))))).toMatchObject({ ok: false, error: "tooManyPhotos" });
    expect(await parsePhotoForm(multipartRequest(multipartBody(photos(4))))).toMatchObject({ ok: true });
    expect(await parsePhotoForm(multipartRequest(multipartBody(photos(2))), { maxPhotos: 1 })).toMatchObject({ ok: false, error: "tooManyPhotos" });
  });

  it("caps the text fields", async () => {
    const long = "a".repeat(TEXT_BUDGET_BYTES + 1);
    expect(await parsePhotoForm(multipartRequest(multipartBody([{ name: "body", value: long }])))).toMatchObject({ ok: false, error: "requestTooLarge" });
    const urlEncoded = new Request("http://localhost/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: `body=${long}` });
    await expect(parsePhotoForm(urlEncoded)).rejects.toMatchObject({ status: 413 });
  });
});

describe("readPhotoForm: malformed input is a result, never a throw", () => {
  it("refuses a body that is not a form", async () => {
    expect(await parsePhotoForm(multipartRequest(encoder.encode("hello"), { "content-type": "text/plain" }))).toMatchObject({ ok: false, error: "unsupportedType" });
  });

  it.each([
    ["no boundary", { "content-type": "multipart/form-data" }, "--x\r\n\r\n"],
    ["truncated body", {}, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterminated`],
  ])("%s", async (_label, headers, body) => {
    const result = await parsePhotoForm(multipartRequest(encoder.encode(body), headers));
    expect(result).toMatchObject({ ok: false, error: "malformed" });
  });

  it.each([
    ["garbage after the boundary", `--${BOUNDARY}\r\nnot a header line\r\n\r\nbody\r\n--${BOUNDARY}--\r\n`],
    ["missing content-disposition", `--${BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nbody\r\n--${BOUNDARY}--\r\n`],
  ])("%s: the nameless part is ignored, nothing else is read", async (_label, body) => {
    const result = await parsePhotoForm(multipartRequest(encoder.encode(body)));
    expect(result).toMatchObject({ ok: true, files: [] });
    expect(result.ok && [...result.formData.keys()]).toEqual([]);
  });
});

describe("text read before a refusal", () => {
  it("comes back with the error, so the form can keep what was typed", async () => {
    const form = new FormData();
    form.append("title", "Keep me");
    form.append("body", "And me too");
    for (let i = 0; i < 6; i++) form.append("photos", new Blob([new Uint8Array([0xff, 0xd8, 0xff, i])]), `p${i}.jpg`);
    const result = await parsePhotoForm(new Request("http://localhost/", { method: "POST", body: form }), { maxPhotos: MAX_PHOTOS });
    expect(result).toMatchObject({ ok: false, error: "tooManyPhotos" });
    if (result.ok) return;
    expect(result.fields?.get("title")).toBe("Keep me");
    expect(result.fields?.get("body")).toBe("And me too");
  });
});

describe("readForm: every other form (baseline 21, issue 7 item 3)", () => {
  const form = (body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" }) =>
    new Request("http://localhost/login", { method: "POST", headers, body, duplex: "half" } as RequestInit);

  it("reads a URL-encoded or multipart form within the limits", async () => {
    expect(Object.fromEntries(await readForm(form("email=a%40b.org&password=x")))).toEqual({ email: "a@b.org", password: "x" });
    const data = new FormData();
    data.append("email", "a@b.org");
    const encoded = new Request("http://localhost/", { method: "POST", body: data });
    expect((await readForm(encoded)).get("email")).toBe("a@b.org");
  });

  it("refuses a declared 50 MB body with 413 without waiting for a byte of it", async () => {
    // A body that never sends anything: reading it would hang, so the answer must come from the header.
    const silent = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
    await expect(readForm(form(silent, { "content-type": "application/x-www-form-urlencoded", "content-length": String(50 * MB) }))).rejects.toMatchObject({ status: 413 });
  });

  it("stops reading a streamed body (no Content-Length) as soon as it passes the limit", async () => {
    const upload = zeroFileStream(50 * MB);
    const heapBefore = process.memoryUsage().arrayBuffers;
    await expect(readForm(form(upload.stream))).rejects.toMatchObject({ status: 413 });
    // Slack: the background drain that follows a refusal may already have pulled a few chunks.
    expect(upload.stats.pulled).toBeLessThan(FORM_LIMITS.maxBytes + MB);
    expect(process.memoryUsage().arrayBuffers - heapBefore).toBeLessThan(16 * MB);
  });

  it("refuses too many fields, multipart included", async () => {
    const fields = Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => `f${i}=x`).join("&");
    await expect(readForm(form(fields))).rejects.toMatchObject({ status: 413 });
    const parts = Array.from({ length: FORM_LIMITS.maxFields + 1 }, (_, i) => ({ name: `f${i}`, value: "x" }));
    await expect(readForm(multipartRequest(multipartBody(parts)))).rejects.toMatchObject({ status: 413 });
  });

  it.each([["application/json", '{"email":"x"}'], ["text/plain", "email=x"], ["", "email=x"]])("answers %j with 415, not a crash (issue 7 item 8)", async (type, body) => {
    const request = new Request("http://localhost/", { method: "POST", headers: type ? { "content-type": type } : {}, body });
    if (!type) request.headers.delete("content-type");
    const refused = await readForm(request).catch((r: Response) => r);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(415);
    expect(await (refused as Response).text()).toBe("errors.refused.body.unsupportedType");
  });

  it("answers a broken multipart body with 400", async () => {
    await expect(readForm(multipartRequest(encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nunterminated`)))).rejects.toMatchObject({ status: 400 });
  });
});
