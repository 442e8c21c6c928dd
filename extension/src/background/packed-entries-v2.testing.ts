import type { SnapshotEntry } from '@fair-recruit/snapshot';
import { CODED_FIELDS, type PackedEntries, type PackedEntriesV2 } from '@fair-recruit/snapshot';

/**
 * For tests: `packed` as the previous version (format 2) kept it, every id in a column and the
 * codes in Int32Arrays, none being -1.
 */
export function asPackedByPreviousVersion(
  packed: PackedEntries,
  entries: readonly SnapshotEntry[],
): PackedEntriesV2 {
  const ids = entries.map((entry) => entry.id);
  const ends = Int32Array.from(ids, (_, i) => ids.slice(0, i + 1).join('').length);
  const previous = { ...packed, format: 2, id: { text: ids.join(''), ends } } as PackedEntriesV2;
  delete (previous as { otherIds?: unknown }).otherIds;
  for (const field of CODED_FIELDS) {
    const { values, codes } = packed[field];
    previous[field] = { values, codes: Int32Array.from(codes, (code) => code - 1) };
  }
  return previous;
}
