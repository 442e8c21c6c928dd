import * as ed25519 from '@noble/ed25519';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { toBase64 } from './base64.js';
import { SIGNATURE_ALGORITHM, type PublishedKey } from './snapshot.types.js';

export interface KeyPair {
  /** The raw 32-byte Ed25519 secret (RFC 8032 "private key"). */
  privateKey: Uint8Array;
  /** The raw 32-byte public key. */
  publicKey: Uint8Array;
}

export interface SigningKey {
  keyId: string;
  privateKey: Uint8Array;
}

export async function generateKeyPair(): Promise<KeyPair> {
  const { secretKey, publicKey } = await ed25519.keygenAsync();
  return { privateKey: secretKey, publicKey };
}

/** For a signer configured with only its private key. */
export function publicKeyFor(privateKey: Uint8Array): Promise<Uint8Array> {
  return ed25519.getPublicKeyAsync(privateKey);
}

/**
 * First 16 hex digits of the SHA-256 of the raw public key: derived, so an id can never point at
 * two different keys, and short enough to read in a log or an options page.
 */
export function keyIdFor(publicKey: Uint8Array): string {
  return bytesToHex(sha256(publicKey)).slice(0, 16);
}

export function publishedKeyFor(publicKey: Uint8Array): PublishedKey {
  return { keyId: keyIdFor(publicKey), alg: SIGNATURE_ALGORITHM, publicKey: toBase64(publicKey) };
}
