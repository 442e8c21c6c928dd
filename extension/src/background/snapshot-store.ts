import {
  buildIndex,
  restoreIndex,
  storeIndex,
  type MatchIndex,
  type StoredIndex,
} from '@fair-recruit/matching';
import type { SnapshotPayload } from '@fair-recruit/snapshot';
import { READ_MEASURE, measure } from '../lib/timing.js';
import { indexToKeep, indexToRestore, type SharedWithEntries } from './kept-index.js';
import {
  packEntries,
  unpackEntries,
  type PackedEntries,
  type PackedEntriesV2,
} from '@fair-recruit/snapshot';
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
  head?: Omit<SnapshotPayload, 'entries' | 'columns'>;
  entries?: PackedEntries | PackedEntriesV2;
  /** The matcher's index over `entries`, as `storeIndex` gives it. */
  index?: StoredIndex;
  /** What `index` leaves to `entries` (`kept-index.ts`). */
  shared?: SharedWithEntries;
  /** How the previous versions stored the payload; read, and written again as above. */
  payloadJson?: string;
  payload?: SnapshotPayload;
  etag: string | null;
  savedAt: string;
}

/**
 * Snapshots in IndexedDB: local to the device (never synced), no size quota to ask for beyond the
 * origin's. Each is kept as packed columns (`PackedEntries` of `@fair-recruit/snapshot`, what a
 * format-2 download is read into) with the matcher's index built over them: a restarted worker
 * reads them back by structured clone, which copies strings and typed arrays at memory speed, and
 * neither parses nor builds anything.
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
      const kept = stored.index && indexToRestore(stored.index, stored.shared, stored.entries);
      if (kept) index = restoreIndex(kept.index, entries, kept.held);
      measure(READ_MEASURE, started, {
        databaseMs: read - started,
        entriesMs: unpacked - read,
        indexMs: performance.now() - unpacked,
        keptMb: keptBytes(stored) / 1e6,
      });
      held = { url: stored.url, payload: { ...stored.head, entries }, etag, savedAt };
      if (index && stored.entries.format === 3) {
        return { ...held, payload: { ...held.payload, columns: stored.entries }, index };
      }
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
    const { entries, columns, ...head } = snapshot.payload;
    // A snapshot downloaded in format 2 comes as these columns, its entries views of them; one
    // that a delta changed (or format 1) is packed here.
    const packed = columns ?? packEntries(entries);
    // Built over views of the packed columns, as a restart reads them, so that its record
    // positions are theirs; and held from now on instead of the download's objects.
    const views = columns ? entries : unpackEntries(packed);
    const index = buildIndex(views, packed);
    const kept = indexToKeep(storeIndex(index), packed);
    const stored: StoredSnapshot = {
      url: snapshot.url,
      head,
      entries: packed,
      index: kept.index,
      shared: kept.shared,
      etag: snapshot.etag,
      savedAt: snapshot.savedAt,
    };
    await this.run('readwrite', (store) => store.put(stored));
    return { ...snapshot, payload: { ...head, entries: views, columns: packed }, index };
  }

  async delete(url: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(url));
  }
}

/**
 * About what structured clone wrote for a kept record: typed arrays' bytes and one byte per string
 * character (V8 keeps Latin-1 strings that way). A restart's time goes by it; the benchmark
 * reports it beside the read's time.
 */
function keptBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value === null || typeof value !== 'object') return 8;
  let bytes = 0;
  for (const item of Object.values(value)) bytes += keptBytes(item);
  return bytes;
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
