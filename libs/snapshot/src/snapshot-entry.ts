import type { CompactSnapshotEntry, SnapshotEntry } from './snapshot.types.js';

/**
 * Drops empty lists and `null` values. Keys are always written in the same order, so equal entries
 * serialize to equal strings (`diffSnapshots` relies on it).
 */
export function compactEntry(entry: SnapshotEntry): CompactSnapshotEntry {
  const compact: CompactSnapshotEntry = {
    id: entry.id,
    jurisdiction: entry.jurisdiction,
    registrationNumber: entry.registrationNumber,
    kind: entry.kind,
    legalName: entry.legalName,
    status: entry.status,
  };
  if (entry.tradingNames.length > 0) compact.tradingNames = entry.tradingNames;
  if (entry.normalizedNames.length > 0) compact.normalizedNames = entry.normalizedNames;
  if (entry.domains.length > 0) compact.domains = entry.domains;
  if (entry.emailDomains.length > 0) compact.emailDomains = entry.emailDomains;
  if (entry.phones.length > 0) compact.phones = entry.phones;
  if (entry.authorizedFrom !== null) compact.authorizedFrom = entry.authorizedFrom;
  if (entry.authorizedUntil !== null) compact.authorizedUntil = entry.authorizedUntil;
  if (entry.statusChangedAt !== null) compact.statusChangedAt = entry.statusChangedAt;
  if (entry.statusReason !== null) compact.statusReason = entry.statusReason;
  return compact;
}

/** The inverse of `compactEntry`: every field present, so clients never test for `undefined`. */
export function expandEntry(compact: CompactSnapshotEntry): SnapshotEntry {
  return {
    id: compact.id,
    jurisdiction: compact.jurisdiction,
    registrationNumber: compact.registrationNumber,
    kind: compact.kind,
    legalName: compact.legalName,
    tradingNames: compact.tradingNames ?? [],
    normalizedNames: compact.normalizedNames ?? [],
    domains: compact.domains ?? [],
    emailDomains: compact.emailDomains ?? [],
    phones: compact.phones ?? [],
    status: compact.status,
    authorizedFrom: compact.authorizedFrom ?? null,
    authorizedUntil: compact.authorizedUntil ?? null,
    statusChangedAt: compact.statusChangedAt ?? null,
    statusReason: compact.statusReason ?? null,
  };
}

/** A string equal for two entries exactly when every field is equal. */
export function entryFingerprint(entry: SnapshotEntry): string {
  return JSON.stringify(compactEntry(entry));
}

/**
 * Serialization order: by jurisdiction, then legal name, then id. Neighbouring entries then share
 * prefixes, which gzip turns into ~10% fewer bytes than id order; code-unit comparison (not
 * `localeCompare`) keeps the order identical on every runtime.
 */
export function compareEntriesForSerialization(a: SnapshotEntry, b: SnapshotEntry): number {
  return (
    compareCodeUnits(a.jurisdiction, b.jurisdiction) ||
    compareCodeUnits(a.legalName, b.legalName) ||
    compareCodeUnits(a.id, b.id)
  );
}

export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
