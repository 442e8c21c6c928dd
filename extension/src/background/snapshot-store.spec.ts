/**
 * @jest-environment node
 */
import 'fake-indexeddb/auto';
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import { matchAd } from '@fair-recruit/matching';
import {
  generateKeyPair,
  isSnapshotDelta,
  publishedKeyFor,
  serializePayload,
  signEnvelope,
  verifyEnvelope,
  type SnapshotEntry,
  type SnapshotPayload,
} from '@fair-recruit/snapshot';
import { READ_MEASURE } from '../lib/timing.js';
import type { PackedEntries } from '@fair-recruit/snapshot';
import { asPackedByPreviousVersion } from './packed-entries-v2.testing.js';
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
/** A payload as plain JSON, without the columns that its entries may be views of. */
const plainPayload = (payload: SnapshotPayload | undefined): unknown =>
  plain({ ...payload, columns: undefined });

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

interface KeptRecord {
  entries: { format: number } | PackedEntries;
  index: {
    recordCount: number;
    format: number;
    nameKey: { text: string };
    domain: { text: string };
    phone: { text: string };
  };
  shared?: {
    names: boolean;
    domainSources: Int32Array | null;
    phoneSources: Int32Array | null;
  };
}

/** The record an exact name match gives. */
function byName(snapshot: HeldSnapshot, organizationName: string) {
  const [match] = matchAd(snapshot.index!, { organizationName }).matches;
  return match?.matchedBy === 'name' ? match.record : undefined;
}

const keptRecord = () => raw((store) => store.get(REGISTRY_URL) as IDBRequest<KeptRecord>);

afterEach(async () => {
  await raw((store) => store.clear());
});

