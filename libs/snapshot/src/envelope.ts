import * as ed25519 from '@noble/ed25519';
import type { SafeguardsList } from '@fair-recruit/domain';
import { fromBase64, toBase64 } from './base64.js';
import { verifyEd25519 } from './ed25519-verify.js';
import type { SigningKey } from './keys.js';
import { SnapshotError } from './snapshot.errors.js';
import { compareCodeUnits } from './snapshot-entry.js';
import { checkSnapshotHeader, checkSnapshotShape } from './snapshot-validator.js';
import { entriesToPackedWire } from './packed-wire.js';
import {
  PACKED_SNAPSHOT_FORMAT,
  SIGNATURE_ALGORITHM,
  SNAPSHOT_FORMAT,
  type SnapshotEntry,
  type SnapshotFormat,
  isSnapshotDelta,
  type PublishedKey,
  type SignedEnvelope,
  type SnapshotDelta,
  type SnapshotPayload,
} from './snapshot.types.js';
import { entriesToWire } from './wire.js';

const SIGNATURE_BYTES = 64;
const PUBLIC_KEY_BYTES = 32;

/**
 * The JSON that gets signed, in `format` (format 1 unless asked: see `SNAPSHOT_FORMAT`). Key order
 * and entry order are fixed, so the same registry state gives the same bytes (and the same ETag).
 * Verification never re-serializes: it checks these exact bytes.
 * @throws SnapshotError `invalid_payload` when the result would fail clients' shape check, so a bad
 * snapshot is caught where it is built rather than on every device.
 */
export function serializePayload(
  payload: SnapshotPayload | SnapshotDelta,
  format: SnapshotFormat = SNAPSHOT_FORMAT,
): string {
  if (!isSnapshotDelta(payload)) {
    return stampSnapshot(serializeSnapshotBody(payload, format), payload, format);
  }
  const json = JSON.stringify(deltaToWire(payload, format));
  assertValid(JSON.parse(json));
  return json;
}

/** The version and validity of a full snapshot: what `stampSnapshot` adds to a body. */
export interface SnapshotHeader {
  version: number;
  generatedAt: string;
  expiresAt: string;
}

/** A full snapshot without its header: what changes only when the registries do. */
export type SnapshotBody = Omit<SnapshotPayload, 'format' | 'columns' | keyof SnapshotHeader>;

const BODY_START = '{"issuer":';
/** Valid values, for checking a body on its own. */
const PLACEHOLDER_HEADER = {
  version: 0,
  generatedAt: '1970-01-01T00:00:00Z',
  expiresAt: '1970-01-01T00:00:00Z',
};

/**
 * The first half of `serializePayload` for a full snapshot: serializes and checks everything but
 * the header. A builder can hash the result to tell whether the content changed, before it picks a
 * version, and then stamp it without serializing a large snapshot twice.
 * @throws SnapshotError `invalid_payload`, as `serializePayload`.
 */
export function serializeSnapshotBody(
  body: SnapshotBody,
  format: SnapshotFormat = SNAPSHOT_FORMAT,
): string {
  const json = JSON.stringify({
    issuer: { name: body.issuer.name, url: body.issuer.url },
    jurisdictions: body.jurisdictions,
    entries: entriesInFormat(body.entries, format),
    safeguardsList: safeguardsListToWire(body.safeguardsList),
  });
  assertValid({ format, ...PLACEHOLDER_HEADER, ...(JSON.parse(json) as object) });
  return json;
}

function entriesInFormat(entries: readonly SnapshotEntry[], format: SnapshotFormat): object {
  return format === PACKED_SNAPSHOT_FORMAT ? entriesToPackedWire(entries) : entriesToWire(entries);
}

/**
 * The payload text of a full snapshot: `header` followed by a body from `serializeSnapshotBody`
 * in the same `format`.
 * @throws SnapshotError `invalid_payload` on a bad header or a string that is not such a body.
 */
export function stampSnapshot(
  body: string,
  header: SnapshotHeader,
  format: SnapshotFormat = SNAPSHOT_FORMAT,
): string {
  if (!body.startsWith(BODY_START)) {
    throw new SnapshotError('invalid_payload', 'not a body from serializeSnapshotBody');
  }
  const head = {
    format,
    version: header.version,
    generatedAt: header.generatedAt,
    expiresAt: header.expiresAt,
  };
  const check = checkSnapshotHeader(head);
  if (!check.ok) throw new SnapshotError('invalid_payload', check.detail);
  return `${JSON.stringify(head).slice(0, -1)},${body.slice(1)}`;
}

function assertValid(parsed: unknown): void {
  const check = checkSnapshotShape(parsed);
  if (!check.ok) throw new SnapshotError('invalid_payload', check.detail);
}

export async function signEnvelope(payload: string, key: SigningKey): Promise<SignedEnvelope> {
  const signature = await ed25519.signAsync(new TextEncoder().encode(payload), key.privateKey);
  return { payload, keyId: key.keyId, alg: SIGNATURE_ALGORITHM, signature: toBase64(signature) };
}

