import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestContext, type TestContext } from '../support/test-app.js';

/** An administrator corrects a registry's name or designated authority (PATCH /jurisdictions/:code). */
describe('PATCH /jurisdictions/:code', () => {
  let ctx: TestContext;
  let admin: { token: string; id: string };
  let regulator: string;

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    admin = await ctx.newUser('admin');
    regulator = (await ctx.newUser('regulator', ['GB'])).token;
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it('replaces the authority, shows it in the public register and audits before and after', async () => {
    const res = await ctx.request('PATCH', '/api/v1/jurisdictions/GB', {
      token: admin.token,
      body: {
        authority: {
          name: 'Nursing and Midwifery Council',
          website: 'https://www.nmc.org.uk',
          email: 'registry@nmc.example',
        },
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 'GB',
      name: 'United Kingdom',
      authority: {
        name: 'Nursing and Midwifery Council',
        website: 'https://www.nmc.org.uk',
        email: 'registry@nmc.example',
      },
    });
    const listed = await ctx.request('GET', '/api/v1/jurisdictions');
    expect(listed.body.items).toContainEqual(res.body);

    const events = await ctx.request('GET', '/api/v1/audit/global/events?entityId=GB', {
      token: admin.token,
    });
    const updated = events.body.items.filter(
      (e: { action: string }) => e.action === 'jurisdiction.updated',
    );
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      actorId: admin.id,
      entityType: 'jurisdiction',
      data: {
        before: { authority: { name: 'Authority of United Kingdom' } },
        after: { authority: { name: 'Nursing and Midwifery Council' } },
      },
    });
  });

  it('clears a website left out, renames, and writes nothing when nothing changes', async () => {
    const res = await ctx.request('PATCH', '/api/v1/jurisdictions/GB', {
      token: admin.token,
      body: { name: 'United Kingdom of Great Britain', authority: { name: 'NMC' } },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      code: 'GB',
      name: 'United Kingdom of Great Britain',
      authority: { name: 'NMC' },
    });
    const before = await ctx.request('GET', '/api/v1/audit/global/checkpoint');
    const again = await ctx.request('PATCH', '/api/v1/jurisdictions/GB', {
      token: admin.token,
      body: { authority: { name: 'NMC' } },
    });
    expect(again.status).toBe(200);
    const after = await ctx.request('GET', '/api/v1/audit/global/checkpoint');
    expect(after.body.size).toBe(before.body.size);
  });

  it('refuses bad fields with 400, a regulator with 403 and an unknown code with 404', async () => {
    const bad = await ctx.request('PATCH', '/api/v1/jurisdictions/GB', {
      token: admin.token,
      body: { authority: { name: ' ', website: 'not a url' }, extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'authority.name',
      'authority.website',
      'extra',
    ]);
    const refused = await ctx.request('PATCH', '/api/v1/jurisdictions/GB', {
      token: regulator,
      body: { authority: { name: 'Mine now' } },
    });
    expect(refused.status).toBe(403);
    const anonymous = await ctx.request('PATCH', '/api/v1/jurisdictions/GB', {
      body: { authority: { name: 'Mine now' } },
    });
    expect(anonymous.status).toBe(401);
    const missing = await ctx.request('PATCH', '/api/v1/jurisdictions/ZA', {
      token: admin.token,
      body: { authority: { name: 'Nobody' } },
    });
    expect(missing.status).toBe(404);
    const unchanged = await ctx.request('GET', '/api/v1/jurisdictions/GB');
    expect(unchanged.body.authority).toEqual({ name: 'NMC' });
  });
});
