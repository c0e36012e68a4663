import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import {
  MAX_PHOTO_BYTES,
  MAX_PIXELS,
  OUTPUT_MAX_EDGE,
  processPhoto,
  resolveUploadPath,
  savePhoto,
  uploadsDir,
} from "./images.server";

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "civic-uploads-"));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

const SERIAL = "SN-0042-CAMERA-SERIAL";

/** 40 × 20 px, left half red, right half blue, tagged "rotate 90° clockwise to display" (orientation 6). */
async function phoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 20, channels: 3, background: "#ff0000" } })
    .composite([{ input: { create: { width: 20, height: 20, channels: 3, background: "#0000ff" } }, left: 20, top: 0 }])
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "Cam", Model: "X", Artist: "Jane Citizen" },
      IFD2: { BodySerialNumber: SERIAL, LensSerialNumber: "LENS-777" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 3/1" },
    })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A ~150-byte PNG whose header declares 30 000 × 30 000 grey pixels (900 MP, ~900 MB decoded). */
function craftedBombPng(size = 30_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc(2 * (size + 1)); // two rows of filter byte + zeros; the rest is "missing"
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", zlib.deflateSync(rows)),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

async function pixel(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return Array.from(data.subarray(offset, offset + 3));
}

describe("processPhoto (baseline 23: metadata stripped, upright)", () => {
  it("strips EXIF, GPS and the camera serial and applies the EXIF orientation", async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    expect(before).toMatchObject({ format: "jpeg", width: 40, height: 20, orientation: 6 });
    expect(before.exif?.toString("latin1")).toContain(SERIAL);
    expect(before.exif?.includes(Buffer.from([0x88, 0x25])) || before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer

    const result = await processPhoto(input);
    if (!result.ok) throw new Error(`expected success, got ${result.error}`);
    expect(result).toMatchObject({ format: "webp", width: 20, height: 40 });

    const after = await sharp(result.data).metadata();
    expect(after).toMatchObject({ format: "webp", width: 20, height: 40 });
    expect(after.exif).toBeUndefined();
    expect(after.icc).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    const raw = result.data.toString("latin1");
    for (const secret of [SERIAL, "LENS-777", "Jane Citizen", "Cam", "EXIF", "Exif"]) expect(raw).not.toContain(secret);

    // Rotated 90° clockwise: the red left half is now on top, the blue right half at the bottom.
    const [r1, , b1] = await pixel(result.data, 10, 5);
    const [r2, , b2] = await pixel(result.data, 10, 35);
    expect(r1).toBeGreaterThan(200);
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200);
    expect(r2).toBeLessThan(60);
  });

  it("accepts PNG (with alpha) and WebP and re-encodes them as WebP", async () => {
    const png = await sharp({ create: { width: 30, height: 10, channels: 4, background: { r: 0, g: 128, b: 0, alpha: 0.5 } } })
      .png()
      .toBuffer();
    const webp = await sharp({ create: { width: 12, height: 34, channels: 3, background: "#123456" } }).webp().toBuffer();
    expect(await processPhoto(png)).toMatchObject({ ok: true, format: "webp", width: 30, height: 10 });
    expect(await processPhoto(webp)).toMatchObject({ ok: true, format: "webp", width: 12, height: 34 });
  });

  it("shrinks the long edge to OUTPUT_MAX_EDGE and never enlarges", async () => {
    const big = await sharp({ create: { width: 3200, height: 2000, channels: 3, background: "#abcdef" } }).jpeg().toBuffer();
    expect(await processPhoto(big)).toMatchObject({ ok: true, width: OUTPUT_MAX_EDGE, height: 1000 });
    const tall = await sharp({ create: { width: 900, height: 4000, channels: 3, background: "#abcdef" } }).png().toBuffer();
    expect(await processPhoto(tall)).toMatchObject({ ok: true, width: 360, height: OUTPUT_MAX_EDGE });
    const small = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#abcdef" } }).jpeg().toBuffer();
    expect(await processPhoto(small)).toMatchObject({ ok: true, width: 64, height: 48 });
  });
});

