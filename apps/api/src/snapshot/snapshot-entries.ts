import type { SnapshotEntry } from '@fair-recruit/snapshot';
import { normalizedNamesOf } from '@fair-recruit/matching';
import type { SnapshotRow } from './snapshot-store.js';

/**
 * The public id of a recruiter in the snapshot: `GB:GBREC0001234`, its jurisdiction and
 * registration key. Unique (the registry's unique index), stable (the number cannot be edited) and
 * derivable from the registration number, so the wire leaves it out (`defaultEntryId`), where a
 * UUID would cost about 2 MB gzipped per 100,000 entries. Its page is found with
 * `GET /api/v1/recruiters?jurisdiction=GB&registrationNumber=GBREC0001234`.
 */
export function snapshotEntryId(jurisdiction: string, registrationKey: string): string {
  return `${jurisdiction}:${registrationKey}`;
}

/**
 * The entries for `rows`, in the same order. An entry equal to one of `previous` is that same
 * object: unchanged entries keep their normalized names without normalizing again, and comparing
 * two snapshots (the version check, `diffSnapshots`) is an identity check for all but the changes.
 */
export function toSnapshotEntries(
  rows: readonly SnapshotRow[],
  previous: ReadonlyMap<string, SnapshotEntry>,
): SnapshotEntry[] {
  return rows.map((row) => {
    const id = snapshotEntryId(row.jurisdiction, row.registrationKey);
    const before = previous.get(id);
    if (before && isSameEntry(before, row)) return before;
    return {
      id,
      jurisdiction: row.jurisdiction,
      registrationNumber: row.registrationNumber,
      kind: row.kind,
      legalName: row.legalName,
      tradingNames: row.tradingNames,
      normalizedNames: normalizedNamesOf(row.legalName, row.tradingNames),
      domains: row.domains,
      emailDomains: row.emailDomains,
      phones: row.phones,
      status: row.status,
      authorizedFrom: row.authorizedFrom,
      authorizedUntil: row.authorizedUntil,
      statusChangedAt: row.statusChangedAt,
      statusReason: row.statusReason,
    };
  });
}

/** Every field the entry takes from the row (normalized names follow from the names). */
function isSameEntry(entry: SnapshotEntry, row: SnapshotRow): boolean {
  return (
    entry.registrationNumber === row.registrationNumber &&
    entry.kind === row.kind &&
    entry.legalName === row.legalName &&
    entry.status === row.status &&
    entry.authorizedFrom === row.authorizedFrom &&
    entry.authorizedUntil === row.authorizedUntil &&
    entry.statusChangedAt === row.statusChangedAt &&
    entry.statusReason === row.statusReason &&
    sameStrings(entry.tradingNames, row.tradingNames) &&
    sameStrings(entry.domains, row.domains) &&
    sameStrings(entry.emailDomains, row.emailDomains) &&
    sameStrings(entry.phones, row.phones)
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
