import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { invalidInput } from '../common/domain-error.js';

// Evidence is decoded once and never again: libvips' operation cache would only keep decoded
// images (up to 50 MB) in memory after the request that sent them.
sharp.cache(false);

export const EVIDENCE_MAX_FILES = 10;
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'text/plain',
] as const;
export type EvidenceContentType = (typeof EVIDENCE_TYPES)[number];

/**
 * Larger than any phone camera's photo (108 MP sensors included), far below sharp's default
 * of 268 MP: a few kilobytes of PNG can claim billions of pixels, and decoding is what costs memory.
 */
export const EVIDENCE_MAX_IMAGE_PIXELS = 120_000_000;

export interface InspectedEvidence {
  /** Decided by content (magic bytes / decoding), never by name or declared type. */
  contentType: EvidenceContentType;
  /** What will be stored: images re-encoded without EXIF/XMP/GPS/ICC/comments. */
  bytes: Buffer;
  size: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
  /** Hex SHA-256 of the bytes as uploaded. */
  receivedSha256: string;
}

type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

const UNSUPPORTED =
  'is not a supported type: send a PDF, a JPEG, PNG or WebP image, or plain UTF-8 text';

/**
 * Checks one uploaded evidence file by its content and returns what to store. Throws
 * invalidInput naming `field` (e.g. "evidence[2]") for anything that is not one of EVIDENCE_TYPES.
 */
export async function inspectEvidence(input: Buffer, field: string): Promise<InspectedEvidence> {
  const reject = (message: string) => invalidInput([{ field, message }]);
  if (input.length === 0) throw reject('is empty');
  if (input.length > EVIDENCE_MAX_BYTES) {
    throw reject(`is larger than ${EVIDENCE_MAX_BYTES / (1024 * 1024)} MB`);
  }

  const sniffed = sniffBinaryType(input);
  let contentType: EvidenceContentType;
  let bytes: Buffer;
  switch (sniffed) {
    case 'image/jpeg':
    case 'image/png':
    case 'image/webp':
      contentType = sniffed;
      bytes = await reencodeImage(input, sniffed, reject);
      break;
    case 'application/pdf':
      if (!hasPdfTrailer(input)) throw reject('is not a complete PDF (no %%EOF at the end)');
      contentType = sniffed;
      // Stored as uploaded: PDF metadata (author, producer, XMP) is NOT stripped. Rewriting a
      // PDF safely needs a full PDF library, and the regulator may need the document unaltered.
      bytes = input;
      break;
    case null:
      checkPlainText(input, reject);
      contentType = 'text/plain';
      bytes = input;
      break;
  }
  const receivedSha256 = sha256Hex(input);
  return {
    contentType,
    bytes,
    size: bytes.length,
    sha256: bytes === input ? receivedSha256 : sha256Hex(bytes),
    receivedSha256,
  };
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const startsWith = (input: Buffer, signature: number[], offset = 0) =>
  input.length >= offset + signature.length &&
  signature.every((byte, i) => input[offset + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The binary type announced by the file's first bytes, or null for anything else (maybe text). */
function sniffBinaryType(input: Buffer): Exclude<EvidenceContentType, 'text/plain'> | null {
  if (startsWith(input, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(input, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(input, ascii('RIFF')) && startsWith(input, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(input, ascii('%PDF-'))) return 'application/pdf';
  return null;
}

function hasPdfTrailer(input: Buffer): boolean {
  // Readers look for %%EOF in the last kilobyte; some writers append whitespace or junk after it.
  return input.subarray(Math.max(0, input.length - 1024)).includes('%%EOF');
}

/**
 * Decoding and re-encoding is what strips metadata (EXIF, GPS, XMP, IPTC, ICC, PNG text chunks):
 * sharp keeps none unless asked. It also proves the file is an image, not a header on garbage.
 */
async function reencodeImage(
  input: Buffer,
  type: ImageType,
  reject: (message: string) => Error,
): Promise<Buffer> {
  try {
    // failOn 'error' (not the default 'warning'): phones write JPEGs with harmless warnings
    // (extraneous bytes, odd markers); truncated or corrupt pixel data still fails.
    const image = sharp(input, { failOn: 'error', limitInputPixels: EVIDENCE_MAX_IMAGE_PIXELS });
    const metadata = await image.metadata();
    const expectedFormat = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' }[type];
    if (metadata.format !== expectedFormat) throw new Error('format differs from signature');
    // rotate() applies the EXIF orientation to the pixels, since the tag itself is dropped.
    const upright = image.rotate();
    switch (type) {
      case 'image/jpeg':
        return await upright.jpeg({ quality: 90 }).toBuffer();
      case 'image/png':
        return await upright.png({ palette: metadata.isPalette }).toBuffer();
      case 'image/webp':
        return await upright
          .webp(isLosslessWebp(input) ? { lossless: true } : { quality: 90 })
          .toBuffer();
    }
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) {
      throw reject(`is an image larger than ${EVIDENCE_MAX_IMAGE_PIXELS / 1_000_000} megapixels`);
    }
    throw reject('is not a valid image: it does not decode');
  }
}

/** Whether the WebP's image data is the lossless codec (VP8L), so screenshots stay sharp. */
function isLosslessWebp(input: Buffer): boolean {
  let offset = 12;
  while (offset + 8 <= input.length) {
    const fourcc = input.toString('latin1', offset, offset + 4);
    if (fourcc === 'VP8L') return true;
    if (fourcc === 'VP8 ') return false;
    const size = input.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return false;
}

// C0 controls other than tab, LF, FF and CR, and DEL: a text file carries none of them; binary
// formats (executables, archives, documents) almost always do.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

// Markup that a browser would render or run if it ever sniffed the file as HTML, SVG or XML.
const MARKUP_START = /^<[a-z!?/]/i;
const MARKUP_TAG = /<(?:!doctype|html|head|body|script|iframe|svg|object|embed|\?xml)[\s/>]/i;

function checkPlainText(input: Buffer, reject: (message: string) => Error): void {
  let text: string;
  try {
    // The decoder drops a leading UTF-8 BOM, which is fine in plain text.
    text = new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw reject(UNSUPPORTED);
  }
  if (CONTROL_CHARACTERS.test(text)) {
    throw reject('is not plain text: it contains NUL or other control characters');
  }
  if (MARKUP_START.test(text.trimStart()) || MARKUP_TAG.test(text.slice(0, 1024))) {
    throw reject('is HTML, SVG or XML markup, which is not accepted as plain text');
  }
}
