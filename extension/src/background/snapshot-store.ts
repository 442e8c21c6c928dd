import {
  buildIndex,
  restoreIndex,
  storeIndex,
  type MatchIndex,
  type StoredIndex,
} from '@fair-recruit/matching';
import type { SnapshotPayload } from '@fair-recruit/snapshot';
import { READ_MEASURE, measure } from '../lib/timing.js';
import {
  packEntries,
  unpackEntries,
  type PackedEntries,
  type PackedEntriesV2,
} from './packed-entries.js';
import { payloadFromStored } from './stored-entries.js';

/** The last good snapshot of one registry, after verification (and after applying deltas). */
export interface HeldSnapshot {
  url: string;
  payload: SnapshotPayload;
  etag: string | null;
  savedAt: string;
  /** The matcher's index over `payload.entries`, when the store kept one (restored, not built). */
  index?: MatchIndex;
}

export interface SnapshotStore {
  get(url: string): Promise<HeldSnapshot | undefined>;
  /** Keeps the snapshot; gives it back as `get` would, so that it need not be read again. */
  put(snapshot: HeldSnapshot): Promise<HeldSnapshot>;
  delete(url: string): Promise<void>;
}

const DB_NAME = 'fair-recruit';
const STORE = 'snapshots';

/** As IndexedDB keeps a snapshot. */
interface StoredSnapshot {
  url: string;
  /** The payload without its entries, which are `entries`. */
  head?: Omit<SnapshotPayload, 'entries'>;
  entries?: PackedEntries | PackedEntriesV2;
  /** The matcher's index over `entries`, as `storeIndex` gives it. */
  index?: StoredIndex;
  /** The index's names are `entries.normalizedNames`, and are left out of `index` (see `put`). */
  indexNamesAreEntries?: boolean;
  /** How the previous versions stored the payload; read, and written again as above. */
  payloadJson?: string;
  payload?: SnapshotPayload;
  etag: string | null;
  savedAt: string;
}

/**
 * Snapshots in IndexedDB: local to the device (never synced), no size quota to ask for beyond the
 * origin's. Each is kept as packed columns with the matcher's index built over them
 * (`packed-entries.ts`): a restarted worker reads them back by structured clone, which copies
 * strings and typed arrays at memory speed, and neither parses nor builds anything.
 */
export class IndexedDbSnapshotStore implements SnapshotStore {
  private db: Promise<IDBDatabase> | undefined;

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'url' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
    });
    return this.db;
  }

  private async run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>) {
    const db = await this.open();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = action(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
    });
  }

  async get(url: string): Promise<HeldSnapshot | undefined> {
    const started = performance.now();
    const stored = await this.run(
      'readonly',
      (store) => store.get(url) as IDBRequest<StoredSnapshot | undefined>,
    );
    if (!stored) return undefined;
    const { etag, savedAt } = stored;
    let held: HeldSnapshot;
    if (stored.head && stored.entries) {
      const read = performance.now();
      const entries = unpackEntries(stored.entries);
      const unpacked = performance.now();
      let index: MatchIndex | null = null;
      if (stored.index) {
        const kept = stored.indexNamesAreEntries
          ? withEntryNames(stored.index, stored.entries)
          : stored.index;
        index = restoreIndex(kept, entries);
      }
      measure(READ_MEASURE, started, {
        databaseMs: read - started,
        entriesMs: unpacked - read,
        indexMs: performance.now() - unpacked,
      });
      held = { url: stored.url, payload: { ...stored.head, entries }, etag, savedAt };
      if (index && stored.entries.format === 3) return { ...held, index };
      // Kept by a previous version in another form, or damaged: the index is built, and both are
      // kept again.
    } else {
      const payload =
        stored.payloadJson !== undefined ? payloadFromStored(stored.payloadJson) : stored.payload;
      if (!payload) return undefined;
      held = { url: stored.url, payload, etag, savedAt };
    }
    // Kept by a previous version: kept again as this one keeps it, for the next restart (if that
    // fails, this one is still good to use, and the hub builds its index).
    return (await this.put(held).catch(() => undefined)) ?? held;
  }

  async put(snapshot: HeldSnapshot): Promise<HeldSnapshot> {
    const { entries, ...head } = snapshot.payload;
    const packed = packEntries(entries);
    // Built over views of the packed columns, as a restart reads them, so that its record
    // positions are theirs; and held from now on instead of the download's 100,000 objects.
    const views = unpackEntries(packed);
    const index = buildIndex(views);
    const kept = storeIndex(index);
    const withoutNames = withoutEntryNames(kept, packed);
    const stored: StoredSnapshot = {
      url: snapshot.url,
      head,
      entries: packed,
      index: withoutNames ?? kept,
      indexNamesAreEntries: withoutNames !== null,
      etag: snapshot.etag,
      savedAt: snapshot.savedAt,
    };
    await this.run('readwrite', (store) => store.put(stored));
    return { ...snapshot, payload: { ...head, entries: views }, index };
  }

  async delete(url: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(url));
  }
}

// The index's names (the keys of its exact-name lookup and the names its fuzzy search scores) are
// each entry's normalized names in order, unless an entry's list is empty or repeats a name. When
// they are, they are kept once, in the entries: the record is read from disk at every restart, and
// its time goes by the byte (some 4.7 MB of 45 for 100,000 recruiters).

/** The index without its names, when they are exactly `entries.normalizedNames`; null if not. */
function withoutEntryNames(index: StoredIndex, entries: PackedEntries): StoredIndex | null {
  const { nameKey } = index;
  const names = entries.normalizedNames;
  const record = ownersOf(names.ends, names.values.ends.length);
  if (
    nameKey.text !== names.values.text ||
    !sameInts(nameKey.ends, names.values.ends) ||
    !sameInts(nameKey.record, record)
  ) {
    return null;
  }
  const none = new Int32Array(0);
  return { ...index, nameKey: { ...nameKey, text: '', ends: none, record: none } };
}

/** What `withoutEntryNames` left out, put back (`restoreIndex` then checks it all). */
function withEntryNames(index: StoredIndex, entries: PackedEntries | PackedEntriesV2): StoredIndex {
  const names = entries.normalizedNames;
  const record = ownersOf(names.ends, names.values.ends.length);
  return { ...index, nameKey: { ...index.nameKey, ...names.values, record } };
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

export class MemorySnapshotStore implements SnapshotStore {
  readonly held = new Map<string, HeldSnapshot>();
  get(url: string) {
    return Promise.resolve(this.held.get(url));
  }
  put(snapshot: HeldSnapshot) {
    this.held.set(snapshot.url, snapshot);
    return Promise.resolve(snapshot);
  }
  delete(url: string) {
    this.held.delete(url);
    return Promise.resolve();
  }
}