describe("processPhoto (baseline 21: size and decompression bombs)", () => {
  it("rejects a tiny PNG that declares 30 000 × 30 000 pixels without decoding it", async () => {
    const bomb = craftedBombPng();
    expect(bomb.length).toBeLessThan(1024);
    const started = performance.now();
    const result = await processPhoto(bomb);
    console.info(`decompression bomb (${bomb.length} B declaring 30000×30000) rejected in ${(performance.now() - started).toFixed(1)} ms`);
    expect(result).toEqual({ ok: false, error: "tooManyPixels" });
  });

  it("rejects a genuine, fully encoded image just over MAX_PIXELS", async () => {
    const side = Math.ceil(Math.sqrt(MAX_PIXELS)) + 1;
    const flat = await sharp({ create: { width: side, height: side, channels: 3, background: "#808080" } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(flat.length).toBeLessThan(MAX_PHOTO_BYTES); // small file, huge canvas
    const started = performance.now();
    const result = await processPhoto(flat);
    console.info(`${side}×${side} PNG (${flat.length} B) rejected in ${(performance.now() - started).toFixed(1)} ms`);
    expect(result).toEqual({ ok: false, error: "tooManyPixels" });
  });

  it("rejects inputs above MAX_PHOTO_BYTES before decoding", async () => {
    const oversized = Buffer.alloc(MAX_PHOTO_BYTES + 1);
    oversized.set([0xff, 0xd8, 0xff]);
    expect(await processPhoto(oversized)).toEqual({ ok: false, error: "tooLarge" });
  });
});

describe("processPhoto (baseline 22: content sniffing, never the name)", () => {
  it("rejects SVG saved as .jpg", async () => {
    const svg = Buffer.from(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>`);
    expect(await processPhoto(svg)).toEqual({ ok: false, error: "unsupportedFormat" });
    expect(await processPhoto(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`))).toEqual({
      ok: false,
      error: "unsupportedFormat",
    });
  });

  it("rejects HTML saved as .jpg", async () => {
    const html = Buffer.from(`<!doctype html><html><body><script>alert(document.cookie)</script></body></html>`);
    expect(await processPhoto(html)).toEqual({ ok: false, error: "notAnImage" });
  });

  it("rejects a JPEG signature followed by HTML (polyglot), and empty or random bytes", async () => {
    const polyglot = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("<html><script>alert(1)</script></html>")]);
    expect(await processPhoto(polyglot)).toEqual({ ok: false, error: "notAnImage" });
    expect(await processPhoto(Buffer.alloc(0))).toEqual({ ok: false, error: "notAnImage" });
    expect(await processPhoto(Buffer.from("just some text"))).toEqual({ ok: false, error: "notAnImage" });
  });

  it("refuses real images in formats outside JPEG/PNG/WebP", async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ff00ff" } }).gif().toBuffer();
    const tiff = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#ff00ff" } }).tiff().toBuffer();
    expect(await processPhoto(gif)).toEqual({ ok: false, error: "unsupportedFormat" });
    expect(await processPhoto(tiff)).toEqual({ ok: false, error: "unsupportedFormat" });
  });
});

describe("savePhoto / resolveUploadPath", () => {
  it("stores under a server-generated name in a directory it creates", async () => {
    const dir = path.join(tmpRoot, "nested", "uploads");
    const data = Buffer.from("processed-webp-bytes");
    const first = await savePhoto(data, dir);
    const second = await savePhoto(data, dir);
    expect(first).toMatch(/^[0-9a-f-]{36}\.webp$/);
    expect(second).not.toBe(first);
    expect(fs.readFileSync(path.join(dir, first))).toEqual(data);
    expect(resolveUploadPath(first, dir)).toBe(path.join(dir, first));
  });

  it("uses UPLOADS_DIR, defaulting to data/uploads", async () => {
    const previous = process.env.UPLOADS_DIR;
    try {
      delete process.env.UPLOADS_DIR;
      expect(uploadsDir()).toBe(path.resolve("data/uploads"));
      process.env.UPLOADS_DIR = path.join(tmpRoot, "from-env");
      expect(uploadsDir()).toBe(path.join(tmpRoot, "from-env"));
      const name = await savePhoto(Buffer.from("x"));
      expect(fs.existsSync(path.join(tmpRoot, "from-env", name))).toBe(true);
      expect(resolveUploadPath(name)).toBe(path.join(tmpRoot, "from-env", name));
    } finally {
      if (previous === undefined) delete process.env.UPLOADS_DIR;
      else process.env.UPLOADS_DIR = previous;
    }
  });

  it("refuses anything that is not a generated name (path traversal)", () => {
    const valid = "0f8fad5b-d9cb-469f-a165-70867728950e.webp";
    expect(resolveUploadPath(valid, tmpRoot)).toBe(path.join(tmpRoot, valid));
    for (const name of [
      "",
      "../etc/passwd",
      "..",
      "/etc/passwd",
      `x.webp/..`,
      `../${valid}`,
      `${valid}/..`,
      `${valid}/../../etc/passwd`,
      `..\\${valid}`,
      `/tmp/${valid}`,
      `${valid}\0.png`,
      `${valid}.html`,
      "0f8fad5b-d9cb-469f-a165-70867728950e.svg",
      "0F8FAD5B-D9CB-469F-A165-70867728950E.webp",
      "%2e%2e%2fetc%2fpasswd",
      "photo.webp",
    ]) {
      expect(resolveUploadPath(name, tmpRoot), name).toBeNull();
    }
  });
});
