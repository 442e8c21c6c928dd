import { beforeAll, describe, expect, it } from '@jest/globals';
import * as ed25519 from '@noble/ed25519';
import fc from 'fast-check';
import { verifyEd25519 } from './ed25519-verify.js';

const L = ed25519.Point.CURVE().n;
const P = 2n ** 255n - 19n;

function bytesLE(value: bigint, length = 32): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return bytes;
}

function numberLE(bytes: Uint8Array): bigint {
  return bytes.reduceRight((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/** What `verifyEd25519` must answer: noble's own strict verification of the UTF-8 bytes. */
async function noble(signature: Uint8Array, text: string, publicKey: Uint8Array) {
  try {
    return await ed25519.verifyAsync(signature, new TextEncoder().encode(text), publicKey, {
      zip215: false,
    });
  } catch {
    return false;
  }
}

let secretKey: Uint8Array;
let publicKey: Uint8Array;

beforeAll(async () => {
  ({ secretKey, publicKey } = await ed25519.keygenAsync());
});

describe(verifyEd25519.name, () => {
  it('accepts a signature over the text, in any script, and refuses it for any other text', async () => {
    for (const text of ['', '{"a":1}', 'Société Générale — 日本語 — 🩺', 'x'.repeat(70_000)]) {
      const signature = await ed25519.signAsync(new TextEncoder().encode(text), secretKey);
      expect(await verifyEd25519(signature, text, publicKey)).toBe(true);
      expect(await verifyEd25519(signature, `${text} `, publicKey)).toBe(false);
    }
  });

  it('answers what noble answers for tampered signatures, texts and keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40, unit: 'grapheme' }),
        fc.nat(63),
        fc.nat(7),
        fc.constantFrom('signature', 'key', 'none'),
        async (text, byte, bit, tamper) => {
          const signature = await ed25519.signAsync(new TextEncoder().encode(text), secretKey);
          const key = publicKey.slice();
          if (tamper === 'signature') signature[byte] ^= 1 << bit;
          if (tamper === 'key') key[byte % 32] ^= 1 << bit;
          expect(await verifyEd25519(signature, text, key)).toBe(await noble(signature, text, key));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses what strict RFC 8032 refuses, as noble does', async () => {
    const text = 'payload';
    const signature = await ed25519.signAsync(new TextEncoder().encode(text), secretKey);
    const s = numberLE(signature.subarray(32));
    const cases: [string, Uint8Array, Uint8Array][] = [];
    // S + L verifies under the group law but is not the canonical encoding.
    const unreducedS = signature.slice();
    unreducedS.set(bytesLE(s + L), 32);
    cases.push(['S ≥ L', unreducedS, publicKey]);
    // A key whose y is not below p, and the small-order identity point as a key.
    cases.push(['non-canonical key', signature, bytesLE(P + 1n)]);
    cases.push(['small-order key', signature, bytesLE(1n)]);
    // R with y not below p.
    const badR = signature.slice();
    badR.set(bytesLE(P + 3n), 0);
    cases.push(['non-canonical R', badR, publicKey]);
    cases.push(['short signature', signature.subarray(0, 63), publicKey]);
    cases.push(['short key', signature, publicKey.subarray(0, 31)]);
    for (const [, candidate, key] of cases) {
      expect(await verifyEd25519(candidate, text, key)).toBe(false);
      expect(await noble(candidate, text, key)).toBe(false);
    }
  });
});
