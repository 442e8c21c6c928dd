import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { hexToBytes } from '@noble/hashes/utils.js';
import { toBase64 } from './base64.js';
import { signEnvelope, verifyEnvelope } from './envelope.js';
import { generateKeyPair, keyIdFor, publicKeyFor, publishedKeyFor } from './keys.js';

// RFC 8032 §7.1, TEST 1: the empty message.
const RFC8032_TEST_1 = {
  secretKey: hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60'),
  publicKey: hexToBytes('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
  signature: hexToBytes(
    'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  ),
};

describe('Ed25519 against RFC 8032 test 1', () => {
  it('derives the published public key from the secret key', async () => {
    expect(await publicKeyFor(RFC8032_TEST_1.secretKey)).toEqual(RFC8032_TEST_1.publicKey);
  });

  it('signs the empty message with the published signature', async () => {
    const envelope = await signEnvelope('', {
      keyId: keyIdFor(RFC8032_TEST_1.publicKey),
      privateKey: RFC8032_TEST_1.secretKey,
    });

    expect(envelope.signature).toBe(toBase64(RFC8032_TEST_1.signature));
  });

  it('accepts the published signature, then finds the empty payload is not a snapshot', async () => {
    const published = publishedKeyFor(RFC8032_TEST_1.publicKey);
    const envelope = {
      payload: '',
      keyId: published.keyId,
      alg: 'Ed25519',
      signature: toBase64(RFC8032_TEST_1.signature),
    };

    expect(await verifyEnvelope(envelope, { pinnedKeys: [published] })).toMatchObject({
      ok: false,
      reason: 'bad_payload',
    });
  });
});

describe(generateKeyPair.name, () => {
  it('makes a fresh 32-byte key pair whose public key derives from the private key', async () => {
    const first = await generateKeyPair();
    const second = await generateKeyPair();

    expect(first.privateKey).toHaveLength(32);
    expect(first.publicKey).toHaveLength(32);
    expect(await publicKeyFor(first.privateKey)).toEqual(first.publicKey);
    expect(second.privateKey).not.toEqual(first.privateKey);
  });
});

describe(keyIdFor.name, () => {
  it('is the first 16 hex digits of the SHA-256 of the raw public key', () => {
    const expected = createHash('sha256')
      .update(RFC8032_TEST_1.publicKey)
      .digest('hex')
      .slice(0, 16);

    expect(keyIdFor(RFC8032_TEST_1.publicKey)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe(publishedKeyFor.name, () => {
  it('publishes the raw key in base64 under its derived id', () => {
    expect(publishedKeyFor(RFC8032_TEST_1.publicKey)).toEqual({
      keyId: keyIdFor(RFC8032_TEST_1.publicKey),
      alg: 'Ed25519',
      publicKey: '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=',
    });
  });
});
