import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import {
  generateKeyPair,
  publishedKeyFor,
  verifyEnvelope,
  type PublishedKey,
  type SigningKey,
} from '@fair-recruit/snapshot';
import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { loadConfig } from '../config/app-config.js';
import type { SafeguardsListService } from '../open-data/safeguards-list.service.js';
import { RegistryEvents } from '../recruiters/registry-events.js';
import type { SigningKeyService } from '../signing/signing-key.service.js';
import type { SnapshotRow, SnapshotStore, SnapshotVersionRow } from './snapshot-store.js';
import { SnapshotService, type SnapshotAnswer } from './snapshot.service.js';

/** The store's contract in memory: rows to read, and the versions table with its reuse rule. */
class FakeStore {
  data: SnapshotRow[] = [];
  reads = 0;
  versions: SnapshotVersionRow[] = [];

  rows(): Promise<SnapshotRow[]> {
    this.reads += 1;
    return Promise.resolve(this.data.map((row) => ({ ...row })));
  }

  jurisdictions(): Promise<string[]> {
    return Promise.resolve(['GB']);
  }

  latestVersion(): Promise<number | null> {
    return Promise.resolve(this.versions.at(-1)?.version ?? null);
  }

  versionFor(
    contentHash: string,
    now: Date,
    validityMs: number,
    reusable: (latest: SnapshotVersionRow) => boolean,
  ): Promise<SnapshotVersionRow> {
    const latest = this.versions.at(-1);
    if (latest && latest.contentHash === contentHash && reusable(latest)) {
      return Promise.resolve(latest);
    }
    const row = {
      version: this.versions.length + 1,
      generatedAt: now,
      expiresAt: new Date(now.getTime() + validityMs),
      contentHash,
    };
    this.versions.push(row);
    return Promise.resolve(row);
  }
}

