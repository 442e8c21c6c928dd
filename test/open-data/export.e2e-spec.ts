import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import {
  EXPORT_BATCH_SIZE,
  EXPORT_CSV_COLUMNS,
  RecruitersExportService,
} from '../../apps/api/src/open-data/recruiters-export.service.js';
import { bulkLoadSynthetic } from '../../apps/api/src/seed/bulk-load.js';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const SECRET = 'internal note that must never be exported';
const LIST_COLUMNS = ['tradingNames', 'domains', 'emailDomains', 'phones', 'history'];
const ADDRESS_COLUMNS = {
  addressStreet: 'street',
  addressCity: 'city',
  addressRegion: 'region',
  addressPostalCode: 'postalCode',
  addressCountry: 'country',
} as const;

type Recruiter = Record<string, unknown> & { id: string; jurisdiction: string };

/** A CSV row read back into the shape of the JSON export, following the documented encoding. */
function fromCsvRow(row: Record<string, string>): Recruiter {
  const record: Record<string, unknown> = {};
  let address: Record<string, string> | null = null;
  for (const [column, value] of Object.entries(row)) {
    if (column in ADDRESS_COLUMNS) {
      if (value !== '')
        (address ??= {})[ADDRESS_COLUMNS[column as keyof typeof ADDRESS_COLUMNS]] = value;
    } else if (LIST_COLUMNS.includes(column)) {
      record[column] = JSON.parse(value);
    } else {
      record[column] = value === '' ? null : value;
    }
  }
  record.address = address;
  return record as Recruiter;
}

