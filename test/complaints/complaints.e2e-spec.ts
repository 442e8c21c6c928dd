import sharp from 'sharp';
import { createHash } from 'node:crypto';
import { newRecruiter } from '../support/factories.js';
import { EvidenceSweeper } from '../../apps/api/src/complaints/evidence-sweeper.js';
import { IdempotencyStore } from '../../apps/api/src/complaints/intake/idempotency-store.js';
import {
  EVIDENCE_STORAGE,
  type EvidenceStorage,
} from '../../apps/api/src/evidence/evidence-storage.js';
import { createTestContext, type TestContext } from '../support/test-app.js';
import { complaintId, complaintInput, fileComplaint, postMultipart } from './support.js';

const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/;
const REFERENCE = /^FR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('complaints over HTTP', () => {
  let ctx: TestContext;
  let gb: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    gb = (await ctx.newUser('regulator', ['GB'])).token;
  });
  afterAll(() => ctx.close());

  describe('POST /complaints', () => {
    it('files a complaint about a registered recruiter and routes it to its registry', async () => {
      const recruiterId = await newRecruiter(ctx, gb, 'GB', {}, 'authorized');
      const res = await ctx.request('POST', '/api/v1/complaints', {
        body: complaintInput({ recruiter: undefined, jurisdiction: 'PH', recruiterId }),
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        reference: expect.stringMatching(REFERENCE),
        receipt: expect.stringMatching(RECEIPT),
        jurisdiction: 'GB',
        authority: { name: 'Authority of United Kingdom', website: null, email: null },
        status: 'received',
      });
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('routes an unregistered recruiter to the jurisdiction named, else to the ad’s country', async () => {
      const named = await fileComplaint(ctx, { jurisdiction: 'PH' });
      expect(named.jurisdiction).toBe('PH');
      const byAd = await fileComplaint(ctx, {
        jurisdiction: undefined,
        adUrl: 'https://www.carejobs-board.co.uk/ads/991',
      });
      expect(byAd.jurisdiction).toBe('GB');
    });

    it('asks for a jurisdiction when nothing tells where the complaint belongs', async () => {
      const res = await ctx.request('POST', '/api/v1/complaints', {
        body: complaintInput({ jurisdiction: undefined, adUrl: 'https://jobs.example.com/1' }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'jurisdiction' })]);
      const unknown = await ctx.request('POST', '/api/v1/complaints', {
        body: complaintInput({ jurisdiction: 'FR' }),
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'jurisdiction' })]);
    });

    it.each([
      ['an unknown category', { categories: ['fees'] }, 'categories'],
      ['no category', { categories: [] }, 'categories'],
      [
        'a negative amount',
        { fees: [{ chargedBy: 'x', purpose: 'y', amount: -5, currency: 'GBP' }] },
        'fees[0].amount',
      ],
      [
        'a made-up currency',
        { fees: [{ chargedBy: 'x', purpose: 'y', amount: 5, currency: 'XYZ' }] },
        'fees[0].currency',
      ],
      [
        'a debt in no currency',
        {
          fees: [{ chargedBy: 'x', purpose: 'y', amount: 5, currency: 'GBP', debt: { amount: 9 } }],
        },
        'fees[0].debt.currency',
      ],
      [
        'an unknown payment method',
        { fees: [{ chargedBy: 'x', purpose: 'y', amount: 5, currency: 'GBP', method: 'gold' }] },
        'fees[0].method',
      ],
      ['an oversize description', { description: 'x'.repeat(10_001) }, 'description'],
      ['a too-short description', { description: 'bad' }, 'description'],
      ['an unknown field', { ipAddress: '10.0.0.1' }, 'ipAddress'],
      ['a bad contact email', { contact: { email: 'not-an-email' } }, 'contact.email'],
      ['a malformed recruiter id', { recruiter: undefined, recruiterId: 'abc' }, 'recruiterId'],
      [
        'both a recruiter id and a recruiter',
        { recruiterId: '6f1c0c5e-8a5a-4f43-9d7c-1d2b8e1f0a11' },
        'recruiter',
      ],
      ['fees without the fee category', { categories: ['fraud'] }, 'fees'],
      ['nobody to complain about', { recruiter: {}, adUrl: undefined }, 'recruiter'],
      [
        'an unregistered recruiter id',
        { recruiter: undefined, recruiterId: '6f1c0c5e-8a5a-4f43-9d7c-1d2b8e1f0a11' },
        'recruiterId',
      ],
    ])('refuses %s with the field named, and stores nothing', async (_what, overrides, field) => {
      const before = await countComplaints(ctx);
      const res = await ctx.request('POST', '/api/v1/complaints', {
        body: complaintInput(overrides),
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await countComplaints(ctx)).toBe(before);
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const res = await ctx.request('POST', '/api/v1/complaints', {
        body: complaintInput(),
        headers: { 'idempotency-key': 'short' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first answer and files one complaint', async () => {
      const body = complaintInput();
      const headers = { 'idempotency-key': 'retry-test-0001' };
      const first = await ctx.request('POST', '/api/v1/complaints', { body, headers });
      const again = await ctx.request('POST', '/api/v1/complaints', { body, headers });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      const rows = await ctx.db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM complaints WHERE description = $1`,
        [body.description],
      );
      expect(Number(rows[0].n)).toBe(1);
    });

    it('refuses the same key with another complaint (422)', async () => {
      const headers = { 'idempotency-key': 'retry-test-0002' };
      await ctx.request('POST', '/api/v1/complaints', { body: complaintInput(), headers });
      const other = await ctx.request('POST', '/api/v1/complaints', {
        body: complaintInput(),
        headers,
      });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('idempotency_key_reused');
    });

    it('lets concurrent duplicates file exactly one complaint; the others wait (409) or replay', async () => {
      const body = complaintInput();
      const headers = { 'idempotency-key': 'retry-test-concurrent' };
      const answers = await Promise.all(
        Array.from({ length: 8 }, () =>
          ctx.request('POST', '/api/v1/complaints', { body, headers }),
        ),
      );
      const created = answers.filter((a) => a.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const a of answers) expect([201, 409]).toContain(a.status);
      for (const a of answers.filter((x) => x.status === 409)) {
        expect(a.body.code).toBe('idempotency_key_in_flight');
      }
      expect(new Set(created.map((a) => a.body.reference)).size).toBe(1);
      const rows = await ctx.db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM complaints WHERE description = $1`,
        [body.description],
      );
      expect(Number(rows[0].n)).toBe(1);
    });

    it('keeps keys for 48 hours, then forgets them: an expired key files anew', async () => {
      const body = complaintInput();
      const headers = { 'idempotency-key': 'retry-test-expiry-0004' };
      const first = await ctx.request('POST', '/api/v1/complaints', { body, headers });
      const kept = await ctx.db.query<{ hours: number }[]>(
        `SELECT extract(epoch FROM expires_at - created_at) / 3600 AS hours FROM idempotency_keys WHERE complaint_id = (SELECT id FROM complaints WHERE reference = $1)`,
        [first.body.reference],
      );
      expect(Number(kept[0].hours)).toBeCloseTo(48, 3);
      await fileComplaint(ctx, {}, { 'idempotency-key': 'retry-test-expiry-0005' });
      const store = ctx.app.get(IdempotencyStore);
      const fresh = await store.purgeExpired();
      await ctx.db.query(
        `UPDATE idempotency_keys SET created_at = now() - interval '49 hours', expires_at = now() - interval '1 hour'`,
      );
      const retried = await ctx.request('POST', '/api/v1/complaints', { body, headers });
      expect(retried.status).toBe(201);
      expect(retried.body.reference).not.toBe(first.body.reference);
      expect(fresh).toBe(0);
      expect(await store.purgeExpired()).toBeGreaterThan(0);
      const left = await ctx.db.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM idempotency_keys WHERE expires_at < now()`,
      );
      expect(Number(left[0].n)).toBe(0);
    });

    it('keeps the first answer sealed: the table holds neither the key nor the receipt', async () => {
      const key = 'retry-test-sealed-0003';
      const first = await fileComplaint(ctx, {}, { 'idempotency-key': key });
      const raw = await ctx.db.query<Record<string, unknown>[]>(`SELECT * FROM idempotency_keys`);
      const dump =
        JSON.stringify(raw) +
        raw.map((r) => Buffer.from(r.response_ciphertext as Buffer).toString('latin1')).join('');
      expect(dump).not.toContain(key);
      expect(dump).not.toContain(first.receipt);
      expect(dump).not.toContain(first.receipt.replace(/-/g, ''));
    });
  });

  describe('following a complaint up', () => {
    it('shows status and timeline with reference + receipt, typed as a person would', async () => {
      const filed = await fileComplaint(ctx);
      const sloppy = filed.receipt.toLowerCase().replace(/-/g, ' ');
      const res = await ctx.request('GET', `/api/v1/complaints/${filed.reference.toLowerCase()}`, {
        headers: { 'x-receipt-code': sloppy },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        reference: filed.reference,
        status: 'received',
        jurisdiction: 'GB',
        categories: ['worker_fees'],
        timeline: [{ kind: 'submitted', by: 'complainant', status: 'received' }],
        evidence: [],
      });
      expect(res.body).not.toHaveProperty('description');
      expect(res.body).not.toHaveProperty('contact');
    });

    it('answers a wrong code and an unknown reference with the same slow 404', async () => {
      const filed = await fileComplaint(ctx);
      const timed = async (reference: string, code: string) => {
        const started = Date.now();
        const res = await ctx.request('GET', `/api/v1/complaints/${reference}`, {
          headers: { 'x-receipt-code': code },
        });
        return { res, ms: Date.now() - started };
      };
      const wrongCode = await timed(filed.reference, 'AAAAA-AAAAA-AAAAA-AAAAA');
      const noSuch = await timed('FR-0000-0000', filed.receipt);
      const noCode = await ctx.request('GET', `/api/v1/complaints/${filed.reference}`);
      for (const { res, ms } of [wrongCode, noSuch]) {
        expect(res.status).toBe(404);
        expect(ms).toBeGreaterThanOrEqual(390);
      }
      expect(noCode.status).toBe(404);
      const strip = (b: Record<string, unknown>) => ({
        ...b,
        instance: undefined,
        requestId: undefined,
      });
      expect(strip(wrongCode.res.body)).toEqual(strip(noSuch.res.body));
      expect(strip(noCode.body)).toEqual(strip(noSuch.res.body));
    });

    it('carries messages both ways', async () => {
      const filed = await fileComplaint(ctx);
      const id = await complaintId(ctx, filed.reference);
      const receipt = { 'x-receipt-code': filed.receipt };
      const fromRegulator = await ctx.request(
        'POST',
        `/api/v1/regulator/complaints/${id}/messages`,
        {
          token: gb,
          body: { message: 'Please send the bank transfer receipt.' },
        },
      );
      expect(fromRegulator.status).toBe(201);
      const reply = await ctx.request('POST', `/api/v1/complaints/${filed.reference}/messages`, {
        headers: receipt,
        body: { message: 'Attached tomorrow; the transfer was on 1 October.' },
      });
      expect(reply.status).toBe(201);
      const view = await ctx.request('GET', `/api/v1/complaints/${filed.reference}`, {
        headers: receipt,
      });
      expect(
        view.body.timeline.map((e: { kind: string; by: string }) => `${e.kind}:${e.by}`),
      ).toEqual(['submitted:complainant', 'message:regulator', 'message:complainant']);
      expect(view.body.timeline[1].message).toBe('Please send the bank transfer receipt.');
      const caseFile = await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, {
        token: gb,
      });
      expect(caseFile.body.timeline[2].message).toBe(
        'Attached tomorrow; the transfer was on 1 October.',
      );
    });

    it('refuses a blank message', async () => {
      const filed = await fileComplaint(ctx);
      const res = await ctx.request('POST', `/api/v1/complaints/${filed.reference}/messages`, {
        headers: { 'x-receipt-code': filed.receipt },
        body: { message: '   ' },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'message' })]);
    });
  });

  describe('evidence', () => {
    const GPS_MARK = 'FairRecruitTestCamera';
    let photo: Buffer;

    beforeAll(async () => {
      photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
        .jpeg()
        .withExif({ IFD0: { Make: GPS_MARK, Model: GPS_MARK }, IFD3: { GPSLatitudeRef: 'N' } })
        .toBuffer();
      expect(photo.includes(GPS_MARK)).toBe(true);
    });

    it('files a complaint with files; images are stored without their metadata', async () => {
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
      const res = await postMultipart(ctx, '/api/v1/complaints', {
        complaint: complaintInput(),
        files: [
          { name: 'transfer.jpg', type: 'image/jpeg', bytes: photo },
          { name: 'contract.pdf', type: 'application/pdf', bytes: pdf },
        ],
        headers: { 'idempotency-key': 'multipart-evidence-0001' },
      });
      expect(res.status).toBe(201);
      const id = await complaintId(ctx, (res.body as { reference: string }).reference);
      const caseFile = await ctx.request('GET', `/api/v1/regulator/complaints/${id}`, {
        token: gb,
      });
      expect(caseFile.body.evidence).toEqual([
        expect.objectContaining({ fileName: 'transfer.jpg', contentType: 'image/jpeg' }),
        expect.objectContaining({ fileName: 'contract.pdf', contentType: 'application/pdf' }),
      ]);
      const [image, document] = caseFile.body.evidence;
      expect(image.receivedSha256).toBe(sha256(photo));
      const download = await fetch(
        `${ctx.baseUrl}/api/v1/regulator/complaints/${id}/evidence/${image.id}`,
        { headers: { authorization: `Bearer ${gb}` } },
      );
      expect(download.status).toBe(200);
      expect(download.headers.get('content-disposition')).toContain('attachment');
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(sha256(bytes)).toBe(image.sha256);
      expect(bytes.includes(GPS_MARK)).toBe(false);
      expect((await sharp(bytes).metadata()).exif).toBeUndefined();
      expect(document.sha256).toBe(sha256(pdf));
    });

    it('sweeps away stored files that no complaint refers to (a crash before the commit)', async () => {
      const filed = await postMultipart(ctx, '/api/v1/complaints', {
        complaint: complaintInput(),
        files: [{ name: 'kept.txt', bytes: Buffer.from('Paid 300 EUR to the agent.') }],
      });
      expect(filed.status).toBe(201);
      const storage = ctx.app.get<EvidenceStorage>(EVIDENCE_STORAGE);
      const sweeper = ctx.app.get(EvidenceSweeper);
      await storage.put('orphan-of-a-crash', Buffer.from('passport scan'), 'text/plain');
      // Too young to be an orphan: a submission may still be on its way to committing.
      expect(await sweeper.sweep()).toEqual([]);
      expect(await sweeper.sweep(0)).toEqual(['orphan-of-a-crash']);
      await expect(storage.get('orphan-of-a-crash')).rejects.toMatchObject({
        code: 'evidence_not_found',
      });
      const id = await complaintId(ctx, (filed.body as { reference: string }).reference);
      const [kept] = await ctx.db.query<{ storage_key: string }[]>(
        `SELECT storage_key FROM complaint_evidence WHERE complaint_id = $1`,
        [id],
      );
      expect((await storage.get(kept.storage_key)).toString()).toBe('Paid 300 EUR to the agent.');
    });

    it('refuses a disguised file, naming it, and stores nothing', async () => {
      const before = await countComplaints(ctx);
      const res = await postMultipart(ctx, '/api/v1/complaints', {
        complaint: complaintInput(),
        files: [
          { name: 'ok.jpg', type: 'image/jpeg', bytes: photo },
          {
            name: 'payslip.jpg',
            type: 'image/jpeg',
            bytes: Buffer.from('<html><script>alert(1)</script></html>'),
          },
        ],
      });
      expect(res.status).toBe(400);
      expect((res.body as { errors: { field: string }[] }).errors).toEqual([
        expect.objectContaining({ field: 'evidence[1]' }),
      ]);
      expect(await countComplaints(ctx)).toBe(before);
    });

    it('refuses more than ten files and a file over 10 MB', async () => {
      const tooMany = await postMultipart(ctx, '/api/v1/complaints', {
        complaint: complaintInput(),
        files: Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.jpg`, bytes: photo })),
      });
      expect(tooMany.status).toBe(400);
      expect((tooMany.body as { errors: { field: string }[] }).errors[0].field).toBe('evidence');
      const huge = await postMultipart(ctx, '/api/v1/complaints', {
        complaint: complaintInput(),
        files: [{ name: 'big.txt', bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 'a') }],
      });
      expect(huge.status).toBe(400);
      expect((huge.body as { errors: { field: string }[] }).errors[0].field).toBe('evidence[0]');
    });

    it('takes the complaint part however a client types it: text, application/json, or a JSON blob', async () => {
      const boundary = 'FairRecruitBoundary';
      const asJsonPart = await fetch(`${ctx.baseUrl}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: `--${boundary}\r\nContent-Disposition: form-data; name="complaint"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(complaintInput())}\r\n--${boundary}--\r\n`,
      });
      expect(asJsonPart.status).toBe(201);
      const form = new FormData();
      form.append(
        'complaint',
        new Blob([JSON.stringify(complaintInput())], { type: 'application/json' }),
      );
      const asBlob = await fetch(`${ctx.baseUrl}/api/v1/complaints`, {
        method: 'POST',
        body: form,
      });
      expect(asBlob.status).toBe(201);
      const brokenJsonPart = await fetch(`${ctx.baseUrl}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: `--${boundary}\r\nContent-Disposition: form-data; name="complaint"\r\nContent-Type: application/json\r\n\r\n{oops\r\n--${boundary}--\r\n`,
      });
      expect(brokenJsonPart.status).toBe(400);
      expect(
        ((await brokenJsonPart.json()) as { errors: { field: string }[] }).errors[0].field,
      ).toBe('complaint');
    });

    it('refuses a multipart body without the complaint, or with invalid JSON in it', async () => {
      const missing = await postMultipart(ctx, '/api/v1/complaints', { files: [] });
      expect(missing.status).toBe(400);
      expect((missing.body as { errors: { field: string }[] }).errors[0].field).toBe('complaint');
      const form = new FormData();
      form.append('complaint', '{not json');
      const broken = await fetch(`${ctx.baseUrl}/api/v1/complaints`, {
        method: 'POST',
        body: form,
      });
      expect(broken.status).toBe(400);
    });

    it('lets the complainant add evidence later, within the limit of ten', async () => {
      const filed = await fileComplaint(ctx);
      const headers = { 'x-receipt-code': filed.receipt };
      const added = await postMultipart(ctx, `/api/v1/complaints/${filed.reference}/evidence`, {
        files: [{ name: 'note.txt', bytes: Buffer.from('Receipt number 4411, paid in cash.') }],
        headers,
      });
      expect(added.status).toBe(201);
      expect((added.body as { evidence: unknown[] }).evidence).toHaveLength(1);
      const wrong = await postMultipart(ctx, `/api/v1/complaints/${filed.reference}/evidence`, {
        files: [{ name: 'note.txt', bytes: Buffer.from('hello there') }],
        headers: { 'x-receipt-code': 'AAAAA-AAAAA-AAAAA-AAAAA' },
      });
      expect(wrong.status).toBe(404);
      const tooMany = await postMultipart(ctx, `/api/v1/complaints/${filed.reference}/evidence`, {
        files: Array.from({ length: 10 }, (_, i) => ({
          name: `n${i}.txt`,
          bytes: Buffer.from(`note ${i}`),
        })),
        headers,
      });
      expect(tooMany.status).toBe(400);
      const view = await ctx.request('GET', `/api/v1/complaints/${filed.reference}`, { headers });
      expect(view.body.evidence).toHaveLength(1);
      expect(view.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
        'submitted',
        'evidence_added',
      ]);
    });
  });
});

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function countComplaints(ctx: TestContext): Promise<number> {
  const rows = await ctx.db.query<{ n: string }[]>(`SELECT count(*) AS n FROM complaints`);
  return Number(rows[0].n);
}
