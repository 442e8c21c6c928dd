import type { Role } from '@fair-recruit/domain';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { loadConfig } from '../../apps/api/src/config/app-config.js';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { EMBEDDED_POOL_SIZE } from '../../apps/api/src/database/database.js';
import { JurisdictionsService } from '../../apps/api/src/jurisdictions/jurisdictions.service.js';
import { UsersService } from '../../apps/api/src/users/users.service.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestContext {
  app: NestFastifyApplication;
  /** http://127.0.0.1:PORT — a real server on a real port. */
  baseUrl: string;
  database: TestDatabase;
  /** A direct connection for arranging rows and reading what the API wrote. */
  db: DataSource;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  newJurisdiction(code: string, name?: string): Promise<void>;
  newUser(
    role: Role,
    jurisdictions?: string[],
  ): Promise<{ email: string; token: string; id: string }>;
  close(): Promise<void>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed-input tests. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

let userCounter = 0;

export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  // Its own DATA_DIR: the development signing key and evidence files live there.
  const dataDir = mkdtempSync(join(tmpdir(), 'fair-recruit-ctx-'));
  const config = loadConfig({
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    // Tests share one client address; the limit's own test sets these low again.
    COMPLAINT_RATE_LIMIT_PER_MINUTE: '1000000',
    COMPLAINT_GLOBAL_RATE_LIMIT_PER_MINUTE: '1000000',
    ...env,
  });
  // On PGlite one connection per pool, as the embedded mode runs (see database.ts).
  const urls = {
    primary: database.url,
    replicas: [],
    poolSize: database.kind === 'pglite' ? EMBEDDED_POOL_SIZE : 5,
  };
  const app = await createApp(config, urls);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const db = new DataSource(dataSourceOptions({ ...urls, poolSize: 1 }));
  await db.initialize();

  const request = async (
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<TestResponse> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | Uint8Array | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body as BodyInit | undefined,
    });
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };

  const audit = new AuditService();
  return {
    app,
    baseUrl,
    database,
    db,
    request,
    async newJurisdiction(code, name = `Country ${code}`) {
      await new JurisdictionsService(db, audit).create(
        { code, name, authority: { name: `Authority of ${name}` } },
        null,
      );
    },
    async newUser(role, jurisdictions = []) {
      userCounter += 1;
      const email = `${role}${userCounter}-${Date.now()}@authority.example`;
      const user = await new UsersService(db, audit).create(
        { email, password: TEST_PASSWORD, role, jurisdictions },
        null,
      );
      const login = await request('POST', '/api/v1/auth/login', {
        body: { email, password: TEST_PASSWORD },
      });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`);
      return { email, id: user.id, token: login.body.accessToken as string };
    },
    async close() {
      await app.close();
      await db.destroy();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
