import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext, type TestResponse } from '../support/test-app.js';

const CHECKS = '/api/v1/checks';

describe('POST /checks', () => {
  let ctx: TestContext;
  let admin: string;
  let gb: string;
  const ids: Record<string, string> = {};

  const check = (body: unknown) => ctx.request('POST', CHECKS, { body });

  /** The index is rebuilt shortly after a change: ask again until the answer shows it. */
  async function checkUntil(
    body: unknown,
    done: (res: TestResponse) => boolean,
  ): Promise<TestResponse> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const res = await check(body);
      if (done(res) || Date.now() > deadline) return res;
      await sleep(50);
    }
  }

  beforeAll(async () => {
    ctx = await createTestContext({ SNAPSHOT_DEBOUNCE_MS: '50' });
    await ctx.newJurisdiction('GB', 'United Kingdom');
    admin = (await ctx.newUser('admin')).token;
    gb = (await ctx.newUser('regulator', ['GB'])).token;
    ids.brightwater = await newRecruiter(
      ctx,
      gb,
      'GB',
      {
        legalName: 'Brightwater Care Recruitment Ltd',
        domains: ['brightwater-care.co.uk'],
        authorizedUntil: '2999-12-31',
      },
      'authorized',
    );
    ids.harbourline = await newRecruiter(
      ctx,
      gb,
      'GB',
      {
        legalName: 'Harbourline Nursing Ltd',
        registrationNumber: 'GB-REC-0042',
        domains: ['harbourline-nursing.co.uk'],
      },
      'suspended',
    );
    ids.meadow = await newRecruiter(
      ctx,
      gb,
      'GB',
      { legalName: 'Meadowgate Health Staffing Ltd', domains: ['meadowgate-health.co.uk'] },
      'authorized',
    );
    // Wait until the index holds the last change made (the authorization of the last record).
    const ready = await checkUntil(
      { url: 'https://meadowgate-health.co.uk' },
      (res) => res.body?.verdict === 'authorized',
    );
    expect(ready.body.matches[0].recruiter.id).toBe(ids.meadow);
    expect(ready.body.verdict).toBe('authorized');
  });
  afterAll(() => ctx.close());

  describe('verdicts', () => {
    it('says authorized for an ad on the website of an authorized recruiter', async () => {
      const res = await check({ url: 'https://jobs.brightwater-care.co.uk/nurses/123' });
      expect(res.status).toBe(200);
      expect(res.body.verdict).toBe('authorized');
      expect(res.body.matches).toHaveLength(1);
      expect(res.body.matches[0]).toMatchObject({ matchedBy: 'domain', decisive: true });
      // The public summary and nothing else.
      expect(res.body.matches[0].recruiter).toEqual({
        id: ids.brightwater,
        jurisdiction: 'GB',
        registrationNumber: expect.any(String),
        legalName: 'Brightwater Care Recruitment Ltd',
        status: 'authorized',
        effectiveStatus: 'authorized',
        authorizedUntil: '2999-12-31',
      });
      expect(res.body.redFlags).toEqual([]);
    });

    it('says not_authorized for a suspended recruiter quoted by licence number, naming it', async () => {
      const res = await check({
        text: 'Staff nurses wanted for Leeds. Licence No. GB-REC-0042. Apply today.',
      });
      expect(res.status).toBe(200);
      expect(res.body.verdict).toBe('not_authorized');
      expect(res.body.matches[0]).toMatchObject({
        matchedBy: 'licence',
        decisive: true,
        recruiter: {
          id: ids.harbourline,
          registrationNumber: 'GB-REC-0042',
          status: 'suspended',
          effectiveStatus: 'suspended',
        },
      });
    });

    it('says only possible_match for a misspelt name, even of a suspended recruiter', async () => {
      const res = await check({ organizationName: 'Harborline Nursing' });
      expect(res.status).toBe(200);
      expect(res.body.verdict).toBe('possible_match');
      expect(res.body.possibleMatches).toEqual(['Harbourline Nursing Ltd']);
      expect(res.body.matches[0]).toMatchObject({
        matchedBy: 'fuzzy_name',
        decisive: false,
        recruiter: { id: ids.harbourline },
      });
    });

    it('says not_found when nothing in the registry matches', async () => {
      const res = await check({
        organizationName: 'Zyxwvut Qwerty Holdings',
        url: 'https://zyxwvut-qwerty.example',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ verdict: 'not_found', matches: [], possibleMatches: [] });
    });
  });

  describe('red flags', () => {
    it('flags a placement fee asked of the candidate, with its article', async () => {
      const res = await check({
        organizationName: 'Brightwater Care Recruitment',
        text: 'ICU nurses for London. A placement fee of GBP 500 is required before the interview.',
      });
      expect(res.body.verdict).toBe('authorized');
      expect(res.body.redFlags).toContainEqual({
        code: 'candidate_fees',
        article: 'Art. 4.8',
        explanation: expect.any(String),
        evidence: expect.stringContaining('placement fee'),
      });
    });

    it('flags a free webmail contact address', async () => {
      const res = await check({
        organizationName: 'Some Care Agency',
        emails: ['care.agency.jobs@gmail.com'],
      });
      expect(res.body.redFlags).toContainEqual(
        expect.objectContaining({ code: 'free_webmail', article: 'Art. 9.5 [8.5]' }),
      );
    });

    it('flags recruitment from the countries of the safeguards list in force', async () => {
      const ad = {
        text: 'We are recruiting nurses from Kenya for UK hospitals.',
        jobCountry: 'GB',
      };
      const flagged = (res: TestResponse) =>
        res.body.redFlags.some((f: { code: string }) => f.code === 'safeguards_list_targeting');
      // Kenya is not on the 2023 list.
      expect(flagged(await check(ad))).toBe(false);
      const put = await ctx.request('PUT', '/api/v1/safeguards-list', {
        token: admin,
        body: {
          edition: 'test',
          source: 'test edition',
          countries: [{ code: 'KE', name: 'Kenya', whoRegion: 'AFR' }],
        },
      });
      expect(put.status).toBe(200);
      const res = await checkUntil(ad, flagged);
      expect(flagged(res)).toBe(true);
      expect(
        res.body.redFlags.find((f: { code: string }) => f.code === 'safeguards_list_targeting'),
      ).toMatchObject({ article: 'Box 2 [5.1]' });
    });
  });

  it('follows a status change on the next checks', async () => {
    const ad = { url: 'https://www.meadowgate-health.co.uk/jobs' };
    expect((await check(ad)).body.verdict).toBe('authorized');
    const res = await ctx.request('POST', `/api/v1/recruiters/${ids.meadow}/status`, {
      token: gb,
      body: { status: 'suspended', reason: 'Fees charged to nurses' },
    });
    expect(res.status).toBe(200);
    const after = await checkUntil(ad, (r) => r.body.verdict !== 'authorized');
    expect(after.body.verdict).toBe('not_authorized');
    expect(after.body.matches[0].recruiter).toMatchObject({
      id: ids.meadow,
      status: 'suspended',
    });
  });

  describe('bad input', () => {
    const fieldsOf = (res: TestResponse) =>
      new Set((res.body.errors as { field: string }[]).map((e) => e.field));

    it('names every bad field', async () => {
      const res = await check({
        organizationName: 'Fine',
        jobCountry: 'XX',
        text: 'x'.repeat(50_001),
        domains: Array.from({ length: 21 }, (_, i) => `d${i}.example`),
        emails: [42],
        surprise: true,
      });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(fieldsOf(res)).toEqual(
        new Set(['jobCountry', 'text', 'domains', 'emails', 'surprise']),
      );
    });

    it('accepts an ad text of exactly 50,000 characters', async () => {
      const res = await check({ text: 'a '.repeat(25_000) });
      expect(res.status).toBe(200);
    });

    it.each([
      ['an empty body', {}],
      ['only the job country', { jobCountry: 'GB' }],
      ['blank values', { organizationName: '  ', domains: [''] }],
    ])('refuses %s, naming what could be given', async (_case, body) => {
      const res = await check(body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res)).toEqual(
        new Set(['organizationName', 'url', 'domains', 'emails', 'phones', 'text']),
      );
    });

    it.each([
      ['a JSON array', '[]'],
      ['a JSON string', '"Brightwater"'],
      ['null', 'null'],
      ['null fields', '{"organizationName":null,"domains":null,"text":null}'],
      ['non-string list items', '{"domains":[null,{"a":1}],"phones":[123]}'],
      ['a list given as a string', '{"emails":"a@b.example"}'],
      ['malformed JSON', '{"text":'],
    ])('answers %s with a 400 problem document, never a 5xx', async (_case, rawBody) => {
      const res = await ctx.request('POST', CHECKS, {
        rawBody,
        headers: { 'content-type': 'application/json' },
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(typeof res.body.code).toBe('string');
    });

    it('refuses a request without a body with 400, not 500', async () => {
      const res = await ctx.request('POST', CHECKS);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(fieldsOf(res)).toEqual(
        new Set(['organizationName', 'url', 'domains', 'emails', 'phones', 'text']),
      );
    });
  });
});
