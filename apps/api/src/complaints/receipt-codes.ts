import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O, U, so a code read aloud or copied by hand survives. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  return Array.from(bytes, (byte) => ALPHABET[byte % 32]).join('');
}

/** `FR-7K3M-9QX2`: 40 random bits; public, quoted by the worker; worthless without the receipt. */
export function newReference(): string {
  const body = randomBase32(8);
  return `FR-${body.slice(0, 4)}-${body.slice(4)}`;
}

export const REFERENCE_PATTERN = /^FR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Reads a reference as a person may type it: any case, spaces or dashes anywhere. */
export function normalizeReference(input: string): string | null {
  const compact = toCrockford(input.replace(/^\s*FR/i, ''));
  if (compact === null || compact.length !== 8) return null;
  return `FR-${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** 20 symbols × 5 bits = 100 bits of entropy, grouped for reading: `XXXXX-XXXXX-XXXXX-XXXXX`. */
export function newReceiptCode(): string {
  return randomBase32(20).match(/.{5}/g)!.join('-');
}

/** The canonical form hashed and verified: upper case, no separators, I/L→1, O→0. */
export function normalizeReceiptCode(input: string): string | null {
  const compact = toCrockford(input);
  return compact !== null && compact.length === 20 ? compact : null;
}

function toCrockford(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  return /^[0-9A-HJKMNP-TV-Z]*$/.test(compact) ? compact : null;
}

/**
 * argon2id, deliberately light: a receipt code is 100 random bits, so guessing it offline is out
 * of reach whatever the hash; the slow hash is depth, not the defence. Stronger settings
 * (OWASP's 19 MiB × 2) cost ~30 ms of a core per submission and would cap intake at ~30/s on a
 * two-core server; these cost ~1.5 ms. Online guessing is held back by rate limits and delays.
 */
const HASH_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 2048,
  timeCost: 1,
  parallelism: 1,
} as const;

export function hashReceiptCode(canonical: string): Promise<string> {
  return argon2.hash(canonical, HASH_OPTIONS);
}

export async function verifyReceiptCode(hash: string, canonical: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, canonical);
  } catch {
    return false;
  }
}

/** Verified against when the reference does not exist, so both failures cost the same. */
export const DECOY_RECEIPT_HASH = await hashReceiptCode(randomBase32(20));
