import {
  PackedStrings,
  SelectedStrings,
  type HeldColumns,
  type StoredIndex,
} from '@fair-recruit/matching';
import type { PackedEntries, PackedEntriesV2 } from '@fair-recruit/snapshot';

// The matcher's index, as `storeIndex` gives it, repeats strings the entries already hold: its
// names are each entry's normalized names in order (unless an entry's list is empty or repeats a
// name), and its raw domain and phone values are values of the entries' `domains`,
// `emailDomains` and `phones`. A restarted worker reads the whole record back from IndexedDB, and
// its time goes by the byte (7–11 ms per MB on a slow VM), so what the entries hold is left out of
// the kept index (about 10 MB of 44 for 100,000 recruiters) and found in them again on the way
// back. Everything is checked when the index is kept; `restoreIndex` checks it all again.

/** What the kept index leaves to the entries; absent from records kept before it existed. */
export interface SharedWithEntries {
  /** The index's names are exactly `entries.normalizedNames`. */
  names: boolean;
  /**
   * Per raw domain of the index: its position among the values of `entries.domains`, or -1 minus
   * its position among those of `entries.emailDomains`. Null: the index keeps its own.
   */
  domainSources: Int32Array | null;
  /** Per raw phone of the index: its position among the values of `entries.phones`. */
  phoneSources: Int32Array | null;
}

const NO_INTS = new Int32Array(0);

/** The index as it is kept beside `entries`, and what it leaves to them. */
export function indexToKeep(
  index: StoredIndex,
  entries: PackedEntries,
): { index: StoredIndex; shared: SharedWithEntries } {
  const shared: SharedWithEntries = {
    names: namesAreEntries(index, entries),
    domainSources: domainSources(index, entries),
    phoneSources: phoneSources(index, entries),
  };
  const kept = { ...index };
  if (shared.names) kept.nameKey = { ...kept.nameKey, text: '', ends: NO_INTS, record: NO_INTS };
  if (shared.domainSources) kept.domain = { ...kept.domain, text: '', ends: NO_INTS };
  if (shared.phoneSources) kept.phone = { ...kept.phone, text: '', ends: NO_INTS };
  return { index: kept, shared };
}

/**
 * The kept index with what it left to `entries` put back, and the columns to give `restoreIndex`;
 * null when the sources point outside the entries (a damaged record: build the index again).
 */
export function indexToRestore(
  kept: StoredIndex,
  shared: SharedWithEntries | undefined,
  entries: PackedEntries | PackedEntriesV2,
): { index: StoredIndex; held: HeldColumns } | null {
  const index = { ...kept };
  const held: HeldColumns = {};
  if (shared?.names) {
    const names = entries.normalizedNames;
    const record = ownersOf(names.ends, names.values.ends.length);
    index.nameKey = { ...index.nameKey, ...names.values, record };
  }
  if (shared?.domainSources) {
    const domains = valuesOf(entries.domains);
    const emails = valuesOf(entries.emailDomains);
    const sources = shared.domainSources;
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i];
      if (!(s >= 0 ? s < domains.length : -1 - s < emails.length)) return null;
    }
    held.domainRaw = new SelectedStrings(sources, domains, emails);
  }
  if (shared?.phoneSources) {
    const phones = valuesOf(entries.phones);
    const sources = shared.phoneSources;
    for (let i = 0; i < sources.length; i++) {
      if (!(sources[i] >= 0 && sources[i] < phones.length)) return null;
    }
    held.phoneRaw = new SelectedStrings(sources, phones, phones);
  }
  return { index, held };
}

type Lists = PackedEntries['domains'];

function valuesOf(lists: Lists): PackedStrings {
  return new PackedStrings(lists.values.text, lists.values.ends);
}

function namesAreEntries(index: StoredIndex, entries: PackedEntries): boolean {
  const { nameKey } = index;
  const names = entries.normalizedNames;
  return (
    nameKey.text === names.values.text &&
    sameInts(nameKey.ends, names.values.ends) &&
    sameInts(nameKey.record, ownersOf(names.ends, names.values.ends.length))
  );
}

function domainSources(index: StoredIndex, entries: PackedEntries): Int32Array | null {
  const raw = new PackedStrings(index.domain.text, index.domain.ends);
  const domains = valuesOf(entries.domains);
  const emails = valuesOf(entries.emailDomains);
  const sources = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const entry = index.domain.record[i];
    const value = raw.at(i)!;
    // An entry whose e-mail domains are its web domains has them in `domains` only.
    const web = positionIn(domains, entries.domains.ends, entry, value);
    const email = web === -1 ? positionIn(emails, entries.emailDomains.ends, entry, value) : -1;
    if (web === -1 && email === -1) return null;
    sources[i] = web !== -1 ? web : -1 - email;
  }
  return sources;
}

function phoneSources(index: StoredIndex, entries: PackedEntries): Int32Array | null {
  const raw = new PackedStrings(index.phone.text, index.phone.ends);
  const phones = valuesOf(entries.phones);
  const sources = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const position = positionIn(phones, entries.phones.ends, index.phone.record[i], raw.at(i)!);
    if (position === -1) return null;
    sources[i] = position;
  }
  return sources;
}

/** Where `value` is among entry `entry`'s values of a list column; -1 if it is not there. */
function positionIn(values: PackedStrings, ends: Int32Array, entry: number, value: string) {
  if (!(entry >= 0 && entry < ends.length)) return -1;
  for (let k = entry === 0 ? 0 : ends[entry - 1]; k < ends[entry]; k++) {
    if (values.at(k) === value) return k;
  }
  return -1;
}

/** For each value of a list column, the entry it belongs to (`ends` as `PackedEntries` lists). */
function ownersOf(ends: Int32Array, valueCount: number): Int32Array {
  const owners = new Int32Array(valueCount);
  let value = 0;
  for (let entry = 0; entry < ends.length; entry++) {
    for (const end = Math.min(ends[entry], valueCount); value < end; value++) owners[value] = entry;
  }
  return owners;
}

function sameInts(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
