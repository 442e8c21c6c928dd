/**
 * @jest-environment node
 */
import 'fake-indexeddb/auto';
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import { matchAd } from '@fair-recruit/matching';
import type { SnapshotEntry, SnapshotPayload } from '@fair-recruit/snapshot';
import { IndexedDbSnapshotStore, type HeldSnapshot } from './snapshot-store.js';
import { storedPayloadJson } from './stored-entries.js';

const REGISTRY_URL = 'https://registry.example';

function entry(i: number, overrides: Partial<SnapshotEntry> = {}): SnapshotEntry {
  return {
    id: `GB:GBREC${i}`,
    jurisdiction: 'GB',
    registrationNumber: `GB-REC-${i}`,
    kind: 'recruiter',
    legalName: `Firm ${i} Care Staffing Ltd`,
    tradingNames: [],
    normalizedNames: [`firm ${i} care staffing`],
    domains: [`firm${i}.example`],
    emailDomains: [`firm${i}.example`],
    phones: [],
    status: i % 3 === 0 ? 'suspended' : 'authorized',
    authorizedFrom: '2025-01-01',
    authorizedUntil: '2027-12-31',
    statusChangedAt: '2025-01-01',
    statusReason: i % 3 === 0 ? 'Fees charged to nurses' : null,
    ...overrides,
  };
}

function held(entries: SnapshotEntry[]): HeldSnapshot {
  const payload: SnapshotPayload = {
    format: 1,
    version: 7,
    generatedAt: '2026-11-01T00:00:00Z',
    expiresAt: '2026-11-15T00:00:00Z',
    issuer: { name: 'Test registry', url: REGISTRY_URL },
    jurisdictions: ['GB'],
    entries,
    safeguardsList: SAFEGUARDS_LIST_2023,
  };
  return { url: REGISTRY_URL, payload, etag: '"v7"', savedAt: '2026-11-01T12:00:00Z' };
}

const ENTRIES = Array.from({ length: 40 }, (_, i) => entry(i));
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The object store itself, as another version of the extension would have written it. */
async function raw<T>(action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('fair-recruit', 1);
    request.onupgradeneeded = () =>
      request.result.createObjectStore('snapshots', { keyPath: 'url' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction('snapshots', 'readwrite');
      const request = action(transaction.objectStore('snapshots'));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB failed'));
    });
  } finally {
    db.close();
  }
}

afterEach(async () => {
  await raw((store) => store.clear());
});

describe('IndexedDbSnapshotStore', () => {
  it('gives the snapshot back with the index kept beside it, which matches as one built', async () => {
    await new IndexedDbSnapshotStore().put(held(ENTRIES));
    // A new store, as a restarted worker opens it.
    const back = await new IndexedDbSnapshotStore().get(REGISTRY_URL);
    expect(plain(back?.payload)).toEqual(plain(held(ENTRIES).payload));
    expect(back?.etag).toBe('"v7"');
    expect(back?.index?.records).toBe(back?.payload.entries);
    const verdict = matchAd(back!.index!, { domains: ['firm3.example'] }, { asOf: '2026-11-02' });
    expect(verdict.verdict).toBe('not_authorized');
    expect(verdict.matches[0].record).toBe(back!.payload.entries[3]);
    const fuzzy = matchAd(back!.index!, { organizationName: 'Firm 12 Kare Staffing' });
    expect(fuzzy.possibleMatches).toContain('Firm 12 Care Staffing Ltd');
  });

  it('reads a snapshot kept as the previous version kept it, and keeps it again as this one does', async () => {
    const previous = held(ENTRIES);
    await raw((store) =>
      store.put({
        url: REGISTRY_URL,
        payloadJson: storedPayloadJson(previous.payload),
        etag: previous.etag,
        savedAt: previous.savedAt,
      }),
    );
    const back = await new IndexedDbSnapshotStore().get(REGISTRY_URL);
    expect(plain(back?.payload)).toEqual(plain(previous.payload));
    const kept = await raw(
      (store) => store.get(REGISTRY_URL) as IDBRequest<Record<string, unknown>>,
    );
    expect(Object.keys(kept).sort()).toEqual(
      ['entries', 'etag', 'head', 'index', 'savedAt', 'url'].sort(),
    );
    expect((await new IndexedDbSnapshotStore().get(REGISTRY_URL))?.index).toBeDefined();
  });

  it('gives the snapshot without an index when the kept index does not fit (the hub builds one)', async () => {
    await new IndexedDbSnapshotStore().put(held(ENTRIES));
    const kept = await raw(
      (store) => store.get(REGISTRY_URL) as IDBRequest<Record<string, unknown>>,
    );
    (kept.index as { recordCount: number }).recordCount = 41;
    await raw((store) => store.put(kept));
    const back = await new IndexedDbSnapshotStore().get(REGISTRY_URL);
    expect(plain(back?.payload)).toEqual(plain(held(ENTRIES).payload));
    expect(back?.index).toBeUndefined();
  });
});
