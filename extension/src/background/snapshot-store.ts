import type { SnapshotPayload } from '@fair-recruit/snapshot';
import { payloadFromStored, storedPayloadJson } from './stored-entries.js';

/** The last good snapshot of one registry, after verification (and after applying deltas). */
export interface HeldSnapshot {
  url: string;
  payload: SnapshotPayload;
  etag: string | null;
  savedAt: string;
}

export interface SnapshotStore {
  get(url: string): Promise<HeldSnapshot | undefined>;
  put(snapshot: HeldSnapshot): Promise<void>;
  delete(url: string): Promise<void>;
}

const DB_NAME = 'fair-recruit';
const STORE = 'snapshots';

/** As IndexedDB keeps a snapshot. */
interface StoredSnapshot {
  url: string;
  /** `storedPayloadJson` of the payload. */
  payloadJson?: string;
  /** How the first version of the extension stored it; read, never written. */
  payload?: SnapshotPayload;
  etag: string | null;
  savedAt: string;
}

/**
 * Snapshots in IndexedDB: local to the device (never synced), no size quota to ask for beyond the
 * origin's, one JSON string per registry (see `stored-entries.ts` for why not objects).
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
    const stored = await this.run(
      'readonly',
      (store) => store.get(url) as IDBRequest<StoredSnapshot | undefined>,
    );
    if (!stored) return undefined;
    const payload =
      stored.payloadJson !== undefined ? payloadFromStored(stored.payloadJson) : stored.payload;
    return payload && { url: stored.url, payload, etag: stored.etag, savedAt: stored.savedAt };
  }

  async put(snapshot: HeldSnapshot): Promise<void> {
    const stored: StoredSnapshot = {
      url: snapshot.url,
      payloadJson: storedPayloadJson(snapshot.payload),
      etag: snapshot.etag,
      savedAt: snapshot.savedAt,
    };
    await this.run('readwrite', (store) => store.put(stored));
  }

  async delete(url: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(url));
  }
}

export class MemorySnapshotStore implements SnapshotStore {
  readonly held = new Map<string, HeldSnapshot>();
  get(url: string) {
    return Promise.resolve(this.held.get(url));
  }
  put(snapshot: HeldSnapshot) {
    this.held.set(snapshot.url, snapshot);
    return Promise.resolve();
  }
  delete(url: string) {
    this.held.delete(url);
    return Promise.resolve();
  }
}
