import { verifyChain, type AuditEntry } from '../../apps/api/src/audit/audit-chain.js';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext, type TestResponse } from '../support/test-app.js';

const HEADER =
  'registrationNumber,kind,sector,legalName,tradingNames,domains,emailDomains,phones,addressCity,addressCountry,authorizedFrom,authorizedUntil,conditions,status,statusReason,decisionReference';

/** A CSV from the header above and rows of cells (quoted as needed). */
function csv(rows: string[][], header = HEADER, delimiter = ','): string {
  const quote = (cell: string) => (/[",;\n|]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [header, ...rows.map((cells) => cells.map(quote).join(delimiter))].join('\r\n') + '\r\n';
}

function row(
  number: string,
  overrides: Partial<Record<'kind' | 'legalName' | 'phones' | 'status' | 'reason', string>> & {
    cells?: Partial<Record<number, string>>;
  } = {},
): string[] {
  const cells = [
    number,
    overrides.kind ?? 'recruiter',
    'private',
    overrides.legalName ?? `Import Test ${number} Ltd`,
    'Trading One|Trading Two',
    `${number.toLowerCase()}.example`,
    `${number.toLowerCase()}.example`,
    overrides.phones ?? '+442079460001|+442079460002',
    'London',
    'GB',
    '2026-01-01',
    '2028-12-31',
    '',
    overrides.status ?? 'authorized',
    overrides.reason ?? 'Licence granted after inspection',
    'DEC-1',
  ];
  for (const [index, value] of Object.entries(overrides.cells ?? {})) cells[Number(index)] = value!;
  return cells;
}

describe('CSV import of a registry', () => {
  let ctx: TestContext;
  let gb: string;
  let ph: string;
  let admin: string;
  let observer: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    gb = (await ctx.newUser('regulator', ['GB'])).token;
    ph = (await ctx.newUser('regulator', ['PH'])).token;
    admin = (await ctx.newUser('admin')).token;
    observer = (await ctx.newUser('observer')).token;
  });
  afterAll(() => ctx.close());

  const importCsv = (
    body: string | Uint8Array,
    { dryRun = false, token = gb, jurisdiction = 'GB' } = {},
  ): Promise<TestResponse> =>
    ctx.request('POST', `/api/v1/imports?jurisdiction=${jurisdiction}&dryRun=${dryRun}`, {
      token,
      rawBody: body,
      headers: { 'content-type': 'text/csv' },
    });

  async function postForm(form: FormData, dryRun = true): Promise<TestResponse> {
    const response = await fetch(`${ctx.baseUrl}/api/v1/imports?jurisdiction=GB&dryRun=${dryRun}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gb}` },
      body: form,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: JSON.parse(text), text };
  }

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await ctx.db.query<{ n: string }[]>(sql, params))[0].n);
  const recruitersLike = (prefix: string) =>
    count(`SELECT count(*) AS n FROM recruiters WHERE registration_number LIKE $1`, [`${prefix}%`]);
  const auditSize = () => count(`SELECT count(*) AS n FROM audit_events WHERE chain = 'GB'`);
  const historySize = () => count(`SELECT count(*) AS n FROM recruiter_status_changes`);

  async function findByNumber(number: string) {
    const res = await ctx.request(
      'GET',
      `/api/v1/recruiters?jurisdiction=GB&registrationNumber=${encodeURIComponent(number)}`,
    );
    expect(res.body.items).toHaveLength(1);
    return (await ctx.request('GET', `/api/v1/recruiters/${res.body.items[0].id}`)).body;
  }

  describe('GET /imports/template.csv', () => {
    it('downloads the header and one example row, which imports cleanly', async () => {
      const res = await ctx.request('GET', '/api/v1/imports/template.csv');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
      const lines = res.text.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0].split(',')).toEqual(
        expect.arrayContaining(['registrationNumber', 'tradingNames', 'status', 'statusReason']),
      );
      const dry = await importCsv(res.text, { dryRun: true });
      expect(dry.body).toMatchObject({ rows: 1, valid: 1, invalid: 0, errors: [] });
    });
  });

  describe('dry run', () => {
    it('lists every bad row by spreadsheet row, field and message, and writes nothing', async () => {
      const auditBefore = await auditSize();
      const file = csv([
        row('DRY-1'), // row 2: fine
        row('DRY-2', { kind: 'broker' }), // row 3
        row('DRY-3', { phones: '+44207946|12345' }), // row 4
        row('DRY-4', { cells: { 3: 'Two\nline name Ltd' } }), // row 5: a quoted cell over two lines
        row('dry 1', { cells: { 5: 'dry1.example', 6: '' } }), // row 6: DRY-1 written differently
        row('DRY-5', { reason: '' }), // row 7: a status without a reason
        row('DRY-6', { cells: { 10: '2026-02-30', 11: '2025-01-01' } }), // row 8
        [], // row 9: blank, skipped
        row('DRY-7', { legalName: '' }), // row 10
      ]);
      const res = await importCsv(file, { dryRun: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        dryRun: true,
        rows: 8,
        valid: 2,
        invalid: 6,
        toCreate: 2,
        toUpdate: 0,
        unchanged: 0,
      });
      const errors = res.body.errors as { row: number; field: string; message: string }[];
      expect(errors.map((e) => [e.row, e.field])).toEqual([
        [3, 'kind'],
        [4, 'phones'],
        [6, 'registrationNumber'],
        [7, 'statusReason'],
        [8, 'authorizedFrom'],
        [10, 'legalName'],
        [10, 'legalName'],
      ]);
      expect(errors[0].message).toMatch(/recruiter, employer, both/);
      expect(errors[2].message).toBe('repeats the registration number of row 2');
      expect(await recruitersLike('DRY-')).toBe(0);
      expect(await auditSize()).toBe(auditBefore);
    });

    it('reports a status change the status machine does not allow', async () => {
      await newRecruiter(ctx, gb, 'GB', { registrationNumber: 'MACHINE-1' }, 'revoked');
      const res = await importCsv(csv([row('MACHINE-1', { status: 'authorized' })]), {
        dryRun: true,
      });
      expect(res.body.errors).toEqual([
        { row: 2, field: 'status', message: 'a revoked record cannot become authorized' },
      ]);
    });
  });

  describe('POST /imports/problems.csv', () => {
    it('gives every problem of a large file as CSV, where the dry run lists the first 1,000, and writes nothing', async () => {
      const rows: string[][] = [];
      for (let i = 1; i <= 1_205; i++) {
        rows.push(row(`MANY-${i}`, i % 400 === 0 ? {} : { kind: 'broker' }));
      }
      const file = csv(rows);
      const auditBefore = await auditSize();

      const dry = await importCsv(file, { dryRun: true });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ rows: 1_205, invalid: 1_202, problemCount: 1_202 });
      expect(dry.body.errors).toHaveLength(1_000);

      const res = await ctx.request('POST', '/api/v1/imports/problems.csv?jurisdiction=GB', {
        token: gb,
        rawBody: file,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="import-problems-GB.csv"',
      );
      const lines = res.text.trim().split('\n');
      expect(lines[0]).toBe('row,field,message');
      expect(lines).toHaveLength(1 + 1_202);
      // The same problems as the dry run, in the same order, and the ones after its first 1,000.
      const listed = (dry.body.errors as { row: number; field: string }[]).map(
        (e) => `${e.row},${e.field}`,
      );
      expect(lines.slice(1, 1_001).map((line) => line.split(',').slice(0, 2).join(','))).toEqual(
        listed,
      );
      // The last data row is spreadsheet row 1,206 (the header is row 1).
      expect(lines.at(-1)).toMatch(/^1206,kind,/);
      expect(await recruitersLike('MANY-')).toBe(0);
      expect(await auditSize()).toBe(auditBefore);
    });

    it('keeps the import rules: 403 for another registry or an observer, 400 naming a bad code', async () => {
      const file = csv([row('RULES-1')]);
      const post = (token: string, jurisdiction: string) =>
        ctx.request('POST', `/api/v1/imports/problems.csv?jurisdiction=${jurisdiction}`, {
          token,
          rawBody: file,
          headers: { 'content-type': 'text/csv' },
        });
      expect((await post(ph, 'GB')).status).toBe(403);
      expect((await post(observer, 'GB')).status).toBe(403);
      const bad = await post(gb, 'G1');
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['jurisdiction']);
      const clean = await post(gb, 'GB');
      expect(clean.status).toBe(200);
      expect(clean.text.trim()).toBe('row,field,message');
    });
  });

  describe('import', () => {
    it('refuses the whole file when one row is bad, with the same error list', async () => {
      const file = csv([row('ALL-1'), row('ALL-2', { phones: 'call me' }), row('ALL-3')]);
      const dry = await importCsv(file, { dryRun: true });
      const real = await importCsv(file);
      expect(real.status).toBe(400);
      expect(real.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(real.body.code).toBe('import_rows_invalid');
      expect(real.body.errors).toEqual(dry.body.errors);
      expect(real.body.errors).toEqual([expect.objectContaining({ row: 3, field: 'phones' })]);
      expect(await recruitersLike('ALL-')).toBe(0);
    });

    it('imports a fixed file: records, history, search names and audit entries like registration', async () => {
      const auditBefore = await auditSize();
      const file = csv([
        row('NEW-1'),
        row('NEW-2', { status: '', reason: '', cells: { 15: '' } }),
        row('NEW-3', { status: 'suspended', reason: 'Fees charged to nurses (carried over)' }),
      ]);
      const res = await importCsv(file);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        dryRun: false,
        importId: expect.any(String),
        rows: 3,
        valid: 3,
        toCreate: 3,
        toUpdate: 0,
        unchanged: 0,
        errors: [],
      });

      const one = await findByNumber('NEW-1');
      expect(one).toMatchObject({
        status: 'authorized',
        legalName: 'Import Test NEW-1 Ltd',
        tradingNames: ['Trading One', 'Trading Two'],
        domains: ['new-1.example'],
        phones: ['+442079460001', '+442079460002'],
        address: { city: 'London', country: 'GB' },
        authorizedFrom: '2026-01-01',
        authorizedUntil: '2028-12-31',
        conditions: null,
      });
      expect(one.history).toEqual([
        expect.objectContaining({ fromStatus: null, toStatus: 'pending' }),
        expect.objectContaining({
          fromStatus: 'pending',
          toStatus: 'authorized',
          reason: 'Licence granted after inspection',
          reference: 'DEC-1',
        }),
      ]);
      expect((await findByNumber('NEW-2')).history).toHaveLength(1);
      expect((await findByNumber('NEW-3')).status).toBe('suspended');
      const search = await ctx.request('GET', '/api/v1/recruiters?q=Trading%20Two&jurisdiction=GB');
      expect(search.body.items.map((i: { id: string }) => i.id)).toContain(one.id);

      // registered ×3, status_changed ×2, one summary
      expect(await auditSize()).toBe(auditBefore + 6);
      const events = await ctx.request('GET', '/api/v1/audit/GB/events?afterSeq=0&limit=1000');
      const entries = events.body.items as AuditEntry[];
      expect(verifyChain(entries)).toMatchObject({ ok: true });
      const added = entries.slice(auditBefore);
      expect(added.map((e) => e.action)).toEqual([
        'recruiter.registered',
        'recruiter.status_changed',
        'recruiter.registered',
        'recruiter.registered',
        'recruiter.status_changed',
        'recruiters.imported',
      ]);
      expect(added[5]).toMatchObject({
        entityId: res.body.importId,
        data: { toCreate: 3, toUpdate: 0, statusChanges: 2 },
      });
    });

    it('changes nothing when the same file is imported twice', async () => {
      const file = csv([
        row('TWICE-1'),
        row('TWICE-2', { status: 'refused', reason: 'Incomplete' }),
      ]);
      const first = await importCsv(file);
      expect(first.body).toMatchObject({ toCreate: 2, unchanged: 0 });
      const auditBefore = await auditSize();
      const historyBefore = await historySize();
      const etag = (
        await ctx.request('GET', `/api/v1/recruiters/${(await findByNumber('TWICE-1')).id}`)
      ).headers.get('etag');

      const second = await importCsv(file);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ rows: 2, toCreate: 0, toUpdate: 0, unchanged: 2 });
      expect(second.body).not.toHaveProperty('importId');
      expect(await auditSize()).toBe(auditBefore);
      expect(await historySize()).toBe(historyBefore);
      const after = await ctx.request(
        'GET',
        `/api/v1/recruiters/${(await findByNumber('TWICE-1')).id}`,
      );
      expect(after.headers.get('etag')).toBe(etag);
    });

    it('updates changed records and moves statuses through the machine', async () => {
      await importCsv(csv([row('UPD-1'), row('UPD-2')]));
      const before = await findByNumber('UPD-1');
      const auditBefore = await auditSize();
      const res = await importCsv(
        csv([
          row('UPD-1', { legalName: 'Renamed Staffing Ltd', status: 'suspended', reason: 'Fees' }),
          row('UPD-2'),
        ]),
      );
      expect(res.body).toMatchObject({ toCreate: 0, toUpdate: 1, unchanged: 1 });
      const after = await findByNumber('UPD-1');
      expect(after).toMatchObject({ legalName: 'Renamed Staffing Ltd', status: 'suspended' });
      expect(after.history.at(-1)).toMatchObject({
        fromStatus: 'authorized',
        toStatus: 'suspended',
        reason: 'Fees',
      });
      const regulatorView = await ctx.request('GET', `/api/v1/regulator/recruiters/${after.id}`, {
        token: gb,
      });
      expect(regulatorView.body.version).toBeGreaterThan(1);
      const search = await ctx.request(
        'GET',
        '/api/v1/recruiters?q=Renamed%20Staffing&jurisdiction=GB',
      );
      expect(search.body.items.map((i: { id: string }) => i.id)).toContain(before.id);
      const events = await ctx.request(
        'GET',
        `/api/v1/audit/GB/events?afterSeq=${auditBefore}&limit=10`,
      );
      expect(events.body.items.map((e: AuditEntry) => e.action)).toEqual([
        'recruiter.updated',
        'recruiter.status_changed',
        'recruiters.imported',
      ]);
      expect(events.body.items[0].data.changed).toEqual({
        legalName: { from: 'Import Test UPD-1 Ltd', to: 'Renamed Staffing Ltd' },
      });
    });

    it('leaves the fields of a column left out of the file as they are', async () => {
      await importCsv(csv([row('KEEP-1')]));
      const header = 'registrationNumber,kind,sector,legalName';
      const res = await importCsv(
        csv([['KEEP-1', 'recruiter', 'private', 'Import Test KEEP-1 Ltd']], header),
      );
      expect(res.body).toMatchObject({ unchanged: 1, toUpdate: 0 });
      expect((await findByNumber('KEEP-1')).phones).toEqual(['+442079460001', '+442079460002']);
    });

    it('reads semicolon-separated files with a byte-order mark, as spreadsheets save them', async () => {
      const file = '\uFEFF' + csv([row('SEMI-1')], HEADER.replace(/,/g, ';'), ';');
      const res = await importCsv(new TextEncoder().encode(file));
      expect(res.body).toMatchObject({ toCreate: 1, errors: [] });
      expect((await findByNumber('SEMI-1')).tradingNames).toEqual(['Trading One', 'Trading Two']);
    });

    it('takes the file as a multipart upload in the field "file"', async () => {
      const form = new FormData();
      form.append('file', new Blob([csv([row('FORM-1')])], { type: 'text/csv' }), 'registry.csv');
      const res = await postForm(form, false);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ toCreate: 1 });

      const wrongField = new FormData();
      wrongField.append('upload', new Blob([csv([row('FORM-2')])]), 'registry.csv');
      const refused = await postForm(wrongField);
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].field).toBe('upload');
    });
  });

  describe('files that cannot be read', () => {
    it('names missing and unknown columns on row 1', async () => {
      const res = await importCsv(
        'registrationNumber,kind,legalName,colour\nX-1,recruiter,X Ltd,red\n',
        {
          dryRun: true,
        },
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('import_file_invalid');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ row: 1, field: 'colour' }),
          expect.objectContaining({
            row: 1,
            field: 'sector',
            message: 'required column is missing',
          }),
        ]),
      );
    });

    it('refuses a file that is not UTF-8', async () => {
      const latin1 = new Uint8Array([
        ...new TextEncoder().encode(`${HEADER}\nX-1,recruiter,private,Soci`),
        0xe9,
        0x0a,
      ]);
      const res = await importCsv(latin1, { dryRun: true });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ row: 1, field: '(file)' })]);
    });

    it('names the row of a quote that is never closed', async () => {
      const res = await importCsv(`${HEADER}\n${row('Q-1').join(',')}\n"Q-2,recruiter\n`, {
        dryRun: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ row: 3, field: '(file)' })]);
    });

    it('accepts text/csv on the import route only', async () => {
      const res = await ctx.request('POST', '/api/v1/recruiters', {
        token: gb,
        rawBody: csv([row('ELSEWHERE-1')]),
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(415);
    });
  });

  describe('who may import', () => {
    const file = csv([row('WHO-1')]);

    it('refuses a regulator of another jurisdiction and an observer (403)', async () => {
      expect((await importCsv(file, { token: ph })).status).toBe(403);
      expect((await importCsv(file, { token: observer })).status).toBe(403);
      expect(await recruitersLike('WHO-')).toBe(0);
    });

    it('asks for a login (401)', async () => {
      const res = await ctx.request('POST', '/api/v1/imports?jurisdiction=GB', {
        rawBody: file,
        headers: { 'content-type': 'text/csv' },
      });
      expect(res.status).toBe(401);
    });

    it('answers 404 for a jurisdiction without a registry, 400 for a code that is none', async () => {
      expect((await importCsv(file, { token: admin, jurisdiction: 'FR' })).status).toBe(404);
      const bad = await importCsv(file, { token: admin, jurisdiction: 'XX' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('jurisdiction');
    });

    it('lets an administrator import into any registry', async () => {
      const res = await importCsv(file, { token: admin, jurisdiction: 'PH', dryRun: true });
      expect(res.status).toBe(200);
    });
  });
});
