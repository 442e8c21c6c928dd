import type { PackedEntries } from './packed-entries.js';
import type { RecruiterKind, SafeguardsList, StoredStatus } from '@fair-recruit/domain';

/**
 * Bumped only for changes an older extension could not read; additive fields keep a format. Format
 * 1 is what the API serves unless asked for another; format 2 packs the entries' values into long
 * strings (`packed-wire.ts`), which a client reads several times faster.
 */
export const SNAPSHOT_FORMAT = 1;
export const PACKED_SNAPSHOT_FORMAT = 2;
export type SnapshotFormat = typeof SNAPSHOT_FORMAT | typeof PACKED_SNAPSHOT_FORMAT;
export const SNAPSHOT_FORMATS: readonly SnapshotFormat[] = [
  SNAPSHOT_FORMAT,
  PACKED_SNAPSHOT_FORMAT,
];

export const SIGNATURE_ALGORITHM = 'Ed25519';

/**
 * One registration, as the extension needs it to match a job ad and draw a badge. Lists are empty
 * and optional values `null` when absent; on the wire they are left out (see `compactEntry`).
 */
export interface SnapshotEntry {
  id: string;
  /** ISO 3166-1 alpha-2 code of the registry. */
  jurisdiction: string;
  registrationNumber: string;
  kind: RecruiterKind;
  legalName: string;
  tradingNames: string[];
  /** Computed once by the API with `@fair-recruit/matching`, so clients match without re-normalizing. */
  normalizedNames: string[];
  /** Registrable web domains. */
  domains: string[];
  emailDomains: string[];
  phones: string[];
  /** The stored status; clients derive `expired` from `authorizedUntil` (domain `effectiveStatus`). */
  status: StoredStatus;
  /** Calendar day, `YYYY-MM-DD`. */
  authorizedFrom: string | null;
  /** Calendar day, `YYYY-MM-DD`. */
  authorizedUntil: string | null;
  /** ISO 8601 date-time, or just the day: the badge shows only the day and the day is smaller. */
  statusChangedAt: string | null;
  statusReason: string | null;
}

/** A `SnapshotEntry` as sent: empty lists and `null` values are omitted, which keeps snapshots small. */
export interface CompactSnapshotEntry {
  id: string;
  jurisdiction: string;
  registrationNumber: string;
  kind: RecruiterKind;
  legalName: string;
  status: StoredStatus;
  tradingNames?: string[];
  normalizedNames?: string[];
  domains?: string[];
  emailDomains?: string[];
  phones?: string[];
  authorizedFrom?: string;
  authorizedUntil?: string;
  statusChangedAt?: string;
  statusReason?: string;
}

export interface SnapshotIssuer {
  name: string;
  url: string;
}

/** Every entry of the registries the issuer publishes. */
export interface SnapshotPayload {
  /** The format it was read from; a payload is written in whichever format is asked. */
  format: SnapshotFormat;
  /** Monotonic: a client refuses a version lower than the one it holds. */
  version: number;
  /** ISO 8601 date-time. */
  generatedAt: string;
  /** ISO 8601 date-time after which clients stop trusting the snapshot. */
  expiresAt: string;
  issuer: SnapshotIssuer;
  jurisdictions: string[];
  entries: SnapshotEntry[];
  /**
   * The entries as columns, when the payload was read from format 2: `entries` are then views
   * that read them, and `buildIndex(entries, columns)` indexes them without a string per value.
   */
  columns?: PackedEntries;
  safeguardsList: SafeguardsList;
}

/** What changed between `baseVersion` and `version`; applying it yields the full snapshot `version`. */
export interface SnapshotDelta {
  format: SnapshotFormat;
  kind: 'delta';
  version: number;
  baseVersion: number;
  generatedAt: string;
  expiresAt: string;
  issuer: SnapshotIssuer;
  /** Present only when the set of jurisdictions changed. */
  jurisdictions?: string[];
  /** New and changed entries, whole. */
  upserts: SnapshotEntry[];
  /** Ids of entries that left the snapshot. */
  removals: string[];
  /** Present only when the list changed. */
  safeguardsList?: SafeguardsList;
}

/** How a snapshot travels and is stored: the signature covers exactly the bytes of `payload`. */
export interface SignedEnvelope {
  /** The serialized `SnapshotPayload` or `SnapshotDelta`. */
  payload: string;
  keyId: string;
  alg: typeof SIGNATURE_ALGORITHM;
  /** Base64 of the 64-byte Ed25519 signature over the UTF-8 bytes of `payload`. */
  signature: string;
}

/** An entry of `GET /snapshot/keys`, and what clients pin. */
export interface PublishedKey {
  keyId: string;
  alg: typeof SIGNATURE_ALGORITHM;
  /** Base64 of the raw 32-byte public key. */
  publicKey: string;
}

export function isSnapshotDelta(
  payload: SnapshotPayload | SnapshotDelta,
): payload is SnapshotDelta {
  return 'kind' in payload && payload.kind === 'delta';
}