export interface VerifyOptions {
  /** The keys this client trusts; an envelope signed by any other key is refused. */
  pinnedKeys: readonly PublishedKey[];
  /** Defaults to the current time. */
  now?: Date;
  /** The version the client already holds: lower is refused, equal is a harmless re-download. */
  minVersion?: number;
}

export type VerifyFailureReason =
  'malformed' | 'unknown_key' | 'bad_signature' | 'expired' | 'stale_version' | 'bad_payload';

export type VerifyResult =
  | { ok: true; payload: SnapshotPayload | SnapshotDelta }
  | { ok: false; reason: VerifyFailureReason; detail: string };

/**
 * Verifies the signature over the UTF-8 bytes of `envelope.payload` before anything reads the
 * payload, then parses exactly that string and checks its shape, expiry and version.
 * Never throws and never rejects, whatever `envelope` is: every failure is a `VerifyResult`.
 */
export async function verifyEnvelope(
  envelope: unknown,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const fields = readEnvelope(envelope);
  if (typeof fields === 'string') return failure('malformed', fields);

  const pinned = options.pinnedKeys.find(
    (key) => key.keyId === fields.keyId && key.alg === SIGNATURE_ALGORITHM,
  );
  if (!pinned) return failure('unknown_key', `key ${quote(fields.keyId)} is not pinned`);
  const publicKey = decodeBytes(pinned.publicKey, PUBLIC_KEY_BYTES);
  if (!publicKey) {
    return failure('unknown_key', `pinned key ${quote(fields.keyId)} is not a 32-byte base64 key`);
  }

  if (!(await isValidSignature(fields.signature, fields.payload, publicKey))) {
    return failure('bad_signature', `signature does not match key ${quote(fields.keyId)}`);
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(fields.payload);
  } catch {
    return failure('bad_payload', 'payload is not JSON');
  }
  const shape = checkSnapshotShape(parsed);
  if (!shape.ok) return failure('bad_payload', shape.detail);
  const { payload } = shape;

  const now = options.now ?? new Date();
  if (Date.parse(payload.expiresAt) < now.getTime()) {
    return failure('expired', `expired at ${payload.expiresAt}`);
  }
  if (options.minVersion !== undefined && payload.version < options.minVersion) {
    return failure(
      'stale_version',
      `version ${payload.version} is older than ${options.minVersion}, the version held`,
    );
  }
  return { ok: true, payload };
}

interface EnvelopeFields {
  payload: string;
  keyId: string;
  signature: Uint8Array;
}

/** The envelope's fields, or what is wrong with it. */
function readEnvelope(envelope: unknown): EnvelopeFields | string {
  const expected = 'expected { payload, keyId, alg: "Ed25519", signature } with string values';
  if (typeof envelope !== 'object' || envelope === null) return expected;
  let payload: unknown, keyId: unknown, alg: unknown, signature: unknown;
  try {
    // Read once, so that a hostile object (a getter, a Proxy) cannot throw later or answer
    // differently the second time.
    ({ payload, keyId, alg, signature } = envelope as Record<string, unknown>);
  } catch {
    return 'envelope fields could not be read';
  }
  if (typeof payload !== 'string' || typeof keyId !== 'string' || typeof signature !== 'string') {
    return expected;
  }
  if (alg !== SIGNATURE_ALGORITHM) return `unsupported alg ${quote(alg)}`;
  const signatureBytes = decodeBytes(signature, SIGNATURE_BYTES);
  if (!signatureBytes) return 'signature is not base64 of 64 bytes';
  return { payload, keyId, signature: signatureBytes };
}

async function isValidSignature(
  signature: Uint8Array,
  payload: string,
  publicKey: Uint8Array,
): Promise<boolean> {
  try {
    // Strict RFC 8032 verification: no non-canonical encodings, so one payload has one valid
    // signature per key.
    return await verifyEd25519(signature, payload, publicKey);
  } catch {
    // A public key that is not a curve point, for instance.
    return false;
  }
}

function decodeBytes(base64: string, length: number): Uint8Array | undefined {
  try {
    const bytes = fromBase64(base64);
    return bytes.length === length ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function failure(reason: VerifyFailureReason, detail: string): VerifyResult {
  return { ok: false, reason, detail };
}

/** For details: an attacker-chosen value, shortened so it cannot flood a log. */
function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : typeof value;
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

function deltaToWire(delta: SnapshotDelta, format: SnapshotFormat): object {
  return {
    format,
    kind: delta.kind,
    version: delta.version,
    baseVersion: delta.baseVersion,
    generatedAt: delta.generatedAt,
    expiresAt: delta.expiresAt,
    issuer: { name: delta.issuer.name, url: delta.issuer.url },
    jurisdictions: delta.jurisdictions,
    upserts: entriesInFormat(delta.upserts, format),
    removals: [...delta.removals].sort(compareCodeUnits),
    safeguardsList: delta.safeguardsList && safeguardsListToWire(delta.safeguardsList),
  };
}

function safeguardsListToWire(list: SafeguardsList): object {
  return {
    edition: list.edition,
    source: list.source,
    countries: list.countries.map(({ code, name, whoRegion }) => ({ code, name, whoRegion })),
  };
}
