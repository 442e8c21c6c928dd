/**
 * @jest-environment node
 */
import {
  diffSnapshots,
  generateKeyPair,
  keyIdFor,
  serializePayload,
  signEnvelope,
  toBase64,
  type SignedEnvelope,
  type SnapshotDelta,
  type SnapshotEntry,
  type SnapshotPayload,
} from '@fair-recruit/snapshot';
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import type { RegistrySetting } from '../lib/settings.js';
import { syncRegistry, type SyncDependencies } from './registry-sync.js';
import { sampleEntry } from './sample-entries.js';
import { MemorySnapshotStore } from './snapshot-store.js';

const NOW = new Date('2026-11-01T12:00:00Z');

function entry(overrides: Partial<SnapshotEntry> = {}): SnapshotEntry {
  return sampleEntry({ normalizedNames: [], phones: [], ...overrides });
}

function payload(version: number, overrides: Partial<SnapshotPayload> = {}): SnapshotPayload {
  return {
    format: 1,
    version,
    generatedAt: '2026-11-01T00:00:00Z',
    expiresAt: '2026-11-15T00:00:00Z',
    issuer: { name: 'Test registry', url: 'https://registry.example' },
    jurisdictions: ['GB'],
    entries: [entry()],
    safeguardsList: SAFEGUARDS_LIST_2023,
    ...overrides,
  };
}

interface Served {
  status: number;
  body?: unknown;
  etag?: string;
}

async function setup() {
  const keys = await generateKeyPair();
  const signingKey = { keyId: keyIdFor(keys.publicKey), privateKey: keys.privateKey };
  const registry: RegistrySetting = {
    url: 'https://registry.example',
    publicKey: toBase64(keys.publicKey),
  };
  const requests: { url: string; headers: Record<string, string> }[] = [];
  let next: Served | Error = { status: 503 };
  const store = new MemorySnapshotStore();
  // The registry is another system: its HTTP answers are scripted here.
  const deps: SyncDependencies = {
    store,
    now: () => NOW,
    fetch: (input, init) => {
      requests.push({
        url: input as string,
        headers: (init?.headers ?? {}) as Record<string, string>,
      });
      if (next instanceof Error) return Promise.reject(next);
      const { status, body, etag } = next;
      return Promise.resolve(
        new Response(
          status === 304 ? null : typeof body === 'string' ? body : JSON.stringify(body),
          {
            status,
            headers: etag ? { etag } : {},
          },
        ),
      );
    },
  };
  const sign = (p: SnapshotPayload | SnapshotDelta) =>
    signEnvelope(serializePayload(p), signingKey);
  return {
    registry,
    deps,
    store,
    requests,
    sign,
    serve(answer: Served | Error) {
      next = answer;
    },
  };
}

describe('syncRegistry', () => {
  it('stores a verified snapshot, then asks for a delta with its ETag', async () => {
    const t = await setup();
    t.serve({ status: 200, body: await t.sign(payload(3)), etag: '"3"' });
    expect(await syncRegistry(t.registry, t.deps)).toMatchObject({ kind: 'updated' });
    expect(t.store.held.get(t.registry.url)).toMatchObject({
      etag: '"3"',
      payload: { version: 3 },
    });

    t.serve({ status: 304 });
    expect(await syncRegistry(t.registry, t.deps)).toEqual({ kind: 'unchanged' });
    expect(t.requests[1]).toEqual({
      url: 'https://registry.example/api/v1/snapshot?format=2&since=3',
      headers: expect.objectContaining({ 'if-none-match': '"3"' }),
    });
  });

  it('applies a delta to the snapshot it holds', async () => {
    const t = await setup();
    t.serve({ status: 200, body: await t.sign(payload(3)) });
    await syncRegistry(t.registry, t.deps);
    const newer = payload(4, {
      entries: [entry({ status: 'suspended', statusReason: 'Fees charged to nurses' })],
    });
    const delta = diffSnapshots(payload(3), newer);
    t.serve({ status: 200, body: await t.sign(delta) });
    expect(await syncRegistry(t.registry, t.deps)).toMatchObject({ kind: 'updated', delta: true });
    expect(t.store.held.get(t.registry.url)?.payload).toMatchObject({
      version: 4,
      entries: [{ status: 'suspended', statusReason: 'Fees charged to nurses' }],
    });
  });

  it('rejects a tampered snapshot and keeps the last good one', async () => {
    const t = await setup();
    t.serve({ status: 200, body: await t.sign(payload(3)) });
    await syncRegistry(t.registry, t.deps);
    const good: SignedEnvelope = await t.sign(payload(4));
    const tampered = { ...good, payload: good.payload.replace('"authorized"', '"suspended"') };
    t.serve({ status: 200, body: tampered });
    const outcome = await syncRegistry(t.registry, t.deps);
    expect(outcome).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('signature'),
    });
    expect(t.store.held.get(t.registry.url)?.payload.version).toBe(3);
  });

  it('rejects an expired snapshot and an older version', async () => {
    const t = await setup();
    t.serve({ status: 200, body: await t.sign(payload(5, { expiresAt: '2026-10-01T00:00:00Z' })) });
    expect(await syncRegistry(t.registry, t.deps)).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('expired'),
    });
    expect(t.store.held.size).toBe(0);

    t.serve({ status: 200, body: await t.sign(payload(5)) });
    await syncRegistry(t.registry, t.deps);
    t.serve({ status: 200, body: await t.sign(payload(4)) });
    expect(await syncRegistry(t.registry, t.deps)).toMatchObject({
      kind: 'failed',
      message: expect.stringContaining('older'),
    });
    expect(t.store.held.get(t.registry.url)?.payload.version).toBe(5);
  });

  it('says so in plain words when the registry is unreachable or answers garbage', async () => {
    const t = await setup();
    t.serve(new TypeError('fetch failed'));
    expect(await syncRegistry(t.registry, t.deps)).toEqual({
      kind: 'failed',
      message: 'Could not reach the registry at https://registry.example.',
    });
    t.serve({ status: 200, body: '<html>Bad gateway</html>' });
    expect(await syncRegistry(t.registry, t.deps)).toMatchObject({
      message: 'The registry answered something that is not a snapshot.',
    });
    t.serve({ status: 200, body: { hello: 'world' } });
    expect(await syncRegistry(t.registry, t.deps)).toMatchObject({
      message: expect.stringContaining('not a signed snapshot'),
    });
  });
});
