// Migrates once into a template database; every test file then starts from a copy of it.
// Uses the built API (npm test builds first): Jest's global setup gets no TypeScript transform.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runMigrations } from '../../apps/api/dist/database/database.js';
import {
  dumpPgliteServer,
  PGLITE_TEMPLATE_ENV,
  startPgliteServer,
  stopChild,
  TEMPLATE_DATABASE,
  withDatabaseName,
} from './pglite-process.mjs';

export default async function globalSetup() {
  process.env.TZ = 'UTC';
  const postgres = process.env.TEST_POSTGRES_URL;
  if (postgres) {
    const admin = new pg.Client({ connectionString: postgres });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
    } finally {
      await admin.end();
    }
    await runMigrations({
      primary: withDatabaseName(postgres, TEMPLATE_DATABASE),
      replicas: [],
      poolSize: 1,
    });
    return;
  }
  const { url, child } = await startPgliteServer();
  try {
    await runMigrations({ primary: url, replicas: [], poolSize: 1 });
    const path = join(mkdtempSync(join(tmpdir(), 'fair-recruit-test-')), 'template.tar.gz');
    await dumpPgliteServer(child, path);
    process.env[PGLITE_TEMPLATE_ENV] = path;
  } finally {
    await stopChild(child);
  }
}
