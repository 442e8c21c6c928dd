/**
 * @jest-environment node
 */
import 'fake-indexeddb/auto';
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import {
  generateKeyPair,
  keyIdFor,
  serializePayload,
  signEnvelope,
  toBase64,
  type SnapshotEntry,
  type SnapshotPayload,
} from '@fair-recruit/snapshot';
import type { RegistrySetting } from '../lib/settings.js';
import { INDEX_MEASURE } from '../lib/timing.js';
import { RegistryHub, type HubDependencies, type StoredStatus } from './registry-hub.js';
import { SAMPLE_ENTRIES } from './sample-entries.js';
import {
  IndexedDbSnapshotStore,
  MemorySnapshotStore,
  type SnapshotStore,
} from './snapshot-store.js';

const NOW = new Date('2026-11-01T12:00:00Z');

/** A registry the worker follows: its signed snapshot, served by the scripted fetch below. */
async function registry(url: string, name: string, entries: readonly SnapshotEntry[]) {
  const keys = await generateKeyPair();
  const payload: SnapshotPayload = {
    format: 1,
    version: 3,
    generatedAt: '2026-11-01T00:00:00Z',
    expiresAt: '2026-11-15T00:00:00Z',
    issuer: { name, url },
    jurisdictions: [...new Set(entries.map((entry) => entry.jurisdiction))],
    entries: [...entries],
    safeguardsList: SAFEGUARDS_LIST_2023,
  };
  const envelope = await signEnvelope(serializePayload(payload), {
    keyId: keyIdFor(keys.publicKey),
    privateKey: keys.privateKey,
  });
  const setting: RegistrySetting = { url, publicKey: toBase64(keys.publicKey) };
  return { setting, body: JSON.stringify(envelope) };
}

type Registry = Awaited<ReturnType<typeof registry>>;

/** A worker: a hub over `store`, the registries reachable or not. */
function worker(
  store: SnapshotStore,
  registries: Registry[],
  reachable = true,
  changed?: () => Promise<void>,
): RegistryHub {
  let statuses: Record<string, StoredStatus> = {};
  const deps: HubDependencies = {
    store,
    now: () => NOW,
    // The registries are other systems: their HTTP answers are scripted here.
    fetch: (input) => {
      const url = input instanceof Request ? input.url : input.toString();
      const served = registries.find(({ setting }) => url.startsWith(setting.url));
      if (!reachable || !served) return Promise.reject(new TypeError('fetch failed'));
      return Promise.resolve(new Response(served.body, { status: 200 }));
    },
    settings: () =>
      Promise.resolve({
        registries: registries.map(({ setting }) => setting),
        onlyNonGreen: false,
        language: 'browser',
      }),
    statuses: {
      get: () => Promise.resolve({ ...statuses }),
      set: (next) => Promise.resolve(void (statuses = next)),
    },
    changed,
  };
  return new RegistryHub(deps);
}

const [meridian, saoJoao, irish] = SAMPLE_ENTRIES;

