import { createHash } from 'node:crypto';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { complaintId, complaintInput, fileComplaint } from './support.js';

const CONTACT_EMAIL = 'amihan.reyes.private@mail.example';
const CONTACT_PHONE = '+639171234567';

describe('complaint case handling', () => {
  let ctx: TestContext;
  let gb: string;
  let ph: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    gb = (await ctx.newUser('regulator', ['GB'])).token;
    ph = (await ctx.newUser('regulator', ['PH'])).token;
  });
  afterAll(() => ctx.close());

  const transition = (token: string, id: string, body: Record<string, unknown>) =>
    ctx.request('POST', `/api/v1/regulator/complaints/${id}/transitions`, { token, body });

  describe('the queue', () => {
    it('lists the jurisdiction’s complaints oldest first, filtered by status, category, recruiter and age', async () => {
      const recruiterId = await newRecruiter(ctx, gb, 'GB', {}, 'authorized');
      const fees = await fileComplaint(ctx);
      const fraud = await fileComplaint(ctx, {
        recruiter: undefined,
        recruiterId,
        categories: ['fraud', 'document_retention'],
        fees: undefined,
      });
      const old = await fileComplaint(ctx);
      await ctx.db.query(
        `UPDATE complaints SET received_at = now() - interval '40 days' WHERE reference = $1`,
        [old.reference],
      );
      await fileComplaint(ctx, { jurisdiction: 'PH' });

      const all = await ctx.request('GET', '/api/v1/regulator/complaints', { token: gb });
      expect(all.status).toBe(200);
      const refs = all.body.items.map((i: { reference: string }) => i.reference);
      expect(refs).toEqual(
        expect.arrayContaining([fees.reference, fraud.reference, old.reference]),
      );
      expect(refs[0]).toBe(old.reference);
      expect(all.body.items.every((i: { jurisdiction: string }) => i.jurisdiction === 'GB')).toBe(
        true,
      );
      expect(all.body.items[0]).not.toHaveProperty('description');

      const byCategory = await ctx.request(
        'GET',
        '/api/v1/regulator/complaints?category=document_retention',
        { token: gb },
      );
      expect(byCategory.body.items.map((i: { reference: string }) => i.reference)).toEqual([
        fraud.reference,
      ]);
      const byRecruiter = await ctx.request(
        'GET',
        `/api/v1/regulator/complaints?recruiterId=${recruiterId}`,
        { token: gb },
      );
      expect(byRecruiter.body.total).toBe(1);
      const byAge = await ctx.request('GET', '/api/v1/regulator/complaints?olderThanDays=30', {
        token: gb,
      });
      expect(byAge.body.items).toEqual([
        expect.objectContaining({ reference: old.reference, ageDays: 40 }),
      ]);
      const byStatus = await ctx.request('GET', '/api/v1/regulator/complaints?status=closed', {
        token: gb,
      });
      expect(byStatus.body).toMatchObject({
        items: [],
        total: 0,
        totalCapped: false,
        page: 1,
        pageSize: 50,
      });
    });

    it('counts a long queue up to 1,000 and says when there are more', async () => {
      await ctx.newJurisdiction('IE', 'Ireland');
      await ctx.db.query(
        `INSERT INTO complaints (id, reference, receipt_hash, jurisdiction, reported_recruiter,
           categories, description, status, received_at)
         SELECT gen_random_uuid(), 'FR-' || lpad((i / 10000)::text, 4, '0') || '-' || lpad((i % 10000)::text, 4, '0'),
                '$argon2id$bulk', 'IE', '{"name":"Bulk"}', ARRAY['fraud'],
                'Bulk-loaded complaint', CASE WHEN i % 10 = 0 THEN 'triaged' ELSE 'received' END,
                now() - make_interval(mins => i)
           FROM generate_series(1, 1050) AS i`,
      );
      const admin = (await ctx.newUser('admin')).token;
      const all = await ctx.request(
        'GET',
        '/api/v1/regulator/complaints?jurisdiction=IE&pageSize=5',
        {
          token: admin,
        },
      );
      expect(all.body).toMatchObject({ total: 1_000, totalCapped: true });
      expect(all.body.items).toHaveLength(5);
      expect(all.body.items[0].reference).toBe('FR-0000-1050');
      const triaged = await ctx.request(
        'GET',
        '/api/v1/regulator/complaints?jurisdiction=IE&status=triaged',
        {
          token: admin,
        },
      );
      expect(triaged.body).toMatchObject({ total: 105, totalCapped: false });
    });

    it('refuses bad filters with the field named', async () => {
      const res = await ctx.request(
        'GET',
        '/api/v1/regulator/complaints?status=lost&category=x&olderThanDays=-1&pageSize=1000',
        { token: gb },
      );
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'category',
        'olderThanDays',
        'pageSize',
        'status',
      ]);
    });
  });

  describe('transitions', () => {
    it('moves a complaint through its states with a reason at each step, and closes it', async () => {
      const filed = await fileComplaint(ctx);
      const id = await complaintId(ctx, filed.reference);
      for (const status of ['triaged', 'investigating', 'unsubstantiated', 'closed']) {
        const res = await transition(gb, id, { status, reason: `Step to ${status}` });
        expect(res.status).toBe(200);
        expect(res.body.status).toBe(status);
      }
      const caseFile = await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, {
        token: gb,
      });
      expect(caseFile.body).toMatchObject({ status: 'closed', outcome: 'unsubstantiated' });
      expect(caseFile.body.closedAt).not.toBeNull();
      expect(caseFile.body.timeline.at(-1)).toMatchObject({
        kind: 'status_changed',
        status: 'closed',
        reason: 'Step to closed',
      });
      const view = await ctx.request('GET', `/api/v1/complaints/${filed.reference}`, {
        headers: { 'x-receipt-code': filed.receipt },
      });
      expect(view.body).toMatchObject({ status: 'closed', outcome: 'unsubstantiated' });
      expect(JSON.stringify(view.body)).not.toContain('Step to');
      const events = await ctx.db.query<{ action: string; data: Record<string, unknown> }[]>(
        `SELECT action, data FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
        [id],
      );
      expect(events.map((e) => e.data.to)).toEqual([
        'triaged',
        'investigating',
        'unsubstantiated',
        'closed',
      ]);
    });

    it('refuses a jump the case machine does not allow, and a missing reason', async () => {
      const filed = await fileComplaint(ctx);
      const id = await complaintId(ctx, filed.reference);
      const jump = await transition(gb, id, { status: 'substantiated', reason: 'Too quick' });
      expect(jump.status).toBe(409);
      expect(jump.body.code).toBe('invalid_complaint_transition');
      const noReason = await transition(gb, id, { status: 'triaged', reason: ' ' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    });

    it('refers a complaint to another jurisdiction, which then owns it', async () => {
      const filed = await fileComplaint(ctx);
      const id = await complaintId(ctx, filed.reference);
      const res = await transition(gb, id, {
        status: 'referred',
        reason: 'The agency operates from Manila',
        referTo: 'PH',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ jurisdiction: 'PH', status: 'received' });
      expect(
        (await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, { token: gb })).status,
      ).toBe(404);
      expect(
        (await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, { token: ph })).status,
      ).toBe(200);
      const view = await ctx.request('GET', `/api/v1/complaints/${filed.reference}`, {
        headers: { 'x-receipt-code': filed.receipt },
      });
      expect(view.body).toMatchObject({
        jurisdiction: 'PH',
        authority: { name: 'Authority of Philippines' },
      });
      expect(view.body.timeline.at(-1)).toMatchObject({ kind: 'referred', jurisdiction: 'PH' });
      const badTarget = await transition(ph, id, {
        status: 'referred',
        reason: 'x',
        referTo: 'PH',
      });
      expect(badTarget.status).toBe(400);
    });

    it('suspends the recruiter in the same action that substantiates the complaint', async () => {
      const recruiterId = await newRecruiter(ctx, gb, 'GB', {}, 'authorized');
      const filed = await fileComplaint(ctx, { recruiter: undefined, recruiterId });
      const id = await complaintId(ctx, filed.reference);
      await transition(gb, id, { status: 'triaged', reason: 'Fee receipts attached' });
      await transition(gb, id, { status: 'investigating', reason: 'Bank records requested' });
      const res = await transition(gb, id, {
        status: 'substantiated',
        reason: 'Fees of 1,500 GBP charged to three nurses',
        recruiterStatus: {
          status: 'suspended',
          reason: 'Charged recruitment fees (Code Art. 4.8)',
          reference: 'DEC-2026-114',
        },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'substantiated', outcome: 'substantiated' });
      const recruiter = await ctx.request('GET', `/api/v1/recruiters/${recruiterId}`);
      expect(recruiter.body.status).toBe('suspended');
      expect(recruiter.body.history.at(-1)).toMatchObject({
        toStatus: 'suspended',
        reason: 'Charged recruitment fees (Code Art. 4.8)',
      });
    });

    it('rolls the whole action back when the recruiter cannot take that status', async () => {
      const recruiterId = await newRecruiter(ctx, gb, 'GB');
      const filed = await fileComplaint(ctx, { recruiter: undefined, recruiterId });
      const id = await complaintId(ctx, filed.reference);
      await transition(gb, id, { status: 'triaged', reason: 'a' });
      await transition(gb, id, { status: 'investigating', reason: 'b' });
      const auditBefore = await ctx.db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM audit_events`,
      );
      const res = await transition(gb, id, {
        status: 'substantiated',
        reason: 'c',
        recruiterStatus: { status: 'suspended', reason: 'pending records cannot be suspended' },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('invalid_status_transition');
      const caseFile = await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, {
        token: gb,
      });
      expect(caseFile.body.status).toBe('investigating');
      const auditAfter = await ctx.db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM audit_events`,
      );
      expect(auditAfter[0].n).toBe(auditBefore[0].n);
    });

    it('refuses a recruiter status for a complaint about an unregistered recruiter', async () => {
      const filed = await fileComplaint(ctx);
      const id = await complaintId(ctx, filed.reference);
      await transition(gb, id, { status: 'triaged', reason: 'a' });
      await transition(gb, id, { status: 'investigating', reason: 'b' });
      const res = await transition(gb, id, {
        status: 'substantiated',
        reason: 'c',
        recruiterStatus: { status: 'suspended', reason: 'd' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'recruiterStatus' })]);
    });
  });

  describe('access', () => {
    let id: string;
    let evidenceId: string;

    beforeAll(async () => {
      const form = new FormData();
      form.append('complaint', JSON.stringify(complaintInput()));
      form.append('evidence', new Blob([Buffer.from('Paid 1500 GBP in cash')]), 'note.txt');
      const res = await fetch(`${ctx.baseUrl}/api/v1/complaints`, { method: 'POST', body: form });
      const filed = (await res.json()) as { reference: string };
      id = await complaintId(ctx, filed.reference);
      const rows = await ctx.db.query<{ id: string }[]>(
        `SELECT id FROM complaint_evidence WHERE complaint_id = $1`,
        [id],
      );
      evidenceId = rows[0].id;
    });

    const endpoints = () =>
      [
        ['GET', `/api/v1/regulator/complaints/${id}`, undefined],
        [
          'POST',
          `/api/v1/regulator/complaints/${id}/transitions`,
          { status: 'triaged', reason: 'x' },
        ],
        ['POST', `/api/v1/regulator/complaints/${id}/messages`, { message: 'hello' }],
        ['GET', `/api/v1/regulator/complaints/${id}/evidence/${evidenceId}`, undefined],
      ] as const;

    it('hides another jurisdiction’s complaint from a regulator on every endpoint (404), changing nothing', async () => {
      for (const [method, path, body] of endpoints()) {
        const res = await ctx.request(method, path, { token: ph, body });
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
      }
      const queue = await ctx.request('GET', '/api/v1/regulator/complaints?jurisdiction=GB', {
        token: ph,
      });
      expect(queue.status).toBe(403);
      const own = await ctx.request('GET', '/api/v1/regulator/complaints', { token: ph });
      expect(own.body.items.find((i: { id: string }) => i.id === id)).toBeUndefined();
      const caseFile = await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, {
        token: gb,
      });
      expect(caseFile.body.status).toBe('received');
      expect(caseFile.body.timeline).toHaveLength(1);
    });

    it('keeps anonymous callers (401) and observers (403) out', async () => {
      const observer = (await ctx.newUser('observer')).token;
      for (const [method, path, body] of [
        ...endpoints(),
        ['GET', '/api/v1/regulator/complaints', undefined] as const,
      ]) {
        expect((await ctx.request(method, path, { body })).status).toBe(401);
        expect((await ctx.request(method, path, { token: observer, body })).status).toBe(403);
      }
    });

    it('lets an administrator see any jurisdiction’s queue', async () => {
      const admin = (await ctx.newUser('admin')).token;
      const res = await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, { token: admin });
      expect(res.status).toBe(200);
    });

    it('answers a random complaint id with 404 and a malformed one with 400', async () => {
      expect(
        (
          await ctx.request(
            'GET',
            '/api/v1/regulator/complaints/3b0f8c53-5d7e-4a53-8f43-8a2b8d1e1c10',
            { token: gb },
          )
        ).status,
      ).toBe(404);
      const bad = await ctx.request('GET', '/api/v1/regulator/complaints/1;DROP', { token: gb });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });

  describe('personal data', () => {
    it('seals contact details at rest and opens them for the case officer only', async () => {
      const filed = await fileComplaint(ctx, {
        contact: { name: 'Amihan Reyes', email: CONTACT_EMAIL, phone: CONTACT_PHONE },
      });
      const id = await complaintId(ctx, filed.reference);
      const caseFile = await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, {
        token: gb,
      });
      expect(caseFile.body.contact).toEqual({
        name: 'Amihan Reyes',
        email: CONTACT_EMAIL,
        phone: CONTACT_PHONE,
      });

      const tables = [
        'complaints',
        'complaint_events',
        'complaint_evidence',
        'idempotency_keys',
        'audit_events',
      ];
      for (const table of tables) {
        const rows = await ctx.db.query<Record<string, unknown>[]>(`SELECT * FROM ${table}`);
        const dump = JSON.stringify(rows, (_k, v: unknown) =>
          v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer'
            ? Buffer.from((v as { data: number[] }).data).toString('latin1')
            : v,
        );
        for (const secret of [
          CONTACT_EMAIL,
          CONTACT_PHONE,
          'Amihan',
          filed.receipt,
          filed.receipt.replace(/-/g, ''),
        ]) {
          expect({ table, found: dump.includes(secret) }).toEqual({ table, found: false });
        }
      }
      const sealed = await ctx.db.query<{ contact_key_id: string; ciphertext_bytes: number }[]>(
        `SELECT contact_key_id, octet_length(contact_ciphertext) AS ciphertext_bytes FROM complaints WHERE id = $1`,
        [id],
      );
      expect(sealed[0].contact_key_id).toMatch(/^dev-/);
      expect(Number(sealed[0].ciphertext_bytes)).toBeGreaterThan(28);
    });

    it('keeps complainant data out of the audit chain', async () => {
      const filed = await fileComplaint(ctx, { contact: { email: CONTACT_EMAIL } });
      const id = await complaintId(ctx, filed.reference);
      await transition(gb, id, { status: 'triaged', reason: 'Looks serious' });
      await ctx.request('POST', `/api/v1/regulator/complaints/${id}/messages`, {
        token: gb,
        body: { message: 'Call us please' },
      });
      const rows = await ctx.db.query<{ data: unknown }[]>(
        `SELECT data FROM audit_events WHERE entity_id = $1`,
        [id],
      );
      expect(rows).toHaveLength(2);
      const dump = JSON.stringify(rows);
      const description = (
        await ctx.db.query<{ description: string }[]>(
          `SELECT description FROM complaints WHERE id = $1`,
          [id],
        )
      )[0].description;
      expect(dump).not.toContain(description);
      expect(dump).not.toContain(CONTACT_EMAIL);
      // The regulator's reason may name people; the public chain holds only its hash.
      expect(dump).not.toContain('Looks serious');
      expect(dump).toContain(createHash('sha256').update('Looks serious').digest('hex'));
      const published = await ctx.request('GET', '/api/v1/audit/GB/events?afterSeq=0&limit=1000');
      expect(published.status).toBe(200);
      expect(published.text).not.toContain('Looks serious');
      expect(published.text).not.toContain('Call us please');
    });
  });

  describe('GET /stats', () => {
    it('publishes counts by category and outcome and the median time to close, per jurisdiction', async () => {
      const stats = await ctx.request('GET', '/api/v1/stats?jurisdiction=GB');
      expect(stats.status).toBe(200);
      const [gbStats] = stats.body.jurisdictions;
      const counts = await ctx.db.query<{ total: string; fees: string; closed: string }[]>(
        `SELECT count(*) AS total, count(*) FILTER (WHERE 'worker_fees' = ANY (categories)) AS fees,
                count(*) FILTER (WHERE status = 'closed') AS closed
           FROM complaints WHERE jurisdiction = 'GB'`,
      );
      expect(gbStats).toMatchObject({
        jurisdiction: 'GB',
        received: Number(counts[0].total),
        closed: Number(counts[0].closed),
        byCategory: expect.objectContaining({ worker_fees: Number(counts[0].fees) }),
      });
      expect(gbStats.byOutcome.substantiated).toBeGreaterThanOrEqual(1);
      expect(gbStats.medianDaysToClose).toEqual(expect.any(Number));
      expect(JSON.stringify(stats.body)).not.toMatch(/FR-[0-9A-Z]{4}-/);
      const bad = await ctx.request('GET', '/api/v1/stats?jurisdiction=gbr');
      expect(bad.status).toBe(400);
    });
  });
});

describe('logs', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({ LOG_LEVEL: 'info' });
    await ctx.newJurisdiction('GB', 'United Kingdom');
  });
  afterAll(() => ctx.close());

  it('never carry complaint text, contact details, receipt codes or client addresses', async () => {
    const written: string[] = [];
    const capture = (stream: NodeJS.WriteStream) => {
      const original = stream.write.bind(stream);
      stream.write = (chunk: unknown, ...rest: unknown[]) => {
        written.push(String(chunk));
        return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
      return () => {
        stream.write = original;
      };
    };
    const restore = [capture(process.stdout), capture(process.stderr)];
    let filed: { reference: string; receipt: string };
    const description = 'The agent kept my passport until I paid 900 USD (secret-story-7731).';
    try {
      filed = await fileComplaint(
        ctx,
        { description, contact: { email: CONTACT_EMAIL, phone: CONTACT_PHONE } },
        { 'idempotency-key': 'log-test-key-0001' },
      );
      await ctx.request('GET', `/api/v1/complaints/${filed.reference}`, {
        headers: { 'x-receipt-code': filed.receipt },
      });
      await ctx.request('GET', `/api/v1/complaints/${filed.reference}`, {
        headers: { 'x-receipt-code': 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ' },
      });
      await ctx.request('POST', '/api/v1/complaints', {
        body: complaintInput({ description, contact: { email: CONTACT_EMAIL, phone: '12' } }),
      });
    } finally {
      for (const undo of restore) undo();
    }
    const log = written.join('');
    expect(log).toContain('"route":"/api/v1/complaints"');
    for (const secret of [
      description,
      'secret-story-7731',
      CONTACT_EMAIL,
      CONTACT_PHONE,
      filed.receipt,
      filed.reference,
      'log-test-key-0001',
      '127.0.0.1',
    ]) {
      expect({ secret, logged: log.includes(secret) }).toEqual({ secret, logged: false });
    }
  });
});

describe('complaint intake limits', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({
      COMPLAINT_RATE_LIMIT_PER_MINUTE: '3',
      COMPLAINT_GLOBAL_RATE_LIMIT_PER_MINUTE: '1000',
    });
    await ctx.newJurisdiction('GB', 'United Kingdom');
  });
  afterAll(() => ctx.close());

  it('slows a client down after its allowance, for submissions and receipt checks alike', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await ctx.request('POST', '/api/v1/complaints', { body: complaintInput() })).status,
      );
    }
    const check = await ctx.request('GET', '/api/v1/complaints/FR-0000-0000', {
      headers: { 'x-receipt-code': 'x' },
    });
    expect(statuses).toEqual([201, 201, 201]);
    expect(check.status).toBe(429);
    expect(check.headers.get('content-type')).toContain('application/problem+json');
    expect(check.body.code).toBe('rate_limited');
    expect(check.headers.get('retry-after')).toMatch(/^\d+$/);
    // Public lookups are not behind the intake limit.
    expect((await ctx.request('GET', '/api/v1/jurisdictions')).status).toBe(200);
  });
});

describe('the global intake ceiling', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await createTestContext({
      COMPLAINT_RATE_LIMIT_PER_MINUTE: '1000',
      COMPLAINT_GLOBAL_RATE_LIMIT_PER_MINUTE: '2',
    });
    await ctx.newJurisdiction('GB', 'United Kingdom');
  });
  afterAll(() => ctx.close());

  it('holds every client back once all of them together reach it', async () => {
    // One test client stands for many: the per-client allowance is far from reached.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await ctx.request('POST', '/api/v1/complaints', { body: complaintInput() })).status,
      );
    }
    expect(statuses).toEqual([201, 201, 429]);
  });
});
