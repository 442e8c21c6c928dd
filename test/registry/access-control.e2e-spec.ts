import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createTestContext,
  TEST_PASSWORD,
  type TestContext,
  type TestResponse,
} from '../support/test-app.js';
import { newRecruiter, recruiterInput } from '../support/factories.js';

// Every protected endpoint against every kind of caller. A refused request must leave no trace:
// the record (version, fields, history) and the audit log are read back and compared.

type Jurisdiction = 'GB' | 'PH';
type Actor =
  | 'anonymous'
  | 'garbage token'
  | 'logged-out token'
  | 'disabled account'
  | 'GB regulator'
  | 'PH regulator'
  | 'observer'
  | 'admin';
type Access = 'any role' | 'admin only' | 'registry write' | 'private read';

const ACTORS: Actor[] = [
  'anonymous',
  'garbage token',
  'logged-out token',
  'disabled account',
  'GB regulator',
  'PH regulator',
  'observer',
  'admin',
];
const UNAUTHENTICATED = new Set<Actor>([
  'anonymous',
  'garbage token',
  'logged-out token',
  'disabled account',
]);

interface Refusal {
  status: number;
  code: string;
}
const unauthenticated: Refusal = { status: 401, code: 'unauthenticated' };
const forbidden: Refusal = { status: 403, code: 'forbidden' };
const recruiterNotFound: Refusal = { status: 404, code: 'recruiter_not_found' };

function expectedOutcome(
  access: Access,
  actor: Actor,
  target: Jurisdiction | null,
): Refusal | 'allowed' {
  if (UNAUTHENTICATED.has(actor)) return unauthenticated;
  const regulatorOf = actor === 'GB regulator' ? 'GB' : actor === 'PH regulator' ? 'PH' : null;
  switch (access) {
    case 'any role':
      return 'allowed';
    case 'admin only':
      return actor === 'admin' ? 'allowed' : forbidden;
    case 'registry write':
      if (actor === 'admin' || (regulatorOf && regulatorOf === target)) return 'allowed';
      return forbidden;
    case 'private read':
      if (actor === 'admin' || actor === 'observer' || regulatorOf === target) return 'allowed';
      return recruiterNotFound;
  }
}

interface Arranged {
  send(token: string | undefined): Promise<TestResponse>;
  /** Used instead of the actor's own token (logout must not end the sessions other cases use). */
  token?: string;
  /** Everything the request could change; compared before and after a refusal. */
  state(): Promise<unknown>;
  verifyAllowed(res: TestResponse): void | Promise<void>;
}

interface Endpoint {
  route: string;
  access: Access;
  /** Whether the answer depends on the jurisdiction of the record acted on. */
  scoped: boolean;
  okStatus: number;
  arrange(target: Jurisdiction, actor: Actor): Arranged | Promise<Arranged>;
}

/** Finds a key at any depth of a JSON value. */
function hasKeyDeep(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => hasKeyDeep(v, key));
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([k, v]) => k === key || hasKeyDeep(v, key));
  }
  return false;
}

function expectProblem(res: TestResponse, { status, code }: Refusal): void {
  expect({ status: res.status, code: (res.body as { code?: unknown } | undefined)?.code }).toEqual({
    status,
    code,
  });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
}

/** Arranging needs only a success; the exact status of each endpoint is the matrix's business. */
function expectSuccess(res: TestResponse): void {
  expect(res.status >= 200 && res.status < 300 ? 'success' : res.text).toBe('success');
}

