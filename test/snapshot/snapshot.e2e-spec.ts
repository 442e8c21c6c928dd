import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import {
  applyDelta,
  generateKeyPair,
  isSnapshotDelta,
  plainEntry,
  toBase64,
  verifyEnvelope,
  type PublishedKey,
  type SnapshotDelta,
  type SnapshotEntry,
  type SnapshotPayload,
} from '@fair-recruit/snapshot';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { SigningKeyService } from '../../apps/api/src/signing/signing-key.service.js';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext, type TestResponse } from '../support/test-app.js';

const SNAPSHOT = '/api/v1/snapshot';
const DAY = (date: Date) => date.toISOString().slice(0, 10);

async function pinnedKeys(ctx: TestContext): Promise<PublishedKey[]> {
  const res = await ctx.request('GET', `${SNAPSHOT}/keys`);
  expect(res.status).toBe(200);
  return res.body.keys as PublishedKey[];
}

/** The verified payload of a snapshot answer; fails the test if it does not verify. */
async function verified(ctx: TestContext, res: TestResponse) {
  expect(res.status).toBe(200);
  const result = await verifyEnvelope(res.body, { pinnedKeys: await pinnedKeys(ctx) });
  if (!result.ok) throw new Error(`snapshot did not verify: ${result.reason} ${result.detail}`);
  return result.payload;
}

async function fullSnapshot(ctx: TestContext): Promise<SnapshotPayload> {
  const payload = await verified(ctx, await ctx.request('GET', SNAPSHOT));
  if (isSnapshotDelta(payload)) throw new Error('expected a full snapshot');
  return payload;
}

