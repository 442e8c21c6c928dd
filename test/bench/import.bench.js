// CSV import benchmark: `npm run bench:import` (builds first).
//
// Imports BENCH_IMPORT_ROWS (100,000) generated recruiters into a fresh PostgreSQL database through
// `POST /api/v1/imports?jurisdiction=GB`: a dry run, the import itself (target: under 60 s), and the
// same file again, which must change nothing. Prints the seconds of each, what the database holds
// afterwards, and the machine's load, for docs/benchmarks.md. The database is dropped at the end.
//
// Settings (environment): BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_IMPORT_ROWS (100000), BENCH_API_PORT (3106).
import { stringify } from 'csv-stringify/sync';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { syntheticRecruiter } from '../../apps/api/dist/seed/synthetic.js';
import {
  cli,
  connect,
  createScratchDatabase,
  describeMachine,
  fmt,
  loadAverage,
  log,
  startServer,
  stopAll,
  stopAllOnSignals,
  waitFor,
} from './support.js';

const env = process.env;
const SERVER = env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(env.BENCH_IMPORT_ROWS ?? 100_000);
const PORT = Number(env.BENCH_API_PORT ?? 3106);
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_SECONDS = 60;
const PASSWORD = 'benchmark passphrase, not a secret';
const EMAIL = 'import-bench@authority.example';

const COLUMNS = [
  'registrationNumber',
  'kind',
  'sector',
  'legalName',
  'tradingNames',
  'domains',
  'emailDomains',
  'phones',
  'addressCity',
  'addressCountry',
  'authorizedFrom',
  'authorizedUntil',
  'status',
  'statusReason',
  'decisionReference',
];

function generateCsv(count) {
  const rows = [COLUMNS];
  for (let i = 1; i <= count; i++) {
    const r = syntheticRecruiter('GB', i);
    rows.push([
      r.registrationNumber,
      r.kind,
      r.sector,
      r.legalName,
      r.tradingNames.join('|'),
      r.domains.join('|'),
      r.emailDomains.join('|'),
      // London's drama range (020 7946 0xxx): valid numbers that ring nobody.
      r.phones.length > 0 ? `+44207946${String(i % 10000).padStart(4, '0')}` : '',
      'London',
      'GB',
      r.authorizedFrom ?? '',
      r.authorizedUntil ?? '',
      r.status,
      r.status === 'pending' ? '' : r.statusReason,
      r.status === 'pending' ? '' : `DEC-${i}`,
    ]);
  }
  return Buffer.from(stringify(rows));
}

async function timedImport(token, csv, dryRun) {
  const started = performance.now();
  const response = await fetch(`${BASE}/api/v1/imports?jurisdiction=GB&dryRun=${dryRun}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = await response.json();
  const seconds = (performance.now() - started) / 1000;
  if (response.status !== 200) {
    throw new Error(`import answered ${response.status}: ${JSON.stringify(body).slice(0, 2000)}`);
  }
  return { seconds, body };
}

async function tableCounts(url) {
  const client = await connect(url);
  try {
    const { rows } = await client.query(`SELECT
      (SELECT count(*)::int FROM recruiters) AS recruiters,
      (SELECT count(*)::int FROM recruiter_names) AS names,
      (SELECT count(*)::int FROM recruiter_status_changes) AS history,
      (SELECT count(*)::int FROM audit_events WHERE chain = 'GB') AS audit`);
    return rows[0];
  } finally {
    await client.end();
  }
}

async function main() {
  stopAllOnSignals();
  describeMachine();
  const database = await createScratchDatabase(SERVER, 'fair_recruit_import');
  const dataDir = mkdtempSync(join(os.tmpdir(), 'fair-recruit-import-bench-'));
  try {
    const client = await connect(database.url);
    const [{ version }] = (await client.query('SELECT version()')).rows;
    await client.end();
    log(`database: ${database.name} on ${version.split(',')[0]}`);
    cli(database.url, ['migrate']);
    cli(database.url, [
      'create-jurisdiction',
      '--code',
      'GB',
      '--name',
      'United Kingdom',
      '--authority-name',
      'Benchmark Licensing Authority',
    ]);
    cli(database.url, [
      'create-user',
      '--email',
      EMAIL,
      '--password',
      PASSWORD,
      '--role',
      'regulator',
      '--jurisdiction',
      'GB',
    ]);

    startServer('api', 'apps/api/dist/main.js', {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(PORT),
    });
    await waitFor(`${BASE}/health/ready`);
    const login = await fetch(`${BASE}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const { accessToken } = await login.json();

    let started = performance.now();
    const csv = generateCsv(ROWS);
    log(
      `generated ${ROWS} rows, ${fmt(csv.length / 2 ** 20)} MiB, in ${fmt((performance.now() - started) / 1000)} s`,
    );

    const dry = await timedImport(accessToken, csv, true);
    log(
      `dry run: ${fmt(dry.seconds)} s — ${JSON.stringify({ ...dry.body, errors: dry.body.errors.length })}`,
    );
    log(`load average before the import: ${loadAverage()}`);
    const first = await timedImport(accessToken, csv, false);
    log(
      `import: ${fmt(first.seconds)} s — ${JSON.stringify({ ...first.body, errors: undefined })}`,
    );
    log(`load average after the import: ${loadAverage()}`);
    const afterFirst = await tableCounts(database.url);
    log(`database after the import: ${JSON.stringify(afterFirst)}`);
    const second = await timedImport(accessToken, csv, false);
    log(
      `same file again: ${fmt(second.seconds)} s — ${JSON.stringify({ ...second.body, errors: undefined })}`,
    );
    const afterSecond = await tableCounts(database.url);
    log(`database after the second import: ${JSON.stringify(afterSecond)}`);

    const problems = [];
    if (first.body.toCreate !== ROWS) problems.push(`created ${first.body.toCreate}, not ${ROWS}`);
    if (afterFirst.recruiters !== ROWS) problems.push(`${afterFirst.recruiters} recruiters stored`);
    if (second.body.unchanged !== ROWS)
      problems.push(`second run: ${second.body.unchanged} unchanged`);
    if (JSON.stringify(afterSecond) !== JSON.stringify(afterFirst)) {
      problems.push('the second import changed the database');
    }
    log('');
    log(`| rows | dry run (s) | import (s) | same file again (s) | target |`);
    log(`|---:|---:|---:|---:|---|`);
    log(
      `| ${ROWS} | ${fmt(dry.seconds)} | **${fmt(first.seconds)}** | ${fmt(second.seconds)} | < ${TARGET_SECONDS} s: ${first.seconds < TARGET_SECONDS ? 'met' : 'missed'} |`,
    );
    if (problems.length > 0) {
      log(`PROBLEMS: ${problems.join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    await stopAll();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
