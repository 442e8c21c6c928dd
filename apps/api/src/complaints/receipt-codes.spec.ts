import {
  hashReceiptCode,
  newReceiptCode,
  newReference,
  normalizeReceiptCode,
  normalizeReference,
  REFERENCE_PATTERN,
  verifyReceiptCode,
} from './receipt-codes.js';

describe('receipt codes', () => {
  it('draws 20 Crockford symbols (100 bits), never the same twice in 10,000 draws', () => {
    const codes = new Set(Array.from({ length: 10_000 }, newReceiptCode));
    expect(codes.size).toBe(10_000);
    for (const code of [...codes].slice(0, 100)) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    }
  });

  it('uses every symbol about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      for (const ch of newReceiptCode().replace(/-/g, ''))
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(counts.size).toBe(32);
    const expected = (4000 * 20) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.1);
  });

  it('reads a code as a person types it: case, spaces, dashes, I/L for 1 and O for 0', () => {
    expect(normalizeReceiptCode('abcde fghjk-mnpqr stvwx')).toBe('ABCDEFGHJKMNPQRSTVWX');
    expect(normalizeReceiptCode('OIL00-00000-00000-00000')).toBe('01100000000000000000');
    expect(normalizeReceiptCode('ABCDE-FGHJK-MNPQR-STVW')).toBeNull();
    expect(normalizeReceiptCode('ABCDE-FGHJK-MNPQR-STVWU')).toBeNull();
  });

  it('verifies only the code it hashed, and never stores it in the clear', async () => {
    const code = normalizeReceiptCode(newReceiptCode())!;
    const hash = await hashReceiptCode(code);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(code);
    await expect(verifyReceiptCode(hash, code)).resolves.toBe(true);
    await expect(verifyReceiptCode(hash, normalizeReceiptCode(newReceiptCode())!)).resolves.toBe(
      false,
    );
    await expect(verifyReceiptCode('not a hash', code)).resolves.toBe(false);
  });
});

describe('references', () => {
  it('look like FR-XXXX-XXXX and read back however they are typed', () => {
    const reference = newReference();
    expect(reference).toMatch(REFERENCE_PATTERN);
    expect(normalizeReference(reference.toLowerCase().replace(/-/g, ' '))).toBe(reference);
    expect(normalizeReference('FR-1234')).toBeNull();
    expect(normalizeReference('../../etc')).toBeNull();
  });
});
