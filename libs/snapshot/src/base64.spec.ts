import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fromBase64, toBase64 } from './base64.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

// RFC 4648 §10, plus bytes that use the two non-alphanumeric characters.
const VECTORS: [Uint8Array, string][] = [
  [utf8(''), ''],
  [utf8('f'), 'Zg=='],
  [utf8('fo'), 'Zm8='],
  [utf8('foo'), 'Zm9v'],
  [utf8('foob'), 'Zm9vYg=='],
  [utf8('fooba'), 'Zm9vYmE='],
  [utf8('foobar'), 'Zm9vYmFy'],
  [Uint8Array.of(0xfb, 0xff), '+/8='],
  [Uint8Array.of(0x00, 0x00, 0x00), 'AAAA'],
];

describe(toBase64.name, () => {
  it.each(VECTORS)('encodes %j as %j', (bytes, encoded) => {
    expect(toBase64(bytes)).toBe(encoded);
  });

  it('agrees with Node Buffer on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });
});

describe(fromBase64.name, () => {
  it.each(VECTORS)('decodes %j from %j', (bytes, encoded) => {
    expect(fromBase64(encoded)).toEqual(bytes);
  });

  it('inverts toBase64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
      }),
    );
  });

  it.each([
    ['missing padding', 'Zg'],
    ['short padding', 'Zg='],
    ['too much padding', 'Z==='],
    ['only padding', '===='],
    ['padding inside', 'Zg==Zg=='],
    ['non-zero unused bits', 'Zh=='],
    ['a newline', 'Zm9v\nZm9v'],
    ['a space', 'Zm 9'],
    ['the URL-safe alphabet', '-_8='],
    ['a non-ASCII character', 'Zm9é'],
  ])('rejects %s', (_case, encoded) => {
    expect(() => fromBase64(encoded)).toThrow(TypeError);
  });
});