describe('IndexedDbSnapshotStore', () => {
  it('gives the snapshot back with the index kept beside it, which matches as one built', async () => {
    await new IndexedDbSnapshotStore().put(held(ENTRIES));
    // A new store, as a restarted worker opens it.
    const back = await new IndexedDbSnapshotStore().get(REGISTRY_URL);
    expect(plainPayload(back?.payload)).toEqual(plainPayload(held(ENTRIES).payload));
    expect(back?.etag).toBe('"v7"');
    expect(back?.index?.records).toBe(back?.payload.entries);
    const verdict = matchAd(back!.index!, { domains: ['firm3.example'] }, { asOf: '2026-11-02' });
    expect(verdict.verdict).toBe('not_authorized');
    expect(verdict.matches[0].record).toBe(back!.payload.entries[3]);
    const fuzzy = matchAd(back!.index!, { organizationName: 'Firm 12 Kare Staffing' });
    expect(fuzzy.possibleMatches).toContain('Firm 12 Care Staffing Ltd');
    // The read's timing says how much the record held: the names at least, and the fixed-size
    // tables of an index (a trigram table starts at 256 kB), nowhere near a megabyte.
    const [read] = performance.getEntriesByName(READ_MEASURE).slice(-1) as PerformanceMeasure[];
    const { keptMb } = read.detail as { keptMb: number };
    const names = ENTRIES.reduce((sum, e) => sum + e.legalName.length, 0);
    expect(keptMb * 1e6).toBeGreaterThan(names);
    expect(keptMb * 1e6).toBeLessThan(1e6);
  });

  it('keeps a snapshot downloaded in format 2 as the columns it came in, and gives them back', async () => {
    const keys = await generateKeyPair();
    const key = publishedKeyFor(keys.publicKey);
    const envelope = await signEnvelope(serializePayload(held(ENTRIES).payload, 2), {
      keyId: key.keyId,
      privateKey: keys.privateKey,
    });
    const read = await verifyEnvelope(envelope, {
      pinnedKeys: [key],
      now: new Date('2026-11-02T00:00:00Z'),
    });
    if (!read.ok || isSnapshotDelta(read.payload)) throw new Error('not a snapshot');
    const downloaded = { ...held(ENTRIES), payload: read.payload };

    const put = await new IndexedDbSnapshotStore().put(downloaded);

    expect(put.payload.columns).toBe(read.payload.columns);
    expect(put.payload.entries).toBe(read.payload.entries);
    expect(put.index?.records).toBe(read.payload.entries);
    expect((await keptRecord()).entries).toEqual(read.payload.columns);
    const back = await new IndexedDbSnapshotStore().get(REGISTRY_URL);
    // In the snapshot's order (by legal name), as downloaded.
    expect(plainPayload(back?.payload)).toEqual(plainPayload(read.payload));
    expect(back?.payload.columns).toEqual(read.payload.columns);
    const firm5 = back!.payload.entries.findIndex((entry) => entry.id === 'GB:GBREC5');
    expect(matchAd(back!.index!, { domains: ['firm5.example'] }).matches[0].record).toBe(
      back!.payload.entries[firm5],
    );
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
    expect(plainPayload(back?.payload)).toEqual(plainPayload(previous.payload));
    const kept = await raw(
      (store) => store.get(REGISTRY_URL) as IDBRequest<Record<string, unknown>>,
    );
    expect(Object.keys(kept).sort()).toEqual(
      ['entries', 'etag', 'head', 'index', 'shared', 'savedAt', 'url'].sort(),
    );
    expect((await new IndexedDbSnapshotStore().get(REGISTRY_URL))?.index).toBeDefined();
  });

  it('keeps the index without the names, domains and phones the entries hold, and finds them there', async () => {
    const entries = [
      ...ENTRIES.slice(0, 8),
      // Its own e-mail domain, two websites and two phones (one too short to be a key).
      entry(8, {
        domains: ['firm8.example', 'firm8-jobs.example'],
        emailDomains: ['firm8mail.example'],
        phones: ['+44 20 7946 0808', '123'],
      }),
      entry(9, { phones: ['+44 20 7946 0909'] }),
    ];
    await new IndexedDbSnapshotStore().put(held(entries));
    const kept = await keptRecord();
    expect(kept.shared?.names).toBe(true);
    expect([...kept.shared!.domainSources!].filter((source) => source < 0)).toEqual([-1]);
    expect(kept.shared?.phoneSources).toHaveLength(2);
    expect([kept.index.nameKey.text, kept.index.domain.text, kept.index.phone.text]).toEqual([
      '',
      '',
      '',
    ]);
    const back = (await new IndexedDbSnapshotStore().get(REGISTRY_URL))!;
    const [firm7, firm8, firm9] = back.payload.entries.slice(7);
    expect(byName(back, 'Firm 7 Care Staffing')).toBe(firm7);
    expect(
      back.index?.names.search('firm 7 care stafing', { minSimilarity: 0.5, limit: 1 }),
    ).toMatchObject([{ value: firm7, name: 'firm 7 care staffing' }]);
    const recordOf = (ad: Parameters<typeof matchAd>[1]) => matchAd(back.index!, ad).matches[0];
    expect(recordOf({ url: 'https://careers.firm8-jobs.example/x' })).toMatchObject({
      record: firm8,
      matchedBy: 'domain',
    });
    expect(recordOf({ emails: ['jobs@firm8mail.example'] })).toMatchObject({ record: firm8 });
    expect(recordOf({ phones: ['020 7946 0909'] })).toMatchObject({ record: firm9 });
    expect(recordOf({ domains: ['firm3.example'] })?.record).toBe(back.payload.entries[3]);
  });

  it("keeps the names in the index when they are not the entries' (an empty or repeated name)", async () => {
    const entries = [
      ...ENTRIES.slice(0, 5),
      entry(5, { normalizedNames: [] }),
      entry(6, { normalizedNames: ['firm 6 care staffing', 'firm 6 care staffing'] }),
    ];
    await new IndexedDbSnapshotStore().put(held(entries));
    const kept = await keptRecord();
    expect(kept.shared?.names).toBe(false);
    const back = await new IndexedDbSnapshotStore().get(REGISTRY_URL);
    // Entry 5's name is normalized from its legal name, as `buildIndex` does for an empty list.
    expect(byName(back!, 'Firm 5 Care Staffing')).toBe(back!.payload.entries[5]);
    expect(byName(back!, 'Firm 6 Care Staffing')).toBe(back!.payload.entries[6]);
  });

  it('builds and keeps the index again when the kept one does not fit or is of an older form', async () => {
    await new IndexedDbSnapshotStore().put(held(ENTRIES));
    for (const damage of [
      (kept: KeptRecord) => (kept.index.recordCount = 41),
      (kept: KeptRecord) => (kept.index.format = 1),
      (kept: KeptRecord) => (kept.shared!.names = false),
      (kept: KeptRecord) => kept.shared!.domainSources!.fill(9_999),
      (kept: KeptRecord) => kept.shared!.domainSources!.fill(-41),
      (kept: KeptRecord) => delete kept.shared,
      // Entries as the previous version packed them: every id kept.
      (kept: KeptRecord) => {
        kept.entries = asPackedByPreviousVersion(kept.entries as PackedEntries, ENTRIES);
      },
    ]) {
      const kept = await keptRecord();
      damage(kept);
      await raw((store) => store.put(kept));
      const back = await new IndexedDbSnapshotStore().get(REGISTRY_URL);
      expect(plainPayload(back?.payload)).toEqual(plainPayload(held(ENTRIES).payload));
      expect(matchAd(back!.index!, { domains: ['firm4.example'] }).matches[0].record).toBe(
        back!.payload.entries[4],
      );
      const again = await keptRecord();
      expect(again.index.recordCount).toBe(40);
      expect(again.index.format).toBe(2);
      expect(again.shared).toMatchObject({ names: true });
      expect(again.index.domain.text).toBe('');
      expect(again.entries.format).toBe(3);
    }
  });
});
