import { complaintId, fileComplaint } from '../complaints/support.js';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const REPORT = '/api/v1/reports/national?jurisdiction=GB&from=2025-01-01&to=2025-12-31';

describe('national reporting figures', () => {
  let ctx: TestContext;
  let gb: string;
  let ph: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    gb = (await ctx.newUser('regulator', ['GB'])).token;
    ph = (await ctx.newUser('regulator', ['PH'])).token;
    await arrange();
  });
  afterAll(() => ctx.close());

  /** Moves the history entry of a recruiter that reached `status` to a chosen day. */
  const dateHistory = (id: string, entries: Record<string, string>) =>
    Promise.all(
      Object.entries(entries).map(([status, day]) =>
        ctx.db.query(
          `UPDATE recruiter_status_changes SET changed_at = $3 WHERE recruiter_id = $1 AND to_status = $2`,
          [id, status, `${day}T12:00:00Z`],
        ),
      ),
    );

  /** A complaint taken through `path`, with its receipt and each step on the days given. */
  async function complaint(
    categories: string[],
    receivedOn: string,
    path: [string, string][],
    referTo?: string,
  ) {
    const { reference } = await fileComplaint(ctx, { categories, fees: undefined });
    const id = await complaintId(ctx, reference);
    for (const [status, day] of path) {
      const res = await ctx.request('POST', `/api/v1/regulator/complaints/${id}/transitions`, {
        token: gb,
        body: { status, reason: `test: ${status}`, ...(status === 'referred' ? { referTo } : {}) },
      });
      if (res.status !== 200) throw new Error(`transition failed: ${res.status} ${res.text}`);
      const at = `${day}T00:00:00Z`;
      if (status === 'referred' && referTo) {
        await ctx.db.query(
          `UPDATE complaint_events SET occurred_at = $2 WHERE complaint_id = $1 AND kind = 'referred'`,
          [id, at],
        );
      } else {
        await ctx.db.query(
          `UPDATE complaint_events SET occurred_at = $3 WHERE complaint_id = $1 AND to_status = $2`,
          [id, status, at],
        );
      }
      if (status === 'closed') {
        await ctx.db.query(`UPDATE complaints SET closed_at = $2 WHERE id = $1`, [id, at]);
      }
    }
    await ctx.db.query(`UPDATE complaints SET received_at = $2 WHERE id = $1`, [
      id,
      `${receivedOn}T00:00:00Z`,
    ]);
  }

  /** The report period is 2025; every row below is arranged inside it, or just outside. */
  async function arrange() {
    const authorizedBefore = await newRecruiter(
      ctx,
      gb,
      'GB',
      { authorizedFrom: '2024-06-01', authorizedUntil: '2027-12-31' },
      'authorized',
    );
    await dateHistory(authorizedBefore, { pending: '2024-06-01', authorized: '2024-06-02' });

    const suspendedInPeriod = await newRecruiter(
      ctx,
      gb,
      'GB',
      { kind: 'employer', authorizedFrom: '2025-02-05', authorizedUntil: '2027-01-01' },
      'suspended',
    );
    await dateHistory(suspendedInPeriod, {
      pending: '2025-02-01',
      authorized: '2025-02-05',
      suspended: '2025-03-10',
    });

    const suspendedAfter = await newRecruiter(
      ctx,
      gb,
      'GB',
      {
        kind: 'both',
        sector: 'public',
        authorizedFrom: '2025-03-01',
        authorizedUntil: '2026-12-31',
      },
      'suspended',
    );
    await dateHistory(suspendedAfter, {
      pending: '2025-03-01',
      authorized: '2025-03-02',
      suspended: '2026-02-01',
    });

    const refused = await newRecruiter(ctx, gb, 'GB', {}, 'refused');
    await dateHistory(refused, { pending: '2025-04-01', refused: '2025-04-10' });

    const expiredMidPeriod = await newRecruiter(
      ctx,
      gb,
      'GB',
      { authorizedFrom: '2024-01-01', authorizedUntil: '2025-06-30' },
      'authorized',
    );
    await dateHistory(expiredMidPeriod, { pending: '2023-12-01', authorized: '2024-01-01' });

    const registeredAfter = await newRecruiter(ctx, gb, 'GB');
    await dateHistory(registeredAfter, { pending: '2026-01-05' });

    const otherCountry = await newRecruiter(
      ctx,
      ph,
      'PH',
      { authorizedFrom: '2025-02-02' },
      'authorized',
    );
    await dateHistory(otherCountry, { pending: '2025-02-01', authorized: '2025-02-02' });

    // Brought in by CSV import: its registration and status restate earlier decisions.
    const imported = await ctx.request('POST', '/api/v1/imports?jurisdiction=GB', {
      token: gb,
      rawBody:
        'registrationNumber,kind,sector,legalName,status,statusReason\n' +
        'IMPORTED-1,recruiter,private,Carried Over Ltd,suspended,Suspended in 2019\n',
      headers: { 'content-type': 'text/csv' },
    });
    if (imported.status !== 200) throw new Error(`import failed: ${imported.text}`);
    await ctx.db.query(
      `UPDATE recruiter_status_changes SET changed_at = changed_at - (now() - '2025-05-01'::timestamptz)
        WHERE recruiter_id = (SELECT id FROM recruiters WHERE registration_number = 'IMPORTED-1')`,
    );

    await complaint(['worker_fees', 'fraud'], '2025-02-10', [
      ['triaged', '2025-02-11'],
      ['investigating', '2025-02-12'],
      ['substantiated', '2025-05-01'],
      ['closed', '2025-05-11'], // 90 days after receipt
    ]);
    await complaint(['misleading_information'], '2025-03-01', [
      ['triaged', '2025-03-02'],
      ['unsubstantiated', '2025-12-20'],
      ['closed', '2026-01-10'],
    ]);
    await complaint(['worker_fees'], '2024-12-15', [
      ['withdrawn', '2025-01-05'],
      ['closed', '2025-01-15'], // 31 days after receipt
    ]);
    await complaint(['unfair_contract'], '2025-07-01', [['referred', '2025-07-02']], 'PH');
    await complaint(['fraud'], '2026-02-01', []);
    await complaint(['fraud'], '2024-10-01', [
      ['triaged', '2024-10-02'],
      ['investigating', '2024-10-03'],
      ['substantiated', '2024-11-01'],
      ['closed', '2024-11-02'],
    ]);
  }

  it('counts the figures of the period from the records, and nothing outside it', async () => {
    const res = await ctx.request('GET', REPORT, { token: gb });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      jurisdiction: 'GB',
      jurisdictionName: 'United Kingdom',
      authority: 'Authority of United Kingdom',
      period: { from: '2025-01-01', to: '2025-12-31' },
      recruiters: {
        authorized: {
          asOf: '2025-12-31',
          total: 2,
          byKind: { recruiter: 1, employer: 0, both: 1 },
          bySector: { public: 1, private: 1 },
        },
        newRegistrations: 3,
        authorizationsGranted: 2,
        sanctions: { suspensions: 1, revocations: 0, refusals: 1 },
        reinstatements: 0,
        imported: 1,
      },
      complaints: {
        received: 3,
        referralsReceived: 0,
        substantiated: 1,
        unsubstantiated: 1,
        referred: 0,
        referredToOtherJurisdiction: 1,
        withdrawn: 1,
        closed: 2,
        medianDaysToClose: 60.5,
      },
    });
    expect(res.body.complaints.byCategory).toEqual({
      worker_fees: 1,
      misleading_information: 1,
      unfair_contract: 1,
      document_retention: 0,
      unequal_treatment: 0,
      fraud: 1,
      unregistered_operation: 0,
      safeguards_list_recruitment: 0,
      other: 0,
    });
  });

  it('gives a referral to the authority that received it', async () => {
    const res = await ctx.request(
      'GET',
      '/api/v1/reports/national?jurisdiction=PH&from=2025-01-01&to=2025-12-31',
      { token: ph },
    );
    expect(res.body.complaints).toMatchObject({ received: 0, referralsReceived: 1 });
    expect(res.body.recruiters.authorized.total).toBe(1);
  });

  it('downloads the same figures as CSV, one per row', async () => {
    const res = await ctx.request('GET', `${REPORT}&format=csv`, { token: gb });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="national-report-GB-2025-01-01-2025-12-31.csv"',
    );
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('jurisdiction,from,to,figure,value');
    expect(lines).toContain('GB,2025-01-01,2025-12-31,recruiters.sanctions.suspensions,1');
    expect(lines).toContain('GB,2025-01-01,2025-12-31,complaints.medianDaysToClose,60.5');
    const alias = await ctx.request(
      'GET',
      '/api/v1/reports/national.csv?jurisdiction=GB&from=2025-01-01&to=2025-12-31',
      { token: gb },
    );
    expect(alias.text).toBe(res.text);
  });

  it('names the bad field of a period', async () => {
    const backwards = await ctx.request(
      'GET',
      '/api/v1/reports/national?jurisdiction=GB&from=2025-12-31&to=2025-01-01',
      { token: gb },
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
    const notADay = await ctx.request(
      'GET',
      '/api/v1/reports/national?jurisdiction=GB&from=2025-02-30&to=2025-12-31',
      { token: gb },
    );
    expect(notADay.status).toBe(400);
    expect(notADay.body.errors).toEqual([expect.objectContaining({ field: 'from' })]);
  });

  it('is for regulators of the jurisdiction, administrators and observers', async () => {
    expect((await ctx.request('GET', REPORT, { token: ph })).status).toBe(403);
    expect((await ctx.request('GET', REPORT)).status).toBe(401);
    const observer = (await ctx.newUser('observer')).token;
    expect((await ctx.request('GET', REPORT, { token: observer })).status).toBe(200);
    const admin = (await ctx.newUser('admin')).token;
    const unknown = await ctx.request(
      'GET',
      '/api/v1/reports/national?jurisdiction=FR&from=2025-01-01&to=2025-12-31',
      { token: admin },
    );
    expect(unknown.status).toBe(404);
  });
});
