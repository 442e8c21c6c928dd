import { fromBase64, SIGNATURE_ALGORITHM, type PublishedKey } from '@fair-recruit/snapshot';
import * as ed25519 from '@noble/ed25519';

/** The first line of every signed checkpoint message; a new layout gets a new version. */
export const CHECKPOINT_FORMAT = 'fair-recruit-audit-checkpoint/v1';

/** A signed statement "chain C had N entries and its last hash was H at time T". */
export interface AuditCheckpoint {
  chain: string;
  size: number;
  headHash: string;
  issuedAt: string;
  keyId: string;
  alg: typeof SIGNATURE_ALGORITHM;
  /** Base64 of the Ed25519 signature over the UTF-8 bytes of `checkpointMessage(...)`. */
  signature: string;
}

/**
 * The exact text that is signed, one field per line, no trailing newline:
 * `fair-recruit-audit-checkpoint/v1\n<chain>\n<size>\n<headHash>\n<issuedAt>`
 * (size in decimal, headHash in lower-case hex, issuedAt as ISO 8601 UTC with milliseconds).
 * None of the fields can contain a newline, so the text has one reading.
 */
export function checkpointMessage(
  checkpoint: Pick<AuditCheckpoint, 'chain' | 'size' | 'headHash' | 'issuedAt'>,
): Uint8Array {
  const { chain, size, headHash, issuedAt } = checkpoint;
  return new TextEncoder().encode(
    [CHECKPOINT_FORMAT, chain, String(size), headHash, issuedAt].join('\n'),
  );
}

/** True when a key with the checkpoint's id is among `keys` and the signature is its own. */
export async function verifyCheckpointSignature(
  checkpoint: AuditCheckpoint,
  keys: readonly PublishedKey[],
): Promise<boolean> {
  const key = keys.find((k) => k.keyId === checkpoint.keyId && k.alg === SIGNATURE_ALGORITHM);
  if (!key || checkpoint.alg !== SIGNATURE_ALGORITHM) return false;
  try {
    return await ed25519.verifyAsync(
      fromBase64(checkpoint.signature),
      checkpointMessage(checkpoint),
      fromBase64(key.publicKey),
    );
  } catch {
    // Malformed base64 or a key of the wrong length: not a valid signature either.
    return false;
  }
}

/** Reads a checkpoint saved as JSON; throws with the first field that is wrong. */
export function parseCheckpoint(value: unknown): AuditCheckpoint {
  const fail = (field: string, message: string): never => {
    throw new TypeError(`${field} ${message}`);
  };
  if (typeof value !== 'object' || value === null) return fail('checkpoint', 'must be an object');
  const c = value as Record<string, unknown>;
  if (typeof c.chain !== 'string' || !/^([A-Z]{2}|global)$/.test(c.chain))
    fail('chain', 'must be a jurisdiction code or "global"');
  if (typeof c.size !== 'number' || !Number.isSafeInteger(c.size) || c.size < 0)
    fail('size', 'must be a whole number ≥ 0');
  if (typeof c.headHash !== 'string' || !/^[0-9a-f]{64}$/.test(c.headHash))
    fail('headHash', 'must be 64 lower-case hex digits');
  if (typeof c.issuedAt !== 'string' || Number.isNaN(Date.parse(c.issuedAt)))
    fail('issuedAt', 'must be an ISO 8601 time');
  if (typeof c.keyId !== 'string' || c.keyId === '') fail('keyId', 'must be a key id');
  if (c.alg !== SIGNATURE_ALGORITHM) fail('alg', `must be ${SIGNATURE_ALGORITHM}`);
  if (typeof c.signature !== 'string') fail('signature', 'must be base64');
  return {
    chain: c.chain as string,
    size: c.size as number,
    headHash: c.headHash as string,
    issuedAt: c.issuedAt as string,
    keyId: c.keyId as string,
    alg: SIGNATURE_ALGORITHM,
    signature: c.signature as string,
  };
}
