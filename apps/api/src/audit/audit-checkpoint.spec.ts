import { generateKeyPair, keyIdFor, publishedKeyFor, toBase64 } from '@fair-recruit/snapshot';
import * as ed25519 from '@noble/ed25519';
import {
  checkpointMessage,
  parseCheckpoint,
  verifyCheckpointSignature,
  type AuditCheckpoint,
} from './audit-checkpoint.js';

async function signed(overrides: Partial<AuditCheckpoint> = {}) {
  const { privateKey, publicKey } = await generateKeyPair();
  const statement = {
    chain: 'GB',
    size: 17,
    headHash: 'ab'.repeat(32),
    issuedAt: '2026-03-01T12:00:00.000Z',
  };
  const signature = toBase64(await ed25519.signAsync(checkpointMessage(statement), privateKey));
  const checkpoint: AuditCheckpoint = {
    ...statement,
    keyId: keyIdFor(publicKey),
    alg: 'Ed25519',
    signature,
    ...overrides,
  };
  return { checkpoint, keys: [publishedKeyFor(publicKey)] };
}

describe('checkpointMessage', () => {
  it('is the documented five lines, without a trailing newline', () => {
    const text = new TextDecoder().decode(
      checkpointMessage({ chain: 'GB', size: 0, headHash: '0'.repeat(64), issuedAt: 'T' }),
    );
    expect(text).toBe(`fair-recruit-audit-checkpoint/v1\nGB\n0\n${'0'.repeat(64)}\nT`);
  });
});

describe('verifyCheckpointSignature', () => {
  it('accepts a checkpoint signed by a published key', async () => {
    const { checkpoint, keys } = await signed();
    await expect(verifyCheckpointSignature(checkpoint, keys)).resolves.toBe(true);
  });

  it.each([
    ['size', { size: 18 }],
    ['head', { headHash: 'cd'.repeat(32) }],
    ['chain', { chain: 'PH' }],
    ['time', { issuedAt: '2026-03-02T12:00:00.000Z' }],
  ])('refuses a checkpoint whose %s was changed after signing', async (_, change) => {
    const { checkpoint, keys } = await signed();
    await expect(verifyCheckpointSignature({ ...checkpoint, ...change }, keys)).resolves.toBe(
      false,
    );
  });

  it('refuses a key id that is not published, and a malformed signature', async () => {
    const { checkpoint, keys } = await signed();
    await expect(
      verifyCheckpointSignature({ ...checkpoint, keyId: '0000000000000000' }, keys),
    ).resolves.toBe(false);
    await expect(
      verifyCheckpointSignature({ ...checkpoint, signature: 'not base64!' }, keys),
    ).resolves.toBe(false);
  });
});

describe('parseCheckpoint', () => {
  it('reads back a saved checkpoint', async () => {
    const { checkpoint } = await signed();
    expect(parseCheckpoint(JSON.parse(JSON.stringify(checkpoint)))).toEqual(checkpoint);
  });

  it('names the field that is wrong', async () => {
    const { checkpoint } = await signed();
    expect(() => parseCheckpoint({ ...checkpoint, headHash: 'XYZ' })).toThrow(/^headHash /);
    expect(() => parseCheckpoint({ ...checkpoint, size: -1 })).toThrow(/^size /);
    expect(() => parseCheckpoint([])).toThrow(/^chain /);
  });
});
