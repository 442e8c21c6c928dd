import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

/** One record's audit trail: the chain's entries about it, keeping their seq and hashes. */
describe('GET /audit/:chain/events?entityType=&entityId=', () => {
  let ctx: TestContext;
  let regulator: string;
  let first: string;
  let second: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB');
    regulator = (await ctx.newUser('regulator', ['GB'])).token;
    first = await newRecruiter(ctx, regulator, 'GB', {}, 'suspended');
    second = await newRecruiter(ctx, regulator, 'GB', {}, 'authorized');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it("lists only that record's entries, in seq order, with the chain's total", async () => {
    const all = await ctx.request('GET', '/api/v1/audit/GB/events?limit=1000');
    expect(all.status).toBe(200);
    const res = await ctx.request(
      'GET',
      `/api/v1/audit/GB/events?entityType=recruiter&entityId=${first}`,
    );
    expect(res.status).toBe(200);
    const items = res.body.items as { seq: number; action: string; entityId: string }[];
    expect(items.map((e) => e.action)).toEqual([
      'recruiter.registered',
      'recruiter.status_changed',
      'recruiter.status_changed',
    ]);
    expect(new Set(items.map((e) => e.entityId))).toEqual(new Set([first]));
    // The same entries as in the whole chain, seq and hash included.
    const whole = (all.body.items as { seq: number; hash: string; entityId: string }[]).filter(
      (e) => e.entityId === first,
    );
    expect(items).toEqual(whole);
    expect(res.body.total).toBe(all.body.total);
    expect(res.body.nextAfterSeq).toBeNull();
  });

  it('pages a trail by seq and says when it ends', async () => {
    const path = `/api/v1/audit/GB/events?entityType=recruiter&entityId=${first}&limit=2`;
    const page1 = await ctx.request('GET', path);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextAfterSeq).toBe(page1.body.items[1].seq);
    const page2 = await ctx.request('GET', `${path}&afterSeq=${page1.body.nextAfterSeq}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.items[0].action).toBe('recruiter.status_changed');
    expect(page2.body.nextAfterSeq).toBeNull();
  });

  it('keeps another record out, and answers an empty trail for an unknown id', async () => {
    const res = await ctx.request('GET', `/api/v1/audit/GB/events?entityId=${second}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([second, second]);
    const none = await ctx.request(
      'GET',
      '/api/v1/audit/GB/events?entityType=recruiter&entityId=00000000-0000-0000-0000-000000000000',
    );
    expect(none.status).toBe(200);
    expect(none.body.items).toEqual([]);
    expect(none.body.nextAfterSeq).toBeNull();
  });

  it('refuses a malformed filter with 400 naming the field', async () => {
    const res = await ctx.request('GET', '/api/v1/audit/GB/events?entityType=Robert%27);');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('entityType');
  });
});