/** Polls GET /snapshot (the build is debounced and runs in the background) until `done`. */
async function snapshotWhere(
  ctx: TestContext,
  done: (payload: SnapshotPayload) => boolean,
): Promise<SnapshotPayload> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const payload = await fullSnapshot(ctx);
    if (done(payload)) return payload;
    if (Date.now() > deadline) throw new Error(`no such snapshot; last was ${payload.version}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function recruiterKey(ctx: TestContext, id: string): Promise<string> {
  const res = await ctx.request('GET', `/api/v1/recruiters/${id}`);
  return `${res.body.jurisdiction}:${String(res.body.registrationNumber)
    .replace(/[^A-Za-z0-9]/g, '')
    .toUpperCase()}`;
}

const byId = (entries: SnapshotEntry[]) => [...entries].sort((a, b) => (a.id < b.id ? -1 : 1));

/** GET with node:http, which (unlike fetch) hands back the bytes as sent. */
function rawGet(
  ctx: TestContext,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${ctx.baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('GET /snapshot', () => {
  let ctx: TestContext;
  let gb: string;

  beforeAll(async () => {
    ctx = await createTestContext({ SNAPSHOT_DEBOUNCE_MS: '50', SNAPSHOT_VALIDITY_HOURS: '24' });
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    gb = (await ctx.newUser('regulator', ['GB', 'PH'])).token;
  });
  afterAll(() => ctx.close());

  it('publishes its key, and an envelope that verifies against it with the version as ETag', async () => {
    const keys = await pinnedKeys(ctx);
    expect(keys).toEqual([
      {
        keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
        alg: 'Ed25519',
        publicKey: expect.any(String),
      },
    ]);

    const res = await ctx.request('GET', SNAPSHOT);
    const payload = (await verified(ctx, res)) as SnapshotPayload;

    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('etag')).toBe(`"${payload.version}"`);
    expect(res.body).toMatchObject({ keyId: keys[0].keyId, alg: 'Ed25519' });
    expect(payload).toMatchObject({
      format: 1,
      issuer: { name: 'Fair Recruit registry', url: 'http://localhost:3000' },
      safeguardsList: { edition: SAFEGUARDS_LIST_2023.edition },
    });
    expect(payload.version).toBeGreaterThanOrEqual(1);
  });

  it('stays valid for SNAPSHOT_VALIDITY_HOURS after it was generated', async () => {
    const payload = await fullSnapshot(ctx);

    expect(Date.parse(payload.expiresAt) - Date.parse(payload.generatedAt)).toBe(24 * 3_600_000);
  });

  it('shows a recruiter registered then suspended in the next snapshot, with a higher version', async () => {
    const before = await fullSnapshot(ctx);

    const id = await newRecruiter(
      ctx,
      gb,
      'GB',
      {
        legalName: 'Saltire Nursing Partners Ltd',
        tradingNames: ['Saltire Nurses'],
        domains: ['saltire-nursing.example'],
        emailDomains: ['saltire-nursing.example'],
        phones: ['+442079460000'],
        authorizedFrom: '2025-01-01',
        authorizedUntil: '2030-12-31',
      },
      'suspended',
    );
    const key = await recruiterKey(ctx, id);
    const after = await snapshotWhere(ctx, (p) =>
      p.entries.some((e) => e.id === key && e.status === 'suspended'),
    );

    expect(after.version).toBeGreaterThan(before.version);
    expect(after.entries.find((e) => e.id === key)).toEqual({
      id: key,
      jurisdiction: 'GB',
      registrationNumber: expect.any(String),
      kind: 'recruiter',
      legalName: 'Saltire Nursing Partners Ltd',
      tradingNames: ['Saltire Nurses'],
      normalizedNames: ['saltire nursing partners', 'saltire nurses'],
      domains: ['saltire-nursing.example'],
      emailDomains: ['saltire-nursing.example'],
      phones: ['+442079460000'],
      status: 'suspended',
      authorizedFrom: '2025-01-01',
      authorizedUntil: '2030-12-31',
      statusChangedAt: DAY(new Date()),
      statusReason: 'test: suspended',
    });
  });

  it('includes recruiters of every status, for red badges as well as green ones', async () => {
    const statuses = ['pending', 'authorized', 'refused', 'revoked'] as const;
    const keys = new Map<string, string>();
    for (const status of statuses) {
      const id = await newRecruiter(ctx, gb, 'PH', {}, status === 'pending' ? undefined : status);
      keys.set(await recruiterKey(ctx, id), status);
    }

    const payload = await snapshotWhere(ctx, (p) =>
      [...keys].every(([key, status]) =>
        p.entries.some((e) => e.id === key && e.status === status),
      ),
    );

    expect(payload.jurisdictions).toEqual(['GB', 'PH']);
    expect(new Set(payload.entries.map((e) => e.status))).toEqual(
      new Set(['pending', 'authorized', 'refused', 'suspended', 'revoked']),
    );
  });

  it('carries no internal or private field of a recruiter', async () => {
    const id = await newRecruiter(ctx, gb, 'GB', {
      legalName: 'Quillon Care Services Ltd',
      internalNotes: 'INTERNAL-NOTE-7731 owner under investigation',
      conditions: 'CONDITION-5518 no recruitment from safeguards list',
      address: { street: '12 STREET-9042', city: 'Leeds', country: 'GB' },
    });
    const key = await recruiterKey(ctx, id);
    await snapshotWhere(ctx, (p) => p.entries.some((e) => e.id === key));

    const res = await ctx.request('GET', SNAPSHOT);
    const payloadText = res.body.payload as string;

    for (const secret of ['INTERNAL-NOTE-7731', 'CONDITION-5518', 'STREET-9042', id]) {
      expect(payloadText).not.toContain(secret);
    }
    for (const field of ['internalNotes', 'conditions', 'address', 'sector', 'changedBy']) {
      expect(payloadText).not.toContain(`"${field}"`);
    }
  });

  it('carries the safeguards list an administrator publishes, in the next snapshot and its delta', async () => {
    const older = await fullSnapshot(ctx);
    const admin = await ctx.newUser('admin');
    const edition = {
      edition: '2026 (snapshot test)',
      source: 'Safeguards list, test edition',
      countries: [{ code: 'GH', name: 'Ghana', whoRegion: 'AFR' }],
    };
    const put = await ctx.request('PUT', '/api/v1/safeguards-list', {
      token: admin.token,
      body: edition,
    });
    expect(put.status).toBe(200);

    const newer = await snapshotWhere(ctx, (p) => p.safeguardsList.edition === edition.edition);
    const delta = (await verified(
      ctx,
      await ctx.request('GET', `${SNAPSHOT}?since=${older.version}`),
    )) as SnapshotDelta;

    expect(newer.safeguardsList).toEqual(edition);
    expect(delta.safeguardsList).toEqual(edition);
    expect(delta.upserts).toEqual([]);
  });

  describe('conditional requests', () => {
    it('answers 304 to If-None-Match with the current ETag, weak or strong', async () => {
      const res = await ctx.request('GET', SNAPSHOT);
      const etag = res.headers.get('etag')!;

      for (const ifNoneMatch of [etag, `W/${etag}`, `"0", ${etag}`]) {
        const again = await ctx.request('GET', SNAPSHOT, {
          headers: { 'if-none-match': ifNoneMatch },
        });
        expect(again.status).toBe(304);
        expect(again.text).toBe('');
        expect(again.headers.get('etag')).toBe(etag);
      }
    });

    it('answers 200 to If-None-Match with an older ETag', async () => {
      const res = await ctx.request('GET', SNAPSHOT, { headers: { 'if-none-match': '"0"' } });

      expect(res.status).toBe(200);
    });

    it('answers 304 to ?since= the current version', async () => {
      const { version } = await fullSnapshot(ctx);

      expect((await ctx.request('GET', `${SNAPSHOT}?since=${version}`)).status).toBe(304);
    });
  });

  describe('?since=', () => {
    it('gives a signed delta that applyDelta turns into the newer snapshot', async () => {
      const older = await fullSnapshot(ctx);
      const changed = older.entries.find((e) => e.jurisdiction === 'PH' && e.status === 'pending');
      const id = await newRecruiter(ctx, gb, 'PH', { legalName: 'Kestrel Workforce Inc.' });
      const added = await recruiterKey(ctx, id);
      const newer = await snapshotWhere(ctx, (p) => p.entries.some((e) => e.id === added));

      const res = await ctx.request('GET', `${SNAPSHOT}?since=${older.version}`);
      const delta = (await verified(ctx, res)) as SnapshotDelta;

      expect(delta).toMatchObject({ kind: 'delta', baseVersion: older.version });
      expect(delta.version).toBe(newer.version);
      expect(res.headers.get('etag')).toBe(`"${newer.version}"`);
      expect(delta.upserts.map((e) => e.id)).toContain(added);
      expect(delta.upserts.length).toBeLessThan(newer.entries.length);
      if (changed) expect(delta.upserts.map((e) => e.id)).not.toContain(changed.id);
      const applied = applyDelta(older, delta);
      expect(byId(applied.entries)).toEqual(byId(newer.entries));
      expect({ ...applied, entries: [] }).toEqual({ ...newer, entries: [] });
    });

    it.each(['abc', '0', '-1', '1.5', '1e3', ' 7', '99999999999999999999'])(
      'refuses since=%j with a 400 naming since',
      async (since) => {
        const res = await ctx.request('GET', `${SNAPSHOT}?since=${encodeURIComponent(since)}`);

        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual([{ field: 'since', message: expect.any(String) }]);
      },
    );

    it('answers a version it never published with the full snapshot', async () => {
      const current = await fullSnapshot(ctx);

      const res = await ctx.request('GET', `${SNAPSHOT}?since=${current.version + 1000}`);
      const payload = await verified(ctx, res);

      expect(isSnapshotDelta(payload)).toBe(false);
      expect(payload.version).toBe(current.version);
    });
  });

  describe('?format=2', () => {
    const plain = (entries: SnapshotEntry[]) => byId(entries.map(plainEntry));

    it('gives the same snapshot packed, with its own ETag, and 304 to it', async () => {
      const packedRes = await ctx.request('GET', `${SNAPSHOT}?format=2`);
      const packed = (await verified(ctx, packedRes)) as SnapshotPayload;
      const columnar = await fullSnapshot(ctx);

      expect(packed.format).toBe(2);
      expect(packed.version).toBe(columnar.version);
      expect(packed.entries.length).toBeGreaterThan(0);
      expect(plain(packed.entries)).toEqual(byId(columnar.entries));
      expect(packed.columns?.count).toBe(columnar.entries.length);
      const etag = packedRes.headers.get('etag');
      expect(etag).toBe(`"${packed.version}-f2"`);
      const again = await ctx.request('GET', `${SNAPSHOT}?format=2`, {
        headers: { 'if-none-match': etag! },
      });
      expect(again.status).toBe(304);
      // Format 1's ETag names other bytes.
      const other = await ctx.request('GET', `${SNAPSHOT}?format=2`, {
        headers: { 'if-none-match': `"${packed.version}"` },
      });
      expect(other.status).toBe(200);
    });

    it('gives a delta in format 2 that applyDelta turns into the newer snapshot', async () => {
      const older = (await verified(
        ctx,
        await ctx.request('GET', `${SNAPSHOT}?format=2`),
      )) as SnapshotPayload;
      const id = await newRecruiter(ctx, gb, 'GB', { legalName: 'Osprey Packed Care Ltd' });
      const added = await recruiterKey(ctx, id);
      const newer = await snapshotWhere(ctx, (p) => p.entries.some((e) => e.id === added));

      const res = await ctx.request('GET', `${SNAPSHOT}?format=2&since=${older.version}`);
      const delta = (await verified(ctx, res)) as SnapshotDelta;

      expect(delta).toMatchObject({ format: 2, kind: 'delta', baseVersion: older.version });
      expect(res.headers.get('etag')).toBe(`"${newer.version}-f2"`);
      expect(delta.upserts.map((e) => e.id)).toContain(added);
      expect(plain(applyDelta(older, delta).entries)).toEqual(byId(newer.entries));
    });

    it.each(['3', '0', 'packed', ''])(
      'refuses format=%j with a 400 naming format',
      async (format) => {
        const res = await ctx.request('GET', `${SNAPSHOT}?format=${format}`);

        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([{ field: 'format', message: 'format must be 1 or 2' }]);
      },
    );
  });

  describe('integrity and encoding', () => {
    it('fails verification when one byte of the payload is changed', async () => {
      const res = await ctx.request('GET', SNAPSHOT);
      const payload = res.body.payload as string;
      const i = payload.indexOf('"legalName"') + 15;
      const tampered =
        payload.slice(0, i) + (payload[i] === 'X' ? 'Y' : 'X') + payload.slice(i + 1);

      const result = await verifyEnvelope(
        { ...res.body, payload: tampered },
        { pinnedKeys: await pinnedKeys(ctx) },
      );

      expect(result).toMatchObject({ ok: false, reason: 'bad_signature' });
    });

    it('sends gzip bytes that decode to the same envelope when the client accepts gzip', async () => {
      const identity = await rawGet(ctx, SNAPSHOT, { 'accept-encoding': 'identity' });
      const gzipped = await rawGet(ctx, SNAPSHOT, { 'accept-encoding': 'gzip, deflate, br' });

      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(gzipped.headers['content-encoding']).toBe('gzip');
      expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
      expect(gzipped.headers.etag).toBe(identity.headers.etag);
      expect(gunzipSync(gzipped.body).equals(identity.body)).toBe(true);
      expect(gzipped.body.length).toBeLessThan(identity.body.length);
    });

    it('sends the envelope uncompressed to a client that does not ask for gzip', async () => {
      const res = await rawGet(ctx, SNAPSHOT, {});

      expect(res.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(res.body.toString('utf8'))).toHaveProperty('signature');
    });
  });
});

describe('GET /snapshot across a restart', () => {
  it('serves the same version and bytes from a second instance, and no delta from versions it never held', async () => {
    const { privateKey } = await generateKeyPair();
    const env = { SIGNING_PRIVATE_KEY: toBase64(privateKey), SNAPSHOT_DEBOUNCE_MS: '50' };
    const ctx = await createTestContext(env);
    const dataDir = mkdtempSync(join(tmpdir(), 'fair-recruit-second-'));
    const second = await createApp(
      loadConfig({ LOG_LEVEL: 'warn', DATABASE_URL: ctx.database.url, DATA_DIR: dataDir, ...env }),
      { primary: ctx.database.url, replicas: [], poolSize: 1 },
    );
    try {
      await ctx.newJurisdiction('IE', 'Ireland');
      const token = (await ctx.newUser('regulator', ['IE'])).token;
      const id = await newRecruiter(ctx, token, 'IE', {}, 'authorized');
      const key = await recruiterKey(ctx, id);
      const first = await snapshotWhere(ctx, (p) =>
        p.entries.some((e) => e.id === key && e.status === 'authorized'),
      );
      expect(first.version).toBeGreaterThan(1);

      await second.init();
      const res = await second.inject({ method: 'GET', url: SNAPSHOT });
      const firstText = (await ctx.request('GET', SNAPSHOT)).text;
      const since = await second.inject({
        method: 'GET',
        url: `${SNAPSHOT}?since=${first.version - 1}`,
      });

      expect(res.statusCode).toBe(200);
      expect(res.headers.etag).toBe(`"${first.version}"`);
      expect(res.body).toBe(firstText);
      expect(since.statusCode).toBe(200);
      expect(since.body).toBe(firstText);
    } finally {
      await second.close();
      await ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('GET /snapshot when signing fails', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({ SNAPSHOT_DEBOUNCE_MS: '50' });
  });
  afterAll(() => ctx.close());

  it('answers 503 with a problem document, never the unsigned payload, until signing works again', async () => {
    await fullSnapshot(ctx);
    const signing = ctx.app.get(SigningKeyService);
    Object.defineProperty(signing, 'signingKey', {
      configurable: true,
      get() {
        throw new Error('signing device unavailable');
      },
    });
    await ctx.newJurisdiction('DE', 'Germany');
    const token = (await ctx.newUser('regulator', ['DE'])).token;
    await newRecruiter(ctx, token, 'DE', { legalName: 'Nordlicht Pflege GmbH' });

    const failed = await poll(
      () => ctx.request('GET', SNAPSHOT),
      (res) => res.status === 503,
    );
    expect(failed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(failed.body).toMatchObject({ status: 503, code: 'snapshot_unavailable' });
    expect(failed.text).not.toContain('Nordlicht');
    expect(failed.body).not.toHaveProperty('payload');

    delete (signing as unknown as Record<string, unknown>).signingKey;
    await newRecruiter(ctx, token, 'DE', { legalName: 'Sonnenhof Pflege GmbH' });
    const recovered = await poll(
      () => ctx.request('GET', SNAPSHOT),
      (res) => res.status === 200,
    );
    const payload = (await verified(ctx, recovered)) as SnapshotPayload;
    expect(payload.entries.map((e) => e.legalName)).toContain('Nordlicht Pflege GmbH');
  });
});

async function poll<T>(get: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await get();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