describe('RegistryHub', () => {
  it('answers after a restart from the stored snapshot and the index kept beside it', async () => {
    const gb = await registry('https://gb.registry.example', 'GB registry', SAMPLE_ENTRIES);
    await worker(new IndexedDbSnapshotStore(), [gb]).refresh();
    performance.clearMeasures(INDEX_MEASURE);

    // The worker is stopped and started again; the registry cannot be reached now.
    const restarted = worker(new IndexedDbSnapshotStore(), [gb], false);
    const [byName, byTypo, byLicence] = await restarted.match([
      // The revoked Irish sample has the same name: the job's country decides between them.
      { organizationName: meridian.legalName, text: 'Staff nurse, Leeds.', jobCountry: 'GB' },
      { organizationName: 'Meridian Kare Staffing' },
      { text: `Licence No. ${irish.registrationNumber}.` },
    ]);
    expect(byName).toMatchObject({
      verdict: 'authorized',
      label: 'Authorized — GB registry, valid until 2027-12-31',
      record: { legalName: meridian.legalName, registryUrl: 'https://gb.registry.example' },
    });
    expect(byTypo).toMatchObject({
      verdict: 'possible_match',
      possibleMatches: [meridian.legalName],
    });
    expect(byLicence).toMatchObject({
      verdict: 'not_authorized',
      record: { effectiveStatus: 'revoked' },
    });
    const loads = performance
      .getEntriesByName(INDEX_MEASURE)
      .map(
        (entry) => (entry as PerformanceMeasure).detail as { restored: number; records: number },
      );
    expect(loads).toEqual([
      expect.objectContaining({ restored: 1, records: SAMPLE_ENTRIES.length }),
    ]);
  });

  it('starts reading the kept snapshot when warmed, before any question, and reads it once', async () => {
    const gb = await registry('https://gb.registry.example', 'GB registry', SAMPLE_ENTRIES);
    const store = new IndexedDbSnapshotStore();
    await worker(store, [gb]).refresh();
    const reads: string[] = [];
    const counting: SnapshotStore = {
      get: (url) => (reads.push(url), store.get(url)),
      put: (snapshot) => store.put(snapshot),
      delete: (url) => store.delete(url),
    };
    const restarted = worker(counting, [gb], false);
    restarted.warm();
    expect(reads).toEqual([]); // the settings are read first
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reads).toEqual(['https://gb.registry.example']);
    const [verdict] = await restarted.match([{ domains: ['meridiancare.example'] }]);
    expect(verdict).toMatchObject({ verdict: 'authorized' });
    expect(reads).toHaveLength(1);
  });

  it('names, for each ad, the registry whose record matched when several are followed', async () => {
    const gb = await registry('https://gb.registry.example', 'GB registry', [meridian, irish]);
    const ph = await registry('https://ph.registry.example', 'PH registry', [saoJoao]);
    const hub = worker(new MemorySnapshotStore(), [gb, ph]);
    await hub.refresh();
    const [fromGb, fromPh] = await hub.match([
      { domains: ['meridiancare.example'] },
      { organizationName: 'Agência São João Lda' },
    ]);
    expect(fromGb).toMatchObject({
      verdict: 'authorized',
      record: {
        registryName: 'GB registry',
        registryUrl: 'https://gb.registry.example',
        // The portal page, not the API's JSON: a health worker opens it from the badge.
        publicUrl:
          'https://gb.registry.example/recruiters/lookup?jurisdiction=GB&registrationNumber=GB-REC-1042&lang=en',
      },
    });
    expect(fromPh).toMatchObject({
      verdict: 'not_authorized',
      label: 'Suspended — since 2026-10-02: Fees charged to nurses',
      record: {
        registryName: 'PH registry',
        registryUrl: 'https://ph.registry.example',
        publicUrl:
          'https://ph.registry.example/recruiters/lookup?jurisdiction=PH&registrationNumber=DMW-123-LB-03-45-2020&lang=en',
      },
    });
    expect((await hub.status()).map((status) => [status.url, status.entries])).toEqual([
      ['https://gb.registry.example', 2],
      ['https://ph.registry.example', 1],
    ]);
  });

  it('says when what ads are matched against changed, and not after a refresh that brought nothing', async () => {
    const gb = await registry('https://gb.registry.example', 'GB registry', SAMPLE_ENTRIES);
    let told = 0;
    const hub = worker(new MemorySnapshotStore(), [gb], true, () => Promise.resolve(void told++));
    await hub.match([{ organizationName: meridian.legalName }]); // loaded: nothing held yet
    await hub.refresh();
    expect(told).toBe(1);
    await hub.refresh(); // the same snapshot again, the same settings (read afresh)
    expect(told).toBe(1);
  });

  it('says an ad was not checked while it holds no snapshot', async () => {
    const gb = await registry('https://gb.registry.example', 'GB registry', SAMPLE_ENTRIES);
    const hub = worker(new MemorySnapshotStore(), [gb], false);
    expect(await hub.match([{ organizationName: meridian.legalName }])).toEqual([
      expect.objectContaining({ verdict: 'not_checked', redFlags: [] }),
    ]);
    const [status] = await hub.status();
    expect(status).toMatchObject({ usable: false, error: 'No snapshot downloaded yet.' });
  });
});
