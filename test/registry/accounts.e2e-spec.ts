import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recruiterInput } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

/** The fields a 400 names, each once (a field may break several rules). */
const fieldsOf = (res: { body: { errors?: { field: string }[] } }) =>
  [...new Set((res.body.errors ?? []).map((error) => error.field))].sort();

/**
 * An administrator changes an account's role or registries (PATCH /users/:id) instead of
 * disabling it and making another; the last enabled administrator cannot be demoted or disabled.
 */
describe('PATCH /users/:id', () => {
  let ctx: TestContext;
  let admin: { token: string; id: string };

  const patch = (id: string, body: unknown, token = admin.token) =>
    ctx.request('PATCH', `/api/v1/users/${id}`, { token, body });
  const register = (token: string, jurisdiction: string) =>
    ctx.request('POST', '/api/v1/recruiters', { token, body: recruiterInput(jurisdiction) });
  const auditSize = async () =>
    (await ctx.request('GET', '/api/v1/audit/global/checkpoint')).body.size as number;
  const row = async (id: string) =>
    (
      await ctx.db.query(`SELECT role, jurisdictions, disabled_at FROM users WHERE id = $1`, [id])
    )[0] as { role: string; jurisdictions: string[]; disabled_at: Date | null };

  beforeAll(async () => {
    ctx = await createTestContext();
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    admin = await ctx.newUser('admin');
  });

  afterAll(async () => {
    await ctx?.close();
  });

  it("moves a regulator to another registry, effective at the session's next request, and audits it", async () => {
    const regulator = await ctx.newUser('regulator', ['GB']);
    expect((await register(regulator.token, 'GB')).status).toBe(201);

    const res = await patch(regulator.id, { jurisdictions: ['PH'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: regulator.id, role: 'regulator', jurisdictions: ['PH'] });
    expect(await row(regulator.id)).toMatchObject({ role: 'regulator', jurisdictions: ['PH'] });

    // The same session, no new login: its scope is the new one.
    expect((await register(regulator.token, 'GB')).status).toBe(403);
    expect((await register(regulator.token, 'PH')).status).toBe(201);

    const events = await ctx.request(
      'GET',
      `/api/v1/audit/global/events?entityType=user&entityId=${regulator.id}`,
      { token: admin.token },
    );
    const updated = events.body.items.filter(
      (e: { action: string }) => e.action === 'user.updated',
    );
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      actorId: admin.id,
      data: {
        before: { role: 'regulator', jurisdictions: ['GB'] },
        after: { role: 'regulator', jurisdictions: ['PH'] },
      },
    });
  });

  it('makes a regulator an observer (registries cleared, writes refused) and back', async () => {
    const user = await ctx.newUser('regulator', ['GB', 'PH']);
    const observer = await patch(user.id, { role: 'observer' });
    expect(observer.status).toBe(200);
    expect(observer.body).toMatchObject({ role: 'observer', jurisdictions: [] });
    expect((await register(user.token, 'GB')).status).toBe(403);
    const me = await ctx.request('GET', '/api/v1/auth/me', { token: user.token });
    expect(me.body).toMatchObject({ role: 'observer' });

    const back = await patch(user.id, { role: 'regulator', jurisdictions: ['GB'] });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ role: 'regulator', jurisdictions: ['GB'] });
    expect((await register(user.token, 'GB')).status).toBe(201);
  });

  it('writes nothing when nothing changes', async () => {
    const user = await ctx.newUser('regulator', ['GB', 'PH']);
    const before = await auditSize();
    for (const body of [
      {},
      { role: 'regulator' },
      { jurisdictions: ['GB', 'PH'] },
      { jurisdictions: ['PH', 'GB'] },
    ]) {
      const res = await patch(user.id, body);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ role: 'regulator', jurisdictions: ['GB', 'PH'] });
    }
    expect(await auditSize()).toBe(before);
  });

  it('names the fields of a bad request and changes nothing', async () => {
    const user = await ctx.newUser('regulator', ['GB']);
    const cases: [unknown, string[]][] = [
      [{ role: 'king' }, ['role']],
      [{ jurisdictions: [] }, ['jurisdictions']],
      [{ role: 'observer', jurisdictions: ['GB'] }, ['jurisdictions']],
      [{ jurisdictions: ['ZZ'] }, ['jurisdictions']],
      [{ jurisdictions: ['gb!'] }, ['jurisdictions']],
      [{ jurisdictions: 'GB' }, ['jurisdictions']],
      [{ email: 'new@authority.example' }, ['email']],
    ];
    const other = await ctx.newUser('admin');
    const before = await auditSize();
    for (const [body, fields] of cases) {
      const res = await patch(user.id, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect({ body, fields: fieldsOf(res) }).toEqual({ body, fields });
    }
    // An admin becoming a regulator must be given registries.
    const noScope = await patch(other.id, { role: 'regulator' });
    expect(noScope.status).toBe(400);
    expect(fieldsOf(noScope)).toEqual(['jurisdictions']);

    expect(await row(user.id)).toMatchObject({ role: 'regulator', jurisdictions: ['GB'] });
    expect(await row(other.id)).toMatchObject({ role: 'admin', jurisdictions: [] });
    expect(await auditSize()).toBe(before);
  });

  it('answers 404 for an unknown account, 400 for a malformed id, 403 to a non-admin', async () => {
    const regulator = await ctx.newUser('regulator', ['GB']);
    expect((await patch('6f1c8a52-3d0b-4c47-9a51-2f8e7b1d9c30', { role: 'observer' })).status).toBe(
      404,
    );
    const malformed = await patch('not-an-id', { role: 'observer' });
    expect(malformed.status).toBe(400);
    expect(fieldsOf(malformed)).toEqual(['id']);
    const refused = await patch(regulator.id, { role: 'admin' }, regulator.token);
    expect(refused.status).toBe(403);
    expect(await row(regulator.id)).toMatchObject({ role: 'regulator' });
    const anonymous = await ctx.request('PATCH', `/api/v1/users/${regulator.id}`, {
      body: { role: 'admin' },
    });
    expect(anonymous.status).toBe(401);
  });

  it('never leaves the registry without an enabled administrator', async () => {
    // Only administrators made in this file exist; disable every one but `admin`.
    const admins = (await ctx.request('GET', '/api/v1/users', { token: admin.token })).body.filter(
      (u: { role: string; disabled: boolean; id: string }) =>
        u.role === 'admin' && !u.disabled && u.id !== admin.id,
    );
    for (const other of admins) {
      expect(
        (await ctx.request('POST', `/api/v1/users/${other.id}/disable`, { token: admin.token }))
          .status,
      ).toBe(200);
    }

    const before = await auditSize();
    const demote = await patch(admin.id, { role: 'observer' });
    expect(demote.status).toBe(409);
    expect(demote.body).toMatchObject({ code: 'last_admin' });
    const disable = await ctx.request('POST', `/api/v1/users/${admin.id}/disable`, {
      token: admin.token,
    });
    expect(disable.status).toBe(409);
    expect(disable.body).toMatchObject({ code: 'last_admin' });
    expect(await row(admin.id)).toMatchObject({ role: 'admin', disabled_at: null });
    expect(await auditSize()).toBe(before);

    // With a second administrator, the first may step down; the second keeps managing accounts.
    const second = await ctx.newUser('admin');
    const stepDown = await patch(admin.id, { role: 'observer' });
    expect(stepDown.status).toBe(200);
    expect((await ctx.request('GET', '/api/v1/users', { token: admin.token })).status).toBe(403);
    expect((await patch(admin.id, { role: 'admin' }, second.token)).status).toBe(200);

    // Two administrators demoting each other at once: one wins; the other is refused, as the last
    // administrator (409) or, if the first change committed before its request was authenticated,
    // as no longer an administrator (403). Either way one administrator is left.
    const [a, b] = await Promise.all([
      patch(second.id, { role: 'observer' }, admin.token),
      patch(admin.id, { role: 'observer' }, second.token),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const left = await ctx.db.query(
      `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL`,
    );
    expect(left[0].n).toBe(1);
  });
});
