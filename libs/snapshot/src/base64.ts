// Standard base64 (RFC 4648 §4, with padding), written out because the code runs both in Node and
// in an extension service worker: no Buffer there, and atob/btoa work on "binary strings" and
// accept non-canonical input.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const SEXTET_BY_CHAR_CODE: ReadonlyMap<number, number> = new Map(
  [...ALPHABET].map((char, sextet) => [char.charCodeAt(0), sextet]),
);

export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const remaining = bytes.length - i;
    const group = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    text += ALPHABET[(group >> 18) & 63] + ALPHABET[(group >> 12) & 63];
    text += remaining > 1 ? ALPHABET[(group >> 6) & 63] : '=';
    text += remaining > 2 ? ALPHABET[group & 63] : '=';
  }
  return text;
}

/**
 * Decodes canonical base64 only: padding required, no whitespace, no URL-safe alphabet, unused
 * bits zero. Then every byte string has exactly one accepted spelling.
 * @throws TypeError on anything else.
 */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw new TypeError('base64: length is not a multiple of 4');
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let written = 0;
  for (let i = 0; i < text.length; i += 4) {
    let group = 0;
    for (let j = 0; j < 4; j++) {
      const isPadding = i + j >= text.length - padding;
      const sextet = isPadding ? 0 : SEXTET_BY_CHAR_CODE.get(text.charCodeAt(i + j));
      if (sextet === undefined) throw new TypeError(`base64: invalid character at ${i + j}`);
      group = (group << 6) | sextet;
    }
    for (const shift of [16, 8, 0]) {
      if (written < bytes.length) bytes[written++] = (group >> shift) & 255;
      else if (((group >> shift) & 255) !== 0) throw new TypeError('base64: non-canonical ending');
    }
  }
  return bytes;
}