describe('access control over HTTP', () => {
  let ctx: TestContext;
  const tokens = {} as Record<Actor, string | undefined>;
  const emails = {} as Partial<Record<Actor, string>>;
  let adminToken: string;
  let secretCounter = 0;
  const jurisdictionPool = ['FR', 'DE', 'IE', 'IN', 'KE', 'NG', 'ZA', 'GH', 'ES', 'IT', 'PT', 'PL'];

  const count = async (sql: string, params: unknown[] = []): Promise<number> => {
    const rows = await ctx.db.query<{ n: string }[]>(sql, params);
    return Number(rows[0]?.n);
  };
  const auditCount = () => count('SELECT count(*) AS n FROM audit_events');

  const privateRecord = async (id: string) => {
    const res = await ctx.request('GET', `/api/v1/regulator/recruiters/${id}`, {
      token: adminToken,
    });
    expect(res.status).toBe(200);
    return res.body as Record<string, unknown>;
  };

  /** A fresh record with a secret only the regulator's view may show. */
  const secretRecord = async (jurisdiction: Jurisdiction) => {
    secretCounter += 1;
    const secret = `internal-${jurisdiction}-${secretCounter}-do-not-leak`;
    const id = await newRecruiter(ctx, adminToken, jurisdiction, { internalNotes: secret });
    return { id, secret };
  };

  const login = async (email: string): Promise<string> => {
    const res = await ctx.request('POST', '/api/v1/auth/login', {
      body: { email, password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    return (res.body as { accessToken: string }).accessToken;
  };

  const userRow = async (email: string) => {
    const res = await ctx.request('GET', '/api/v1/users', { token: adminToken });
    expect(res.status).toBe(200);
    return (res.body as { email: string; disabled: boolean }[]).find((u) => u.email === email);
  };

  const recruiterWrite = (
    route: string,
    send: (id: string, etag: string, token: string | undefined) => Promise<TestResponse>,
    verify: (before: Record<string, unknown>, after: TestResponse) => void,
  ): Endpoint => ({
    route,
    access: 'registry write',
    scoped: true,
    okStatus: 200,
    async arrange(target) {
      const { id } = await secretRecord(target);
      const etag = (await ctx.request('GET', `/api/v1/recruiters/${id}`)).headers.get('etag')!;
      const before = await privateRecord(id);
      return {
        send: (token) => send(id, etag, token),
        state: async () => ({ record: await privateRecord(id), audit: await auditCount() }),
        async verifyAllowed(res) {
          expect((res.body as { version: number }).version).toBe((before.version as number) + 1);
          verify(before, res);
          expect(await privateRecord(id)).toEqual(res.body);
        },
      };
    },
  });

  const endpoints: Endpoint[] = [
    {
      route: 'GET /auth/me',
      access: 'any role',
      scoped: false,
      okStatus: 200,
      arrange(_, actor) {
        return {
          send: (token) => ctx.request('GET', '/api/v1/auth/me', { token }),
          state: auditCount,
          verifyAllowed(res) {
            expect((res.body as { email: string }).email).toBe(emails[actor]);
            expect(res.text).not.toMatch(/password|hash/i);
          },
        };
      },
    },
    {
      route: 'POST /auth/logout',
      access: 'any role',
      scoped: false,
      okStatus: 204,
      async arrange(_, actor) {
        // Allowed callers end a session of their own made for this case.
        const token = UNAUTHENTICATED.has(actor) ? undefined : await login(emails[actor]!);
        return {
          token,
          send: (t) => ctx.request('POST', '/api/v1/auth/logout', { token: t }),
          state: async () => ({
            audit: await auditCount(),
            sessions: await count('SELECT count(*) AS n FROM sessions'),
          }),
          async verifyAllowed() {
            expect((await ctx.request('GET', '/api/v1/auth/me', { token })).status).toBe(401);
            const own = await ctx.request('GET', '/api/v1/auth/me', { token: tokens[actor] });
            expect(own.status).toBe(200);
          },
        };
      },
    },
    {
      route: 'POST /jurisdictions',
      access: 'admin only',
      scoped: false,
      okStatus: 201,
      arrange() {
        const code = jurisdictionPool.shift()!;
        const read = () => ctx.request('GET', `/api/v1/jurisdictions/${code}`);
        return {
          send: (token) =>
            ctx.request('POST', '/api/v1/jurisdictions', {
              token,
              body: { code, name: `Country ${code}`, authority: { name: `Authority ${code}` } },
            }),
          state: async () => ({ audit: await auditCount(), read: (await read()).status }),
          async verifyAllowed(res) {
            expect(res.body).toMatchObject({ code });
            expect((await read()).status).toBe(200);
          },
        };
      },
    },
    {
      route: 'POST /users',
      access: 'admin only',
      scoped: false,
      okStatus: 201,
      arrange(_, actor) {
        const email = `created-by-${actor.replace(/\W+/g, '-')}-${Date.now()}@authority.example`;
        return {
          send: (token) =>
            ctx.request('POST', '/api/v1/users', {
              token,
              body: { email, password: TEST_PASSWORD, role: 'regulator', jurisdictions: ['GB'] },
            }),
          state: async () => ({ audit: await auditCount(), user: await userRow(email) }),
          async verifyAllowed(res) {
            expect(res.body).toMatchObject({ email, role: 'regulator', jurisdictions: ['GB'] });
            expect(res.text).not.toMatch(/password|hash/i);
            expect(await userRow(email)).toMatchObject({ disabled: false });
          },
        };
      },
    },
    {
      route: 'GET /users',
      access: 'admin only',
      scoped: false,
      okStatus: 200,
      arrange() {
        return {
          send: (token) => ctx.request('GET', '/api/v1/users', { token }),
          state: auditCount,
          verifyAllowed(res) {
            expect(res.body).toEqual(
              expect.arrayContaining([expect.objectContaining({ role: 'admin' })]),
            );
            expect(res.text).not.toMatch(/password|hash/i);
          },
        };
      },
    },
    {
      route: 'PATCH /users/:id',
      access: 'admin only',
      scoped: false,
      okStatus: 200,
      async arrange() {
        const victim = await ctx.newUser('regulator', ['GB']);
        return {
          send: (token) =>
            ctx.request('PATCH', `/api/v1/users/${victim.id}`, {
              token,
              body: { jurisdictions: ['PH'] },
            }),
          state: async () => ({ audit: await auditCount(), user: await userRow(victim.email) }),
          async verifyAllowed(res) {
            expect(res.body).toMatchObject({ id: victim.id, jurisdictions: ['PH'] });
            expect(await userRow(victim.email)).toMatchObject({ jurisdictions: ['PH'] });
          },
        };
      },
    },
    {
      route: 'POST /users/:id/disable',
      access: 'admin only',
      scoped: false,
      okStatus: 200,
      async arrange() {
        const victim = await ctx.newUser('regulator', ['GB']);
        const me = () => ctx.request('GET', '/api/v1/auth/me', { token: victim.token });
        return {
          send: (token) => ctx.request('POST', `/api/v1/users/${victim.id}/disable`, { token }),
          state: async () => ({
            audit: await auditCount(),
            user: await userRow(victim.email),
            session: (await me()).status,
          }),
          async verifyAllowed(res) {
            expect(res.body).toMatchObject({ id: victim.id, disabled: true });
            expect((await me()).status).toBe(401);
          },
        };
      },
    },
    {
      route: 'POST /users/:id/enable',
      access: 'admin only',
      scoped: false,
      okStatus: 200,
      async arrange() {
        const victim = await ctx.newUser('observer');
        const disable = await ctx.request('POST', `/api/v1/users/${victim.id}/disable`, {
          token: adminToken,
        });
        expectSuccess(disable);
        return {
          send: (token) => ctx.request('POST', `/api/v1/users/${victim.id}/enable`, { token }),
          state: async () => ({ audit: await auditCount(), user: await userRow(victim.email) }),
          async verifyAllowed(res) {
            expect(res.body).toMatchObject({ id: victim.id, disabled: false });
            await login(victim.email);
          },
        };
      },
    },
    {
      route: 'POST /recruiters',
      access: 'registry write',
      scoped: true,
      okStatus: 201,
      arrange(target) {
        const input = recruiterInput(target, { internalNotes: 'registered in the matrix' });
        const records = () =>
          count('SELECT count(*) AS n FROM recruiters WHERE registration_number = $1', [
            input.registrationNumber,
          ]);
        return {
          send: (token) => ctx.request('POST', '/api/v1/recruiters', { token, body: input }),
          state: async () => ({ audit: await auditCount(), records: await records() }),
          async verifyAllowed(res) {
            expect(res.body).toMatchObject({ jurisdiction: target, status: 'pending', version: 1 });
            expect(await records()).toBe(1);
          },
        };
      },
    },
    recruiterWrite(
      'PATCH /recruiters/:id',
      (id, etag, token) =>
        ctx.request('PATCH', `/api/v1/recruiters/${id}`, {
          token,
          body: { legalName: 'Overwritten Staffing Ltd', internalNotes: 'overwritten' },
          headers: { 'if-match': etag },
        }),
      (_, res) =>
        expect(res.body).toMatchObject({
          legalName: 'Overwritten Staffing Ltd',
          internalNotes: 'overwritten',
        }),
    ),
    recruiterWrite(
      'POST /recruiters/:id/status',
      (id, _, token) =>
        ctx.request('POST', `/api/v1/recruiters/${id}/status`, {
          token,
          body: { status: 'authorized', reason: 'Inspection passed', reference: 'DEC-1' },
        }),
      (_, res) => expect(res.body).toMatchObject({ status: 'authorized' }),
    ),
    {
      route: 'GET /regulator/recruiters/:id',
      access: 'private read',
      scoped: true,
      okStatus: 200,
      async arrange(target) {
        const { id, secret } = await secretRecord(target);
        return {
          send: async (token) => {
            const res = await ctx.request('GET', `/api/v1/regulator/recruiters/${id}`, { token });
            // Whatever the outcome, the secret is only in an allowed answer.
            if (res.status !== 200) expect(res.text).not.toContain(secret);
            if (res.status !== 200) expect(hasKeyDeep(res.body, 'internalNotes')).toBe(false);
            return res;
          },
          state: async () => ({ audit: await auditCount(), record: await privateRecord(id) }),
          verifyAllowed(res) {
            expect(res.body).toMatchObject({
              id,
              internalNotes: secret,
              version: 1,
              jurisdiction: target,
            });
          },
        };
      },
    },
  ];

  const cases = endpoints.flatMap((endpoint) =>
    ACTORS.flatMap((actor) =>
      (endpoint.scoped ? (['GB', 'PH'] as const) : (['GB'] as const)).map((target) => {
        const outcome = expectedOutcome(endpoint.access, actor, endpoint.scoped ? target : null);
        const on = endpoint.scoped ? ` on a ${target} record` : '';
        const result =
          outcome === 'allowed' ? `${endpoint.okStatus}` : `${outcome.status} ${outcome.code}`;
        return {
          title: `${endpoint.route} as ${actor}${on} → ${result}`,
          endpoint,
          actor,
          target,
          outcome,
        };
      }),
    ),
  );

  beforeAll(async () => {
    ctx = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
    await ctx.newJurisdiction('GB', 'United Kingdom');
    await ctx.newJurisdiction('PH', 'Philippines');
    const add = (actor: Actor, user: { token: string; email: string }) => {
      tokens[actor] = user.token;
      emails[actor] = user.email;
    };
    const admin = await ctx.newUser('admin');
    adminToken = admin.token;
    add('admin', admin);
    add('GB regulator', await ctx.newUser('regulator', ['GB']));
    add('PH regulator', await ctx.newUser('regulator', ['PH']));
    add('observer', await ctx.newUser('observer'));
    tokens.anonymous = undefined;
    tokens['garbage token'] = 'bm90LWEtdG9rZW4tYXQtYWxsLWJ1dC1sb25nLWVub3VnaA';

    const loggedOut = await ctx.newUser('regulator', ['GB']);
    expect(
      (await ctx.request('POST', '/api/v1/auth/logout', { token: loggedOut.token })).status,
    ).toBe(204);
    tokens['logged-out token'] = loggedOut.token;

    const disabled = await ctx.newUser('regulator', ['GB']);
    expect((await ctx.request('GET', '/api/v1/auth/me', { token: disabled.token })).status).toBe(
      200,
    );
    const off = await ctx.request('POST', `/api/v1/users/${disabled.id}/disable`, {
      token: adminToken,
    });
    expectSuccess(off);
    tokens['disabled account'] = disabled.token;
  }, 120_000);
  afterAll(() => ctx?.close());

  it.each(cases)(
    '$title',
    async ({ endpoint, actor, target, outcome }) => {
      const arranged = await endpoint.arrange(target, actor);
      const token = arranged.token ?? tokens[actor];
      if (outcome === 'allowed') {
        const res = await arranged.send(token);
        expect({
          status: res.status,
          text: res.status === endpoint.okStatus ? '' : res.text,
        }).toEqual({
          status: endpoint.okStatus,
          text: '',
        });
        await arranged.verifyAllowed(res);
        return;
      }
      const before = await arranged.state();
      const res = await arranged.send(token);
      expectProblem(res, outcome);
      // Refused means nothing written: not the record, not its history, not the audit log.
      expect(await arranged.state()).toEqual(before);
    },
    30_000,
  );

  describe('a regulator of GB', () => {
    it('cannot register a recruiter in the PH registry, even under a number PH already uses', async () => {
      const taken = recruiterInput('PH');
      await newRecruiter(ctx, adminToken, 'PH', { registrationNumber: taken.registrationNumber });
      const before = await auditCount();
      for (const body of [recruiterInput('PH'), taken]) {
        const res = await ctx.request('POST', '/api/v1/recruiters', {
          token: tokens['GB regulator'],
          body,
        });
        // 403, not 409: a refused caller does not learn which numbers the other registry holds.
        expectProblem(res, forbidden);
      }
      const records = await count(
        "SELECT count(*) AS n FROM recruiters WHERE jurisdiction = 'PH' AND registration_number = $1",
        [taken.registrationNumber],
      );
      expect(records).toBe(1);
      expect(await auditCount()).toBe(before);
    });

    it('learns no private field of a PH record from any endpoint', async () => {
      const gb = tokens['GB regulator']!;
      const { id, secret } = await secretRecord('PH');
      const record = await privateRecord(id);
      const etag = (await ctx.request('GET', `/api/v1/recruiters/${id}`)).headers.get('etag')!;
      const q = encodeURIComponent(record.legalName as string);
      const number = encodeURIComponent(record.registrationNumber as string);
      const attempts: [string, string, { body?: unknown; headers?: Record<string, string> }?][] = [
        ['GET', `/api/v1/recruiters/${id}`],
        ['GET', `/api/v1/recruiters?jurisdiction=PH&pageSize=100`],
        ['GET', `/api/v1/recruiters?q=${q}`],
        ['GET', `/api/v1/recruiters?registrationNumber=${number}`],
        ['GET', `/api/v1/regulator/recruiters/${id}`],
        ['GET', `/api/v1/regulator/recruiters/${id.toUpperCase()}`],
        [
          'PATCH',
          `/api/v1/recruiters/${id}`,
          { body: { conditions: 'x' }, headers: { 'if-match': etag } },
        ],
        [
          'PATCH',
          `/api/v1/recruiters/${id}`,
          { body: { internalNotes: 'mine now' }, headers: { 'if-match': '*' } },
        ],
        ['PATCH', `/api/v1/recruiters/${id}`, { body: {}, headers: { 'if-match': '"stale.0"' } }],
        ['PATCH', `/api/v1/recruiters/${id}`, { body: { conditions: 'x' } }],
        [
          'PATCH',
          `/api/v1/recruiters/${id}`,
          { body: { legalName: 42 }, headers: { 'if-match': '*' } },
        ],
        [
          'POST',
          `/api/v1/recruiters/${id}/status`,
          { body: { status: 'authorized', reason: 'r' } },
        ],
        ['POST', `/api/v1/recruiters/${id}/status`, { body: { status: 'revoked', reason: 'r' } }],
        [
          'POST',
          `/api/v1/recruiters/${id}/status`,
          { body: { status: 'authorized', reason: 'r' }, headers: { 'if-match': etag } },
        ],
        [
          'POST',
          '/api/v1/recruiters',
          { body: recruiterInput('PH', { registrationNumber: record.registrationNumber }) },
        ],
        ['GET', '/api/v1/auth/me'],
      ];
      for (const [method, path, options] of attempts) {
        const res = await ctx.request(method, path, { token: gb, ...options });
        expect({ attempt: `${method} ${path}`, leaked: res.text.includes(secret) }).toEqual({
          attempt: `${method} ${path}`,
          leaked: false,
        });
        expect(hasKeyDeep(res.body, 'internalNotes')).toBe(false);
        expect(res.status).toBeLessThan(500);
      }
      expect(await privateRecord(id)).toEqual(record);
    });
  });

  describe('the public detail', () => {
    const readers: Actor[] = [
      'anonymous',
      'garbage token',
      'GB regulator',
      'PH regulator',
      'observer',
      'admin',
    ];
    it.each(
      readers.flatMap((actor) => (['GB', 'PH'] as const).map((target) => ({ actor, target }))),
    )(
      'carries neither internalNotes nor version for $actor on a $target record',
      async ({ actor, target }) => {
        const { id, secret } = await secretRecord(target);
        const detail = await ctx.request('GET', `/api/v1/recruiters/${id}`, {
          token: tokens[actor],
        });
        expect(detail.status).toBe(200);
        expect(detail.body).toMatchObject({ id, jurisdiction: target });
        expect(detail.body).not.toHaveProperty('internalNotes');
        expect(detail.body).not.toHaveProperty('version');
        expect(detail.text).not.toContain(secret);
        const list = await ctx.request(
          'GET',
          `/api/v1/recruiters?jurisdiction=${target}&pageSize=100`,
          {
            token: tokens[actor],
          },
        );
        expect(list.status).toBe(200);
        const items = (list.body as { items: { id: string }[] }).items;
        expect(items.map((r) => r.id)).toContain(id);
        expect(hasKeyDeep(list.body, 'internalNotes')).toBe(false);
        expect(hasKeyDeep(list.body, 'version')).toBe(false);
        expect(list.text).not.toContain(secret);
      },
    );
  });

  describe('bearer tokens', () => {
    it.each([
      ['no scheme', (t: string) => t],
      ['another scheme', (t: string) => `Basic ${t}`],
      ['no token', () => 'Bearer'],
      ['a token with a character added', (t: string) => `Bearer ${t}x`],
      ['a token cut short', (t: string) => `Bearer ${t.slice(0, -1)}`],
      ['two tokens', (t: string) => `Bearer ${t} ${t}`],
    ])('refuses an Authorization header with %s', async (_, header) => {
      const res = await ctx.request('GET', '/api/v1/auth/me', {
        headers: { authorization: header(tokens.admin!) },
      });
      expectProblem(res, unauthenticated);
    });

    it('accepts the scheme in any case', async () => {
      const res = await ctx.request('GET', '/api/v1/auth/me', {
        headers: { authorization: `bearer ${tokens.admin}` },
      });
      expect(res.status).toBe(200);
    });
  });

  describe('a disabled account', () => {
    it('cannot log in, and its old sessions stay dead after it is enabled again', async () => {
      const user = await ctx.newUser('regulator', ['PH']);
      const off = await ctx.request('POST', `/api/v1/users/${user.id}/disable`, {
        token: adminToken,
      });
      expectSuccess(off);
      expectProblem(
        await ctx.request('GET', '/api/v1/auth/me', { token: user.token }),
        unauthenticated,
      );
      const refused = await ctx.request('POST', '/api/v1/auth/login', {
        body: { email: user.email, password: TEST_PASSWORD },
      });
      expectProblem(refused, { status: 401, code: 'invalid_credentials' });
      // A disabled regulator's old token writes nothing either.
      const before = await auditCount();
      const write = await ctx.request('POST', '/api/v1/recruiters', {
        token: user.token,
        body: recruiterInput('PH'),
      });
      expectProblem(write, unauthenticated);
      expect(await auditCount()).toBe(before);

      const on = await ctx.request('POST', `/api/v1/users/${user.id}/enable`, {
        token: adminToken,
      });
      expectSuccess(on);
      expectProblem(
        await ctx.request('GET', '/api/v1/auth/me', { token: user.token }),
        unauthenticated,
      );
      const fresh = await login(user.email);
      expect((await ctx.request('GET', '/api/v1/auth/me', { token: fresh })).status).toBe(200);
    });
  });
});
