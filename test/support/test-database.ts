import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  PGLITE_TEMPLATE_ENV,
  startPgliteServer,
  stopChild,
  TEMPLATE_DATABASE,
  withDatabaseName,
} from './pglite-process.mjs';

/** The real PostgreSQL to test against, when set; otherwise every test file gets a PGlite. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL;

export interface TestDatabase {
  url: string;
  /** The database's flavour, for the rare test that must know (superuser tricks). */
  kind: 'postgres' | 'pglite';
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a copy of the template on PostgreSQL
 * (`CREATE DATABASE … TEMPLATE`), or a PGlite started from the template dump.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_POSTGRES_URL) {
    const name = `fair_recruit_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
    } finally {
      await admin.end();
    }
    return {
      url: withDatabaseName(TEST_POSTGRES_URL, name),
      kind: 'postgres',
      async drop() {
        const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
        await client.connect();
        try {
          await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        } finally {
          await client.end();
        }
      },
    };
  }
  const template = process.env[PGLITE_TEMPLATE_ENV];
  if (!template) throw new Error('global setup did not prepare a PGlite template');
  const { url, child } = await startPgliteServer(template);
  return { url, kind: 'pglite', drop: () => stopChild(child) };
}