describe('open data export over HTTP', () => {
  let ctx: TestContext;
  let exports: RecruitersExportService;
  /** Every record as its public detail (GET /recruiters/:id) shows it, by id. */
  const expected = new Map<string, Recruiter>();

  beforeAll(async () => {
    ctx = await createTestContext();
    exports = ctx.app.get(RecruitersExportService);
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    const admin = (await ctx.newUser('admin')).token;

    // A few through the API, with long histories and values CSV must quote.
    const awkward = {
      legalName: 'Quill, "Comma" & Newline\nCare Ltd',
      tradingNames: ['Quill Care', 'Quill; Nursing, Partners'],
      address: { street: '1 Harbour Row, Unit "B"', city: 'Leeds', postalCode: 'LS1 1AA' },
      conditions: 'Only =SUM(A1) nurses;\r\nno fees',
      internalNotes: SECRET,
      phones: ['+442079460000'],
    };
    await newRecruiter(ctx, admin, 'GB', awkward, 'suspended');
    await newRecruiter(ctx, admin, 'GB', { internalNotes: SECRET }, 'revoked');
    await newRecruiter(ctx, admin, 'PH', { address: { country: 'PH' } }, 'refused');
    const resumed = await newRecruiter(ctx, admin, 'PH', {}, 'suspended');
    const res = await ctx.request('POST', `/api/v1/recruiters/${resumed}/status`, {
      token: admin,
      body: { status: 'authorized', reason: 'Lifted after review', reference: 'PH-ORDER-7' },
    });
    expect(res.status).toBe(200);
    await newRecruiter(ctx, admin, 'PH', {});
    // Hundreds more straight into the tables, every status.
    await bulkLoadSynthetic(ctx.db, { count: 300, jurisdictions: ['GB', 'PH'] });

    const ids = await ctx.db.query<{ id: string }[]>('SELECT id FROM recruiters');
    for (const { id } of ids) {
      const detail = await ctx.request('GET', `/api/v1/recruiters/${id}`);
      expect(detail.status).toBe(200);
      expected.set(id, detail.body as Recruiter);
    }
  });
  afterAll(() => ctx.close());

  afterEach(() => {
    exports.batchSize = EXPORT_BATCH_SIZE;
  });

  const sortedExpected = (jurisdiction?: string) =>
    [...expected.values()]
      .filter((r) => !jurisdiction || r.jurisdiction === jurisdiction)
      .sort((a, b) => (a.id < b.id ? -1 : 1));

  describe('GET /export/recruiters.json', () => {
    it('streams every record, whatever its status, with its public fields and full history', async () => {
      const res = await ctx.request('GET', '/api/v1/export/recruiters.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      // Streamed: no length known in advance.
      expect(res.headers.get('transfer-encoding')).toBe('chunked');
      expect(res.headers.get('content-length')).toBeNull();
      const today = new Date().toISOString().slice(0, 10);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="recruiters-${today}.json"`,
      );
      expect(res.body).toHaveLength(expected.size);
      // Sorted by id on the server; PostgreSQL's uuid order and JavaScript's string order agree.
      expect(res.body).toEqual(sortedExpected());
      const statuses = new Set((res.body as Recruiter[]).map((r) => r.status));
      expect(statuses).toEqual(
        new Set(['pending', 'authorized', 'refused', 'suspended', 'revoked']),
      );
      const resumed = (res.body as Recruiter[]).find((r) => (r.history as unknown[]).length === 4);
      expect(resumed?.history).toMatchObject([
        {
          fromStatus: null,
          toStatus: 'pending',
          reason: 'Application registered',
          reference: null,
        },
        { fromStatus: 'pending', toStatus: 'authorized' },
        { fromStatus: 'authorized', toStatus: 'suspended' },
        {
          fromStatus: 'suspended',
          toStatus: 'authorized',
          reason: 'Lifted after review',
          reference: 'PH-ORDER-7',
        },
      ]);
    });

    it('never carries internal notes or the version', async () => {
      const res = await ctx.request('GET', '/api/v1/export/recruiters.json');
      expect(res.text).not.toContain(SECRET);
      for (const record of res.body as Recruiter[]) {
        expect(record).not.toHaveProperty('internalNotes');
        expect(record).not.toHaveProperty('version');
      }
    });

    it('reads in batches without losing or repeating a record at the boundaries', async () => {
      for (const size of [7, expected.size, sortedExpected('PH').length]) {
        exports.batchSize = size;
        const all = await ctx.request('GET', '/api/v1/export/recruiters.json');
        expect(all.body).toEqual(sortedExpected());
        const ph = await ctx.request('GET', '/api/v1/export/recruiters.json?jurisdiction=PH');
        expect(ph.body).toEqual(sortedExpected('PH'));
      }
    });

    it('holds only the jurisdiction asked for', async () => {
      const res = await ctx.request('GET', '/api/v1/export/recruiters.json?jurisdiction=PH');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(
        /filename="recruiters-PH-\d{4}-\d{2}-\d{2}\.json"/,
      );
      expect(res.body.length).toBeGreaterThan(100);
      expect(res.body.every((r: Recruiter) => r.jurisdiction === 'PH')).toBe(true);
      expect(res.body).toEqual(sortedExpected('PH'));
    });

    it('answers an empty array for a registry with no records', async () => {
      const res = await ctx.request('GET', '/api/v1/export/recruiters.json?jurisdiction=IE');
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    });
  });

  describe('GET /export/recruiters.csv', () => {
    it('streams a header row and one row per record that reads back to the JSON export', async () => {
      const res = await ctx.request('GET', '/api/v1/export/recruiters.csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="recruiters-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      const rows = parse<Record<string, string>>(res.text, { columns: true });
      expect(Object.keys(rows[0])).toEqual([...EXPORT_CSV_COLUMNS]);
      expect(rows.map(fromCsvRow)).toEqual(sortedExpected());
      expect(res.text).not.toContain(SECRET);
      expect(res.text.split('\n')[0]).not.toMatch(/internalNotes|version/);
    });

    it('holds only the jurisdiction asked for, across batches', async () => {
      exports.batchSize = 11;
      const res = await ctx.request('GET', '/api/v1/export/recruiters.csv?jurisdiction=PH');
      const rows = parse<Record<string, string>>(res.text, { columns: true }).map(fromCsvRow);
      expect(rows.every((r) => r.jurisdiction === 'PH')).toBe(true);
      expect(rows).toEqual(sortedExpected('PH'));
    });

    it('answers only the header row for a registry with no records', async () => {
      const res = await ctx.request('GET', '/api/v1/export/recruiters.csv?jurisdiction=IE');
      expect(res.status).toBe(200);
      expect(res.text).toBe(`${EXPORT_CSV_COLUMNS.join(',')}\n`);
    });
  });

  it('keeps serving after clients abandon downloads', async () => {
    exports.batchSize = 3;
    for (let i = 0; i < 3; i++) {
      const abort = new AbortController();
      const res = await fetch(`${ctx.baseUrl}/api/v1/export/recruiters.json`, {
        signal: abort.signal,
      });
      const reader = res.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      abort.abort();
      await reader.read().catch(() => undefined);
    }
    // On PGlite the pool holds one connection: a leaked one would hang every later request.
    const after = await ctx.request('GET', '/api/v1/recruiters?jurisdiction=PH&pageSize=1');
    expect(after.status).toBe(200);
    const whole = await ctx.request('GET', '/api/v1/export/recruiters.json');
    expect(whole.body).toHaveLength(expected.size);
  });

  it('documents the CSV encoding, history column included, in the OpenAPI description', async () => {
    const res = await ctx.request('GET', '/api/openapi.json');
    const csv = res.body.paths['/api/v1/export/recruiters.csv'].get;
    expect(csv.description).toContain('`history` is a JSON array');
    expect(Object.keys(csv.responses['200'].content)).toEqual(['text/csv']);
    const json = res.body.paths['/api/v1/export/recruiters.json'].get;
    expect(json.parameters).toEqual([
      expect.objectContaining({ name: 'jurisdiction', in: 'query' }),
    ]);
  });

  it.each(['csv', 'json'])('refuses a bad or unknown query parameter (%s)', async (format) => {
    const bad = await ctx.request('GET', `/api/v1/export/recruiters.${format}?jurisdiction=XX`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'jurisdiction', message: expect.any(String) }]);
    const unknown = await ctx.request('GET', `/api/v1/export/recruiters.${format}?status=revoked`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'status', message: 'unknown field' }]);
  });
});
