import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { EVIDENCE_MAX_BYTES, inspectEvidence } from './evidence-inspector.js';

const SECRET_PLACE = 'GPS-SECRET-PLACE-51.5007N';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const redImage = (width = 40, height = 20) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } });

/** Deterministic noise, so a failing case can be reproduced. */
function noise(length: number, seed = 42): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Inserts a tEXt chunk before IEND, as cameras and editors do. */
function withPngText(png: Buffer, keyword: string, text: string): Buffer {
  const iend = png.length - 12;
  const chunk = pngChunk('tEXt', Buffer.from(`${keyword}\0${text}`, 'latin1'));
  return Buffer.concat([png.subarray(0, iend), chunk, png.subarray(iend)]);
}

/** A one-file ZIP archive (stored, no compression). */
function zipOf(name: string, content: string): Buffer {
  const data = Buffer.from(content);
  const fileName = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc32(data), 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc32(data), 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}

/** The start of a Windows executable: DOS header, stub and PE signature. */
function windowsExe(): Buffer {
  const exe = Buffer.alloc(512);
  exe.write('MZ', 0, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('This program cannot be run in DOS mode.\r\r\n$', 0x4e, 'latin1');
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

async function expectRejected(input: Buffer, message?: RegExp) {
  const rejection = inspectEvidence(input, 'evidence[2]');
  await expect(rejection).rejects.toMatchObject({
    code: 'validation_failed',
    errors: [{ field: 'evidence[2]', message: expect.stringMatching(message ?? /./) }],
  });
}

describe('inspectEvidence', () => {
  describe('images', () => {
    it('re-encodes a JPEG without its EXIF and GPS tags, upright, with hashes of both versions', async () => {
      const upload = await redImage(40, 20)
        .jpeg()
        .withExif({
          IFD0: { Make: 'PhoneCo', Model: 'Pocket 9' },
          IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2/1', GPSMapDatum: SECRET_PLACE },
        })
        .withMetadata({ orientation: 6 })
        .toBuffer();
      expect(upload.includes(SECRET_PLACE)).toBe(true);
      expect((await sharp(upload).metadata()).exif).toBeDefined();

      const inspected = await inspectEvidence(upload, 'evidence[0]');

      expect(inspected.contentType).toBe('image/jpeg');
      const stored = await sharp(inspected.bytes).metadata();
      expect(stored).toMatchObject({ format: 'jpeg', width: 20, height: 40 });
      expect(stored.exif).toBeUndefined();
      expect(stored.xmp).toBeUndefined();
      expect(stored.orientation).toBeUndefined();
      expect(inspected.bytes.includes(SECRET_PLACE)).toBe(false);
      expect(inspected.bytes.includes('PhoneCo')).toBe(false);
      expect(inspected.size).toBe(inspected.bytes.length);
      expect(inspected.sha256).toBe(sha256(inspected.bytes));
      expect(inspected.receivedSha256).toBe(sha256(upload));
      expect(inspected.sha256).not.toBe(inspected.receivedSha256);
    });

    it('re-encodes a PNG without its text chunks', async () => {
      const upload = withPngText(await redImage().png().toBuffer(), 'Location', SECRET_PLACE);
      expect(upload.includes(SECRET_PLACE)).toBe(true);
      expect(await sharp(upload).stats()).toBeDefined();

      const inspected = await inspectEvidence(upload, 'evidence[0]');

      expect(inspected.contentType).toBe('image/png');
      const stored = await sharp(inspected.bytes).metadata();
      expect(stored).toMatchObject({ format: 'png', width: 40, height: 20 });
      expect(stored.comments).toBeUndefined();
      expect(inspected.bytes.includes(SECRET_PLACE)).toBe(false);
      expect(inspected.sha256).toBe(sha256(inspected.bytes));
      expect(inspected.receivedSha256).toBe(sha256(upload));
    });

    it('re-encodes a WebP without its EXIF', async () => {
      const upload = await redImage()
        .webp()
        .withExif({ IFD3: { GPSMapDatum: SECRET_PLACE } })
        .toBuffer();
      expect(upload.includes(SECRET_PLACE)).toBe(true);

      const inspected = await inspectEvidence(upload, 'evidence[0]');

      expect(inspected.contentType).toBe('image/webp');
      const stored = await sharp(inspected.bytes).metadata();
      expect(stored).toMatchObject({ format: 'webp', width: 40, height: 20 });
      expect(stored.exif).toBeUndefined();
      expect(stored.xmp).toBeUndefined();
      expect(inspected.bytes.includes(SECRET_PLACE)).toBe(false);
      expect(inspected.sha256).toBe(sha256(inspected.bytes));
    });

    it('keeps a lossless WebP lossless, so a screenshot keeps every pixel', async () => {
      const pixels = noise(32 * 32 * 3);
      const raw = { raw: { width: 32, height: 32, channels: 3 as const } };
      const upload = await sharp(pixels, raw).webp({ lossless: true }).toBuffer();

      const inspected = await inspectEvidence(upload, 'evidence[0]');

      expect(await sharp(inspected.bytes).raw().toBuffer()).toEqual(pixels);
    });

    it('refuses an image that claims more pixels than the limit, before decoding it', async () => {
      const header = Buffer.alloc(13);
      header.writeUInt32BE(20_000, 0);
      header.writeUInt32BE(20_000, 4);
      header.writeUInt8(8, 8);
      const png = Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        pngChunk('IHDR', header),
        pngChunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
        pngChunk('IEND', Buffer.alloc(0)),
      ]);

      await expectRejected(png, /megapixels/);
    });
  });

  describe('documents', () => {
    it('stores a PDF exactly as uploaded', async () => {
      const inspected = await inspectEvidence(PDF, 'evidence[0]');

      expect(inspected.contentType).toBe('application/pdf');
      expect(inspected.bytes.equals(PDF)).toBe(true);
      expect(inspected.sha256).toBe(sha256(PDF));
      expect(inspected.receivedSha256).toBe(sha256(PDF));
    });

    it('refuses a PDF cut short before its %%EOF', async () => {
      await expectRejected(PDF.subarray(0, PDF.length - 10), /PDF/);
    });

    it('stores UTF-8 text with a BOM, accents, tabs, CRLF and form feeds as uploaded', async () => {
      const text = Buffer.from(
        '\uFEFFRecruiter asked me for 2 500 €\tin cash.\r\nAgência: São Paulo\f\nЗарплата: 0',
      );

      const inspected = await inspectEvidence(text, 'evidence[0]');

      expect(inspected.contentType).toBe('text/plain');
      expect(inspected.bytes.equals(text)).toBe(true);
      expect(inspected.sha256).toBe(sha256(text));
    });

    it('accepts a file of exactly the size limit', async () => {
      const inspected = await inspectEvidence(Buffer.alloc(EVIDENCE_MAX_BYTES, 'a'), 'evidence[0]');

      expect(inspected.size).toBe(EVIDENCE_MAX_BYTES);
    });
  });

  describe('rejections, naming the field', () => {
    it('refuses an empty file', async () => {
      await expectRejected(Buffer.alloc(0), /empty/);
    });

    it('refuses a file one byte over 10 MB', async () => {
      await expectRejected(Buffer.alloc(EVIDENCE_MAX_BYTES + 1, 'a'), /larger than 10 MB/);
    });

    it('refuses an HTML page whatever its name (it was called photo.jpg)', async () => {
      await expectRejected(
        Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>'),
        /HTML/,
      );
    });

    it('refuses HTML that hides behind a line of plain text', async () => {
      await expectRejected(Buffer.from('Payslip\n<html><script>fetch("/")</script></html>'));
    });

    it('refuses SVG, with or without an XML declaration', async () => {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
      await expectRejected(Buffer.from(svg), /SVG/);
      await expectRejected(Buffer.from(`<?xml version="1.0"?>\n${svg}`), /SVG/);
      await expectRejected(Buffer.from(`\uFEFF  \n${svg}`), /SVG/);
    });

    it('refuses a Windows executable', async () => {
      await expectRejected(windowsExe());
    });

    it('refuses a ZIP archive, even of a text file', async () => {
      await expectRejected(zipOf('contract.txt', 'plain words'));
    });

    it('refuses a PNG signature followed by garbage', async () => {
      const png = await redImage().png().toBuffer();
      await expectRejected(Buffer.concat([png.subarray(0, 33), noise(500)]), /not a valid image/);
    });

    it('refuses a PNG cut in half', async () => {
      const png = await sharp(noise(64 * 64 * 3), { raw: { width: 64, height: 64, channels: 3 } })
        .png()
        .toBuffer();
      await expectRejected(png.subarray(0, png.length >> 1), /not a valid image/);
    });

    it('refuses a JPEG header followed by random bytes', async () => {
      await expectRejected(
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), noise(4096)]),
        /not a valid image/,
      );
    });

    it('refuses a WebP header on garbage', async () => {
      const riff = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8 '), noise(300)]);
      await expectRejected(riff, /not a valid image/);
    });

    it('refuses text that contains NUL bytes', async () => {
      await expectRejected(Buffer.from('I paid\0 the fee'), /control characters/);
    });

    it('refuses text with terminal escape sequences', async () => {
      await expectRejected(Buffer.from('fee \u001b[31mpaid\u001b[0m'), /control characters/);
    });

    it('refuses bytes that are not valid UTF-8', async () => {
      await expectRejected(
        Buffer.from([0x66, 0x65, 0x65, 0xc3, 0x28, 0x0a]),
        /not a supported type/,
      );
    });
  });
});
