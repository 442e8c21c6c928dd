import { createTestContext, TEST_PASSWORD, type TestContext } from '../support/test-app.js';

describe('POST /auth/login', () => {
  let ctx: TestContext;
  let email: string;

  beforeAll(async () => {
    ctx = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '4' });
    await ctx.newJurisdiction('GB');
    // newUser logs in once: that is the first of this client's four attempts.
    email = (await ctx.newUser('regulator', ['GB'])).email;
  });
  afterAll(() => ctx.close());

  const login = (password: string, who = email) =>
    ctx.request('POST', '/api/v1/auth/login', { body: { email: who, password } });

  it('answers the same 401 for a wrong password and an unknown account', async () => {
    const wrong = await login('not the password');
    const unknown = await login(TEST_PASSWORD, 'nobody@authority.example');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body.code).toBe('invalid_credentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it('limits attempts per client and says so in a problem document', async () => {
    const fourth = await login(TEST_PASSWORD);
    expect(fourth.status).toBe(200);
    const fifth = await login(TEST_PASSWORD);
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(fifth.body.code).toBe('rate_limited');
  });

  it('keeps tokens only as hashes', async () => {
    const rows: { token_hash: string }[] = await ctx.db.query('SELECT token_hash FROM sessions');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
