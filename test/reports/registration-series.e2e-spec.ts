import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const SERIES = '/api/v1/reports/registrations?jurisdiction=GB&from=2025-01&to=2025-04';

interface Series {
  jurisdiction: string;
  months: { month: string; asOf: string; byStatus: Record<string, number>; total: number }[];
}

describe('registrations by status over time (dashboard series)', () => {
  let ctx: TestContext;
  let gb: string;
  let ph: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    gb = (await ctx.newUser('regulator', ['GB'])).token;
    ph = (await ctx.newUser('regulator', ['PH'])).token;

    const date = (id: string, entries: Record<string, string>) =>
      Promise.all(
        Object.entries(entries).map(([status, day]) =>
          ctx.db.query(
            `UPDATE recruiter_status_changes SET changed_at = $3 WHERE recruiter_id = $1 AND to_status = $2`,
            [id, status, `${day}T12:00:00Z`],
          ),
        ),
      );
    // Pending in January, authorized in February, suspended in March.
    const a = await newRecruiter(ctx, gb, 'GB', {}, 'suspended');
    await date(a, { pending: '2025-01-10', authorized: '2025-02-03', suspended: '2025-03-31' });
    // Authorized in February until the middle of March: expired from then on.
    const b = await newRecruiter(
      ctx,
      gb,
      'GB',
      { authorizedFrom: '2025-02-01', authorizedUntil: '2025-03-15' },
      'authorized',
    );
    await date(b, { pending: '2025-02-01', authorized: '2025-02-01' });
    // Registered after the period: counted nowhere in it.
    const c = await newRecruiter(ctx, gb, 'GB');
    await date(c, { pending: '2025-06-01' });
    // Another jurisdiction's record is not GB's.
    const phToken = ph;
    await newRecruiter(ctx, phToken, 'PH', {}, 'authorized');
  });
  afterAll(() => ctx.close());

  it('counts each month by the status every record had on its last day', async () => {
    const res = await ctx.request('GET', SERIES, {
      token: gb,
    });
    expect(res.status).toBe(200);
    const body = res.body as Series;
    expect(body.jurisdiction).toBe('GB');
    const pick = (i: number) => {
      const m = body.months[i];
      return {
        month: m.month,
        asOf: m.asOf,
        total: m.total,
        ...Object.fromEntries(Object.entries(m.byStatus).filter(([, n]) => n > 0)),
      };
    };
    expect(body.months).toHaveLength(4);
    expect(pick(0)).toEqual({ month: '2025-01', asOf: '2025-01-31', total: 1, pending: 1 });
    expect(pick(1)).toEqual({ month: '2025-02', asOf: '2025-02-28', total: 2, authorized: 2 });
    expect(pick(2)).toEqual({
      month: '2025-03',
      asOf: '2025-03-31',
      total: 2,
      suspended: 1,
      expired: 1,
    });
    expect(pick(3)).toEqual({
      month: '2025-04',
      asOf: '2025-04-30',
      total: 2,
      suspended: 1,
      expired: 1,
    });
    // Every status is named in every month, zero or not, so a chart has a stable legend.
    expect(Object.keys(body.months[0].byStatus).sort()).toEqual(
      ['authorized', 'expired', 'pending', 'refused', 'revoked', 'suspended'].sort(),
    );
  });

  it('defaults to the twelve months up to this one', async () => {
    const res = await ctx.request('GET', '/api/v1/reports/registrations?jurisdiction=GB', {
      token: gb,
    });
    expect(res.status).toBe(200);
    const months = (res.body as Series).months;
    expect(months).toHaveLength(12);
    expect(months[11].month).toBe(new Date().toISOString().slice(0, 7));
    expect(months[11].asOf).toBe(new Date().toISOString().slice(0, 10));
    // The record registered in June 2025 (and the others) exist by now.
    expect(months[11].total).toBe(3);
  });

  it('is for the regulators of the jurisdiction only, and names bad fields', async () => {
    expect((await ctx.request('GET', SERIES)).status).toBe(401);
    const other = await ctx.request('GET', SERIES, { token: ph });
    expect(other.status).toBe(403);
    const bad = await ctx.request(
      'GET',
      '/api/v1/reports/registrations?jurisdiction=GB&from=2025-13&to=2025-01',
      { token: gb },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('from');
    const backwards = await ctx.request(
      'GET',
      '/api/v1/reports/registrations?jurisdiction=GB&from=2025-05&to=2025-01',
      { token: gb },
    );
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('"to"');
    const tooLong = await ctx.request(
      'GET',
      '/api/v1/reports/registrations?jurisdiction=GB&from=2000-01&to=2025-01',
      { token: gb },
    );
    expect(tooLong.status).toBe(400);
    const unknown = await ctx.request('GET', '/api/v1/reports/registrations?jurisdiction=FR', {
      token: (await ctx.newUser('admin')).token,
    });
    expect(unknown.status).toBe(404);
  });
});
