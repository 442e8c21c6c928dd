import { createTestContext, type TestContext } from '../support/test-app.js';
import { newRecruiter, recruiterInput } from '../support/factories.js';

describe('registry over HTTP', () => {
  let ctx: TestContext;
  let gb: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    gb = (await ctx.newUser('regulator', ['GB'])).token;
  });
  afterAll(() => ctx.close());

  describe('POST /recruiters', () => {
    it('registers a recruiter as pending, with its history, an ETag and a Location', async () => {
      const res = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        body: recruiterInput('GB', {
          legalName: 'Harbourline Nursing Ltd',
          domains: ['https://www.jobs.harbourline.co.uk/apply'],
        }),
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        jurisdiction: 'GB',
        status: 'pending',
        effectiveStatus: 'pending',
        domains: ['harbourline.co.uk'],
        history: [{ fromStatus: null, toStatus: 'pending' }],
      });
      expect(res.headers.get('etag')).toMatch(/^".+\.\d+"$/);
      expect(res.headers.get('location')).toBe(`/api/v1/recruiters/${res.body.id}`);
    });

    it('refuses a second record with the same registration number, written differently', async () => {
      await newRecruiter(ctx, gb, 'GB', { registrationNumber: 'GB-DUP-0001' });
      const res = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        body: recruiterInput('GB', { registrationNumber: 'gb dup 0001' }),
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('registration_number_taken');
    });

    it('names every bad field in a problem document', async () => {
      const res = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        body: {
          jurisdiction: 'XX',
          registrationNumber: '',
          kind: 'broker',
          sector: 'private',
          legalName: 'Ok Ltd',
          phones: ['12345'],
          authorizedFrom: '2026-02-30',
          surprise: true,
        },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(new Set(fields)).toEqual(
        new Set([
          'jurisdiction',
          'registrationNumber',
          'kind',
          'phones',
          'authorizedFrom',
          'surprise',
        ]),
      );
    });

    it('refuses an authorization period that ends before it starts', async () => {
      const res = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        body: recruiterInput('GB', { authorizedFrom: '2026-05-01', authorizedUntil: '2026-04-01' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'authorizedUntil' })]);
    });
  });

  describe('status changes', () => {
    it('follows the status machine and records reason and reference in the public history', async () => {
      const id = await newRecruiter(ctx, gb, 'GB');
      const authorize = await ctx.request('POST', `/api/v1/recruiters/${id}/status`, {
        token: gb,
        body: { status: 'authorized', reason: 'Inspection passed', reference: 'DEC-2026-001' },
      });
      expect(authorize.status).toBe(200);
      const suspend = await ctx.request('POST', `/api/v1/recruiters/${id}/status`, {
        token: gb,
        body: { status: 'suspended', reason: 'Fees charged to nurses', reference: 'DEC-2026-077' },
      });
      expect(suspend.status).toBe(200);
      const pub = await ctx.request('GET', `/api/v1/recruiters/${id}`);
      expect(pub.body.status).toBe('suspended');
      expect(pub.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual([
        'pending',
        'authorized',
        'suspended',
      ]);
      expect(pub.body.history[2]).toMatchObject({
        fromStatus: 'authorized',
        reason: 'Fees charged to nurses',
        reference: 'DEC-2026-077',
      });
      expect(pub.body).not.toHaveProperty('internalNotes');
    });

    it('refuses a change the machine does not allow', async () => {
      const id = await newRecruiter(ctx, gb, 'GB', {}, 'revoked');
      const res = await ctx.request('POST', `/api/v1/recruiters/${id}/status`, {
        token: gb,
        body: { status: 'authorized', reason: 'try again' },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('invalid_status_transition');
    });

    it('refuses a change without a reason', async () => {
      const id = await newRecruiter(ctx, gb, 'GB');
      const res = await ctx.request('POST', `/api/v1/recruiters/${id}/status`, {
        token: gb,
        body: { status: 'authorized', reason: '   ' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('reason');
    });

    it('derives expired when the authorization period has ended', async () => {
      const id = await newRecruiter(
        ctx,
        gb,
        'GB',
        { authorizedFrom: '2020-01-01', authorizedUntil: '2021-01-01' },
        'authorized',
      );
      const res = await ctx.request('GET', `/api/v1/recruiters/${id}`);
      expect(res.body).toMatchObject({ status: 'authorized', effectiveStatus: 'expired' });
      const list = await ctx.request(
        'GET',
        `/api/v1/recruiters?status=expired&jurisdiction=GB&pageSize=100`,
      );
      expect(list.body.items.map((r: { id: string }) => r.id)).toContain(id);
      const authorized = await ctx.request(
        'GET',
        `/api/v1/recruiters?status=authorized&jurisdiction=GB&pageSize=100`,
      );
      expect(authorized.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    });
  });

  it('keeps internal notes out of the audit chain, which is public', async () => {
    const secret = 'informant Jane Roe, +44 7700 900123';
    const id = await newRecruiter(ctx, gb, 'GB', { internalNotes: secret });
    const res = await ctx.request('PATCH', `/api/v1/recruiters/${id}`, {
      token: gb,
      body: { internalNotes: `${secret} (called back)` },
      headers: { 'if-match': '*' },
    });
    expect(res.status).toBe(200);
    const rows: { data: unknown; action: string }[] = await ctx.db.query(
      `SELECT data, action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [id],
    );
    expect(rows.map((r) => r.action)).toEqual(['recruiter.registered', 'recruiter.updated']);
    expect(JSON.stringify(rows)).not.toContain('Jane Roe');
    expect(rows[1].data).toEqual({ changed: { internalNotes: { changed: true } } });
  });

  describe('optimistic concurrency', () => {
    it('applies an edit sent with the current ETag and answers a new one', async () => {
      const id = await newRecruiter(ctx, gb, 'GB');
      const read = await ctx.request('GET', `/api/v1/regulator/recruiters/${id}`, { token: gb });
      const res = await ctx.request('PATCH', `/api/v1/recruiters/${id}`, {
        token: gb,
        body: {
          conditions: 'May not recruit from safeguards-list countries',
          internalNotes: 'inspected',
        },
        headers: { 'if-match': read.headers.get('etag')! },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        conditions: 'May not recruit from safeguards-list countries',
        internalNotes: 'inspected',
      });
      expect(res.headers.get('etag')).not.toBe(read.headers.get('etag'));
    });

    it('answers 412 to an edit based on a stale version, and keeps the newer one', async () => {
      const id = await newRecruiter(ctx, gb, 'GB');
      const etag = (await ctx.request('GET', `/api/v1/recruiters/${id}`)).headers.get('etag')!;
      const first = await ctx.request('PATCH', `/api/v1/recruiters/${id}`, {
        token: gb,
        body: { legalName: 'First Writer Ltd' },
        headers: { 'if-match': etag },
      });
      expect(first.status).toBe(200);
      const second = await ctx.request('PATCH', `/api/v1/recruiters/${id}`, {
        token: gb,
        body: { legalName: 'Second Writer Ltd' },
        headers: { 'if-match': etag },
      });
      expect(second.status).toBe(412);
      expect(second.body.code).toBe('version_mismatch');
      expect((await ctx.request('GET', `/api/v1/recruiters/${id}`)).body.legalName).toBe(
        'First Writer Ltd',
      );
    });

    it('requires If-Match on an edit', async () => {
      const id = await newRecruiter(ctx, gb, 'GB');
      const res = await ctx.request('PATCH', `/api/v1/recruiters/${id}`, {
        token: gb,
        body: { conditions: 'x' },
      });
      expect(res.status).toBe(428);
    });

    it('refuses null for a field every record must have', async () => {
      const id = await newRecruiter(ctx, gb, 'GB');
      const res = await ctx.request('PATCH', `/api/v1/recruiters/${id}`, {
        token: gb,
        body: { legalName: null, address: null },
        headers: { 'if-match': '*' },
      });
      expect(res.status).toBe(400);
      expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['legalName']),
      );
    });
  });

  describe('GET /recruiters (public lookup)', () => {
    let target: string;
    beforeAll(async () => {
      target = await newRecruiter(
        ctx,
        gb,
        'GB',
        {
          legalName: 'Société Générale de Santé Recrutement S.A.S.',
          tradingNames: ['SGS Nursing'],
          registrationNumber: 'GB-LOOK-4242',
          domains: ['sgs-recrutement.example'],
        },
        'authorized',
      );
      await newRecruiter(ctx, gb, 'GB', { legalName: 'Unrelated Plumbing Supplies Ltd' });
    });

    it.each([
      ['accents dropped', 'Societe Generale de Sante Recrutement'],
      ['a typo', 'Societe Generle de Sante Recrutment'],
      ['word order', 'Recrutement Sante Societe Generale'],
      ['legal suffix', 'Société Générale de Santé Recrutement Ltd'],
      ['a trading name', 'sgs nursing'],
      ['half a name, as typed', 'societe generale'],
      ['the registration number', 'gb look 4242'],
      ['the web domain', 'https://careers.sgs-recrutement.example/jobs/1'],
    ])('finds a recruiter by %s', async (_, q) => {
      const res = await ctx.request('GET', `/api/v1/recruiters?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect(res.body.items[0]?.id).toBe(target);
      expect(res.body.items[0]).toMatchObject({ effectiveStatus: 'authorized' });
    });

    it('filters by registration number and by domain', async () => {
      const byNumber = await ctx.request(
        'GET',
        '/api/v1/recruiters?registrationNumber=GB-LOOK-4242',
      );
      expect(byNumber.body).toMatchObject({ total: 1, items: [{ id: target }] });
      const byDomain = await ctx.request(
        'GET',
        '/api/v1/recruiters?domain=www.sgs-recrutement.example',
      );
      expect(byDomain.body).toMatchObject({ total: 1, items: [{ id: target }] });
    });

    it('pages with a true total', async () => {
      const all = await ctx.request('GET', '/api/v1/recruiters?jurisdiction=GB&pageSize=2');
      expect(all.body.items).toHaveLength(2);
      expect(all.body.total).toBeGreaterThan(2);
      const beyond = await ctx.request(
        'GET',
        '/api/v1/recruiters?jurisdiction=GB&pageSize=2&page=999',
      );
      expect(beyond.body).toMatchObject({ items: [], total: all.body.total, page: 999 });
    });

    it.each(['pending', 'authorized', 'refused', 'suspended', 'revoked', 'expired'])(
      'filters by the effective status %s',
      async (status) => {
        const res = await ctx.request('GET', `/api/v1/recruiters?status=${status}&pageSize=100`);
        expect(res.status).toBe(200);
        for (const item of res.body.items) expect(item.effectiveStatus).toBe(status);
      },
    );

    it('filters by one registry or several (comma-separated or repeated), and names a bad code', async () => {
      const ph = (await ctx.newUser('regulator', ['PH'])).token;
      const inPh = await newRecruiter(ctx, ph, 'PH', {
        legalName: 'Manila Several Registries Inc',
      });
      const count = async (query: string) => {
        const res = await ctx.request('GET', `/api/v1/recruiters?${query}&pageSize=100`);
        expect({ query, status: res.status }).toEqual({ query, status: 200 });
        return {
          total: res.body.total as number,
          jurisdictions: [
            ...new Set(res.body.items.map((i: { jurisdiction: string }) => i.jurisdiction)),
          ].sort(),
          ids: res.body.items.map((i: { id: string }) => i.id) as string[],
        };
      };
      const gbOnly = await count('jurisdiction=GB');
      const phOnly = await count('jurisdiction=PH');
      expect(gbOnly.jurisdictions).toEqual(['GB']);
      expect(phOnly).toMatchObject({ jurisdictions: ['PH'], ids: [inPh] });
      for (const query of [
        'jurisdiction=GB,PH',
        'jurisdiction=PH&jurisdiction=GB',
        'jurisdiction=GB,PH,GB',
      ]) {
        const both = await count(query);
        expect({ query, total: both.total }).toEqual({ query, total: gbOnly.total + phOnly.total });
        expect(both.jurisdictions).toEqual(['GB', 'PH']);
        expect(both.ids).toContain(inPh);
      }
      for (const bad of ['GB,G1', 'GB,', ',']) {
        const res = await ctx.request('GET', `/api/v1/recruiters?jurisdiction=${bad}`);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('jurisdiction');
      }
    });

    it('rejects unknown query parameters and bad values by name', async () => {
      const res = await ctx.request(
        'GET',
        '/api/v1/recruiters?status=dodgy&pageSize=1000&colour=red',
      );
      expect(res.status).toBe(400);
      expect(new Set(res.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['status', 'pageSize', 'colour']),
      );
    });
  });

  describe('HTTP edges', () => {
    it('answers 404 for an unknown route and a missing record, 400 for a malformed ID', async () => {
      expect((await ctx.request('GET', '/api/v1/nowhere')).status).toBe(404);
      const missing = await ctx.request(
        'GET',
        '/api/v1/recruiters/00000000-0000-4000-8000-000000000000',
      );
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('recruiter_not_found');
      const malformed = await ctx.request('GET', '/api/v1/recruiters/not-an-id');
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].field).toBe('id');
    });

    it('answers 413 to a body that is too large and 415 to a wrong content type', async () => {
      const big = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        rawBody: JSON.stringify({ legalName: 'x'.repeat(2 * 1024 * 1024) }),
        headers: { 'content-type': 'application/json' },
      });
      expect(big.status).toBe(413);
      expect(big.body.code).toBe('payload_too_large');
      const xml = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        rawBody: '<recruiter/>',
        headers: { 'content-type': 'application/xml' },
      });
      expect(xml.status).toBe(415);
    });

    it('answers 400 to malformed JSON and to a missing body', async () => {
      const bad = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        rawBody: '{"jurisdiction": "GB",',
        headers: { 'content-type': 'application/json' },
      });
      expect(bad.status).toBe(400);
      const none = await ctx.request('POST', '/api/v1/recruiters', { token: gb });
      expect(none.status).toBe(400);
    });

    it('answers 400 naming the field to a NUL character, which PostgreSQL text cannot hold', async () => {
      const query = await ctx.request('GET', '/api/v1/recruiters?q=%00');
      expect(query.status).toBe(400);
      expect(query.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
      const body = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        body: recruiterInput('GB', { tradingNames: ['ok', 'bad\u0000name'] }),
      });
      expect(body.status).toBe(400);
      expect(body.body.errors).toEqual([expect.objectContaining({ field: 'tradingNames[1]' })]);
    });

    it('returns a request id on every answer', async () => {
      const res = await ctx.request('GET', '/api/v1/jurisdictions');
      expect(res.headers.get('x-request-id')).toMatch(/.{8,}/);
    });

    it('serves health and the OpenAPI document', async () => {
      expect((await ctx.request('GET', '/health/live')).status).toBe(200);
      expect((await ctx.request('GET', '/health/ready')).status).toBe(200);
      const doc = await ctx.request('GET', '/api/openapi.json');
      expect(doc.status).toBe(200);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/api/v1/recruiters', '/api/v1/recruiters/{id}/status']),
      );
      expect((await ctx.request('GET', '/api/docs')).status).toBe(200);
    });
  });
});
