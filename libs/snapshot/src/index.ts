export {
  PACKED_SNAPSHOT_FORMAT,
  SIGNATURE_ALGORITHM,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMATS,
  type SnapshotFormat,
  isSnapshotDelta,
  type CompactSnapshotEntry,
  type PublishedKey,
  type SignedEnvelope,
  type SnapshotDelta,
  type SnapshotEntry,
  type SnapshotIssuer,
  type SnapshotPayload,
} from './snapshot.types.js';
export { compactEntry, expandEntry } from './snapshot-entry.js';
export {
  serializePayload,
  serializeSnapshotBody,
  stampSnapshot,
  signEnvelope,
  verifyEnvelope,
  type VerifyFailureReason,
  type VerifyOptions,
  type SnapshotBody,
  type SnapshotHeader,
  type VerifyResult,
} from './envelope.js';
export { SAME_AS_DOMAINS, defaultEntryId, type WireDictionary, type WireEntries } from './wire.js';
export {
  generateKeyPair,
  keyIdFor,
  publicKeyFor,
  publishedKeyFor,
  type KeyPair,
  type SigningKey,
} from './keys.js';
export { applyDelta, diffSnapshots } from './delta.js';
export { SnapshotError, type SnapshotErrorCode } from './snapshot.errors.js';
export { fromBase64, toBase64 } from './base64.js';
export {
  CODED_FIELDS,
  packEntries,
  plainEntry,
  unpackEntries,
  type PackedEntries,
  type PackedEntriesV2,
} from './packed-entries.js';
export {
  SAME_AS_DOMAINS_COUNT,
  type PackedWireEntries,
  type WireLists,
  type WireText,
} from './packed-wire.js';