function recruiter(n: number, overrides: Partial<SnapshotRow> = {}): SnapshotRow {
  return {
    jurisdiction: 'GB',
    registrationKey: `GBREC${n}`,
    registrationNumber: `GB-REC-${n}`,
    kind: 'recruiter',
    legalName: `Recruiter ${n} Ltd`,
    tradingNames: [],
    domains: [`recruiter${n}.example`],
    emailDomains: [],
    phones: [],
    status: 'authorized',
    authorizedFrom: '2025-01-01',
    authorizedUntil: null,
    statusChangedAt: '2025-01-01',
    statusReason: 'Licence granted',
    ...overrides,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Harness {
  service: SnapshotService;
  store: FakeStore;
  events: RegistryEvents;
  keys: PublishedKey[];
  signing: { signingKey: SigningKey };
}

const started: SnapshotService[] = [];

async function start(env: Record<string, string> = {}): Promise<Harness> {
  const store = new FakeStore();
  store.data = [recruiter(1), recruiter(2)];
  const events = new RegistryEvents();
  const pair = await generateKeyPair();
  const published = publishedKeyFor(pair.publicKey);
  const signing = { signingKey: { keyId: published.keyId, privateKey: pair.privateKey } };
  const service = new SnapshotService(
    loadConfig({ SNAPSHOT_DEBOUNCE_MS: '20', LOG_LEVEL: 'silent', ...env }),
    store as unknown as SnapshotStore,
    signing as unknown as SigningKeyService,
    events,
    { current: () => Promise.resolve(SAFEGUARDS_LIST_2023) } as unknown as SafeguardsListService,
  );
  service.onApplicationBootstrap();
  started.push(service);
  return { service, store, events, keys: [published], signing };
}

async function version(service: SnapshotService): Promise<number> {
  const answer = await service.answer(undefined, undefined);
  if (answer.status !== 200) throw new Error('expected a snapshot');
  return Number(answer.etag.replace(/"/g, ''));
}

function body(answer: SnapshotAnswer): unknown {
  if (answer.status !== 200) throw new Error('expected a snapshot');
  return JSON.parse(answer.representation.identity.toString('utf8'));
}

beforeAll(() => {
  // Failures are logged by design; the tests assert on what the service answers.
  Logger.overrideLogger(false);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(started.splice(0).map((service) => service.onModuleDestroy()));
});

describe(SnapshotService.name, () => {
  it('makes the first request wait for the first build', async () => {
    const { service, keys } = await start();

    const answer = await service.answer(undefined, undefined);

    expect(answer).toMatchObject({ status: 200, kind: 'full', etag: '"1"' });
    expect(await verifyEnvelope(body(answer), { pinnedKeys: keys })).toMatchObject({ ok: true });
  });

  it('folds a burst of changes into one build', async () => {
    const { service, store, events } = await start();
    await version(service);

    for (let i = 0; i < 10; i++) events.changed('GB');
    await sleep(300);

    expect(store.reads).toBe(2);
  });

  it('never builds for a request', async () => {
    const { service, store } = await start();
    await version(service);

    for (let i = 0; i < 5; i++) await service.answer(undefined, undefined);

    expect(store.reads).toBe(1);
  });

  it('keeps its version when a change leaves the content as it was', async () => {
    const { service, store, events } = await start();
    const first = await version(service);

    events.changed('GB');
    await sleep(200);

    expect(store.reads).toBe(2);
    expect(await version(service)).toBe(first);
    expect(store.versions).toHaveLength(1);
  });

  it('publishes a higher version when the content changed', async () => {
    const { service, store, events } = await start();
    const first = await version(service);

    store.data[1] = recruiter(2, { status: 'suspended', statusReason: 'Fees charged' });
    events.changed('GB');
    await sleep(200);

    expect(await version(service)).toBeGreaterThan(first);
  });

  it('renews an unchanged snapshot past half of its validity', async () => {
    const { service, events } = await start({ SNAPSHOT_VALIDITY_HOURS: '2' });
    const first = await version(service);
    const later = Date.now() + 61 * 60_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);

    events.changed('GB');
    await sleep(200);

    expect(await version(service)).toBeGreaterThan(first);
  });

  it('answers 503, and never the payload unsigned, when the snapshot cannot be signed', async () => {
    const { service, store, events, signing } = await start();
    await version(service);
    Object.defineProperty(signing, 'signingKey', {
      get() {
        throw new Error('signing device unavailable');
      },
    });

    store.data.push(recruiter(3));
    events.changed('GB');
    await sleep(200);

    await expect(service.answer(undefined, undefined)).rejects.toMatchObject({
      status: 503,
      code: 'snapshot_unavailable',
    });
  });

  it('answers 503 when no snapshot could be built at all', async () => {
    const store = new FakeStore();
    jest.spyOn(store, 'rows').mockRejectedValue(new Error('database unavailable'));
    const service = new SnapshotService(
      loadConfig({ LOG_LEVEL: 'silent' }),
      store as unknown as SnapshotStore,
      {} as SigningKeyService,
      new RegistryEvents(),
      { current: () => Promise.resolve(SAFEGUARDS_LIST_2023) } as unknown as SafeguardsListService,
    );
    service.onApplicationBootstrap();
    started.push(service);

    await expect(service.answer(undefined, undefined)).rejects.toMatchObject({ status: 503 });
  });

  it('answers a version it holds with a delta, computed once for every client', async () => {
    const { service, store, events, keys } = await start();
    const first = await version(service);
    store.data.push(recruiter(3));
    events.changed('GB');
    await sleep(200);

    const one = await service.answer(first, undefined);
    const two = await service.answer(first, undefined);

    expect(one).toMatchObject({ status: 200, kind: 'delta' });
    expect(two.status === 200 && one.status === 200 && two.representation).toBe(
      one.status === 200 && one.representation,
    );
    const result = await verifyEnvelope(body(one), { pinnedKeys: keys, minVersion: first });
    expect(result).toMatchObject({
      ok: true,
      payload: { kind: 'delta', baseVersion: first, upserts: [{ id: 'GB:GBREC3' }], removals: [] },
    });
  });
});
