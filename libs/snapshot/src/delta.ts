import type { SafeguardsList } from '@fair-recruit/domain';
import { SnapshotError } from './snapshot.errors.js';
import { compareCodeUnits, entryFingerprint } from './snapshot-entry.js';
import { SNAPSHOT_FORMAT, type SnapshotDelta, type SnapshotPayload } from './snapshot.types.js';

/**
 * The snapshot `delta.version`, built from the snapshot the delta was computed against.
 * @throws SnapshotError `delta_base_mismatch` when `full` is not `delta.baseVersion`: the client
 * then downloads the full snapshot instead.
 */
export function applyDelta(full: SnapshotPayload, delta: SnapshotDelta): SnapshotPayload {
  if (delta.baseVersion !== full.version) {
    throw new SnapshotError(
      'delta_base_mismatch',
      `delta applies to version ${delta.baseVersion}, the snapshot is version ${full.version}`,
    );
  }
  const entriesById = new Map(full.entries.map((entry) => [entry.id, entry]));
  // A removal of an id that is not there is ignored: the result is the same either way.
  for (const id of delta.removals) entriesById.delete(id);
  for (const entry of delta.upserts) entriesById.set(entry.id, entry);
  return {
    format: SNAPSHOT_FORMAT,
    version: delta.version,
    generatedAt: delta.generatedAt,
    expiresAt: delta.expiresAt,
    issuer: delta.issuer,
    jurisdictions: delta.jurisdictions ?? full.jurisdictions,
    entries: [...entriesById.values()],
    safeguardsList: delta.safeguardsList ?? full.safeguardsList,
  };
}

/**
 * What a client holding `older` needs to reach `newer` (`GET /snapshot?since=`). Entries are
 * compared field by field (unless they are the same object); the delta carries changed entries whole.
 * @throws SnapshotError `delta_not_forward` unless `newer.version` is greater than `older.version`.
 */
export function diffSnapshots(older: SnapshotPayload, newer: SnapshotPayload): SnapshotDelta {
  if (newer.version <= older.version) {
    throw new SnapshotError(
      'delta_not_forward',
      `cannot diff version ${older.version} to version ${newer.version}: a delta moves forward`,
    );
  }
  const olderById = new Map(older.entries.map((entry) => [entry.id, entry]));
  const newerIds = new Set(newer.entries.map((entry) => entry.id));
  const delta: SnapshotDelta = {
    format: SNAPSHOT_FORMAT,
    kind: 'delta',
    version: newer.version,
    baseVersion: older.version,
    generatedAt: newer.generatedAt,
    expiresAt: newer.expiresAt,
    issuer: newer.issuer,
    upserts: newer.entries.filter((entry) => {
      const before = olderById.get(entry.id);
      // The same object is the same entry: a builder that reuses unchanged entries between
      // snapshots gets its deltas without serializing every entry of both.
      return (
        before === undefined ||
        (before !== entry && entryFingerprint(before) !== entryFingerprint(entry))
      );
    }),
    removals: older.entries
      .map((entry) => entry.id)
      .filter((id) => !newerIds.has(id))
      .sort(compareCodeUnits),
  };
  if (!sameStrings(older.jurisdictions, newer.jurisdictions)) {
    delta.jurisdictions = newer.jurisdictions;
  }
  if (
    safeguardsListFingerprint(older.safeguardsList) !==
    safeguardsListFingerprint(newer.safeguardsList)
  ) {
    delta.safeguardsList = newer.safeguardsList;
  }
  return delta;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function safeguardsListFingerprint(list: SafeguardsList): string {
  return JSON.stringify([
    list.edition,
    list.source,
    list.countries.map((country) => [country.code, country.name, country.whoRegion]),
  ]);
}
