import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SAFEGUARDS_LIST_2023 } from '@fair-recruit/domain';
import { verifyChain } from '../../apps/api/src/audit/audit-chain.js';
import { AuditEventEntity } from '../../apps/api/src/audit/audit-event.entity.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const PATH = '/api/v1/safeguards-list';

const edition2026 = {
  edition: '2026 (test)',
  source: 'WHO Health Workforce Support and Safeguards List 2026, test edition',
  countries: [
    { code: 'GH', name: 'Ghana', whoRegion: 'AFR' },
    { code: 'HT', name: 'Haiti', whoRegion: 'AMR' },
    { code: 'NP', name: 'Nepal', whoRegion: 'SEAR' },
  ],
};

describe('safeguards list over HTTP', () => {
  let ctx: TestContext;
  let admin: { token: string; id: string };

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    admin = await ctx.newUser('admin');
  });
  afterAll(() => ctx.close());

  const fieldsOf = (body: { errors?: { field: string }[] }) =>
    new Set((body.errors ?? []).map((e) => e.field));

  describe('before any edition is published', () => {
    it('serves the 2023 list: 55 countries, citing WHO and its ISBN', async () => {
      const res = await ctx.request('GET', PATH);
      expect(res.status).toBe(200);
      expect(res.body.edition).toBe('2023');
      expect(res.body.source).toMatch(/World Health Organization.*ISBN 9789240069787/);
      expect(res.body.countries).toHaveLength(55);
      expect(res.body.countries).toContainEqual({ code: 'GH', name: 'Ghana', whoRegion: 'AFR' });
      expect(res.body).toEqual(SAFEGUARDS_LIST_2023);
    });
  });

  describe('PUT', () => {
    it('refuses an anonymous caller with 401', async () => {
      const res = await ctx.request('PUT', PATH, { body: edition2026 });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    });

    it('refuses a regulator and an observer with 403', async () => {
      for (const role of ['regulator', 'observer'] as const) {
        const { token } = await ctx.newUser(role, role === 'regulator' ? ['GB'] : []);
        const res = await ctx.request('PUT', PATH, { token, body: edition2026 });
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
      expect((await ctx.request('GET', PATH)).body.edition).toBe('2023');
    });

    it('names every bad field', async () => {
      const res = await ctx.request('PUT', PATH, {
        token: admin.token,
        body: {
          edition: '   ',
          source: 42,
          countries: [
            { code: 'XX', name: 'Nowhere', whoRegion: 'AFR' },
            { code: 'GH', name: '', whoRegion: 'EUR' },
            { code: 'GH', name: 'Ghana', whoRegion: 'AFR', extra: 1 },
          ],
          surprise: true,
        },
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(fieldsOf(res.body)).toEqual(
        new Set([
          'edition',
          'source',
          'countries',
          'countries[0].code',
          'countries[1].name',
          'countries[1].whoRegion',
          'countries[2].extra',
          'surprise',
        ]),
      );
    });

    it.each([
      ['a JSON array', '[]'],
      ['null', 'null'],
      ['null countries', '{"edition":"x","source":"y","countries":[null,1,"GH"]}'],
      ['a country without a code', '{"edition":"x","source":"y","countries":[{"name":"Ghana"}]}'],
      ['malformed JSON', '{"edition":'],
    ])('answers %s with a 400 problem document, never a 5xx', async (_case, rawBody) => {
      const res = await ctx.request('PUT', PATH, {
        token: admin.token,
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(typeof res.body.code).toBe('string');
    });

    it('refuses an empty list and a missing one', async () => {
      for (const countries of [[], undefined, 'GH']) {
        const res = await ctx.request('PUT', PATH, {
          token: admin.token,
          body: { edition: 'x', source: 'y', countries },
        });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(new Set(['countries']));
      }
    });

    it('publishes a new edition that GET then serves, audited on the global chain', async () => {
      const res = await ctx.request('PUT', PATH, { token: admin.token, body: edition2026 });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(edition2026);

      const after = await ctx.request('GET', PATH);
      expect(after.body).toEqual(edition2026);

      const chain = await ctx.db
        .getRepository(AuditEventEntity)
        .find({ where: { chain: 'global' }, order: { seq: 'ASC' } });
      const entry = chain.at(-1)!;
      expect(entry).toMatchObject({
        action: 'safeguards_list.replaced',
        entityType: 'safeguards_list',
        actorId: admin.id,
        data: edition2026,
      });
      expect(
        verifyChain(chain.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() }))),
      ).toMatchObject({ ok: true });
    });

    it('serves the latest of several editions', async () => {
      const next = {
        ...edition2026,
        edition: '2027 (test)',
        countries: [edition2026.countries[0]],
      };
      expect((await ctx.request('PUT', PATH, { token: admin.token, body: next })).status).toBe(200);
      expect((await ctx.request('GET', PATH)).body).toEqual(next);
    });
  });
});
