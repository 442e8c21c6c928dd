// Search benchmark: `npm run bench:search` (builds first). See docs/benchmarks.md.
//
// 1. Makes sure PostgreSQL runs and the benchmark database exists, migrates it and, when it holds
//    fewer than BENCH_COUNT recruiters, bulk-loads synthetic ones and runs VACUUM ANALYZE.
// 2. Starts the API (apps/api/dist/main.js) and a bare Fastify + pg server running the same SQL
//    (test/bench/bare-server.js), each in its own process.
// 3. With autocannon over loopback, alternately measures both servers on (a) fuzzy name search with
//    a typo and (b) lookup by registration number, for several rounds, and prints the medians.
//
// Settings (environment): BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432),
// BENCH_DB (fair_recruit_bench), BENCH_COUNT (1000000), BENCH_ROUNDS (3), BENCH_DURATION (10 s),
// BENCH_WARMUP (3 s), BENCH_CONNECTIONS (10), BENCH_API_PORT (3100), BENCH_BARE_PORT (3101),
// BENCH_POOL_SIZE (10, both servers).
import autocannon from 'autocannon';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = process.env;
const PG = (env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/$/, '');
const DB = env.BENCH_DB ?? 'fair_recruit_bench';
const DATABASE_URL = `${PG}/${DB}`;
const COUNT = Number(env.BENCH_COUNT ?? 1_000_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const DURATION = Number(env.BENCH_DURATION ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 10);
const API_PORT = Number(env.BENCH_API_PORT ?? 3100);
const BARE_PORT = Number(env.BENCH_BARE_PORT ?? 3101);
const POOL_SIZE = Number(env.BENCH_POOL_SIZE ?? 10);
const JURISDICTIONS = [
  ['GB', 'United Kingdom'],
  ['PH', 'Philippines'],
  ['IE', 'Ireland'],
];
const SAMPLES = 500;
const TARGET_P99_MS = 50;
const TARGET_LOOKUP_RATIO = 0.6;

const children = new Set();
const log = (...args) => console.log(...args);

function cli(args, { inherit = false } = {}) {
  const result = spawnSync(process.execPath, [resolve(ROOT, 'apps/api/dist/cli.js'), ...args], {
    env: { ...env, DATABASE_URL, LOG_LEVEL: 'warn' },
    stdio: inherit ? 'inherit' : 'pipe',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(
      `cli ${args[0]} failed (${result.status}): ${result.stderr ?? ''}${result.stdout ?? ''}`,
    );
  }
  return result.stdout;
}

async function connect(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function ensurePostgres() {
  try {
    return await connect(`${PG}/postgres`);
  } catch (error) {
    log(`PostgreSQL is not answering (${error.message}); starting the cluster`);
    const version = readdirSync('/etc/postgresql')[0];
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
      stdio: 'inherit',
    });
    for (let i = 0; i < 30; i++) {
      try {
        return await connect(`${PG}/postgres`);
      } catch {
        await sleep(1000);
      }
    }
    throw new Error('PostgreSQL did not start');
  }
}

async function prepareDatabase() {
  const admin = await ensurePostgres();
  const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB]);
  if (rows.length === 0) {
    log(`creating database ${DB}`);
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(DB)}`);
  }
  await admin.end();

  cli(['migrate']);
  const db = await connect(DATABASE_URL);
  const [{ n }] = (await db.query('SELECT count(*)::int AS n FROM recruiters')).rows;
  if (n >= COUNT) {
    log(`database ${DB} already holds ${n} recruiters: not seeding`);
  } else {
    const known = new Set(
      (await db.query('SELECT code FROM jurisdictions')).rows.map((r) => r.code),
    );
    for (const [code, name] of JURISDICTIONS) {
      if (!known.has(code))
        cli([
          'create-jurisdiction',
          '--code',
          code,
          '--name',
          name,
          '--authority-name',
          'Demo authority',
        ]);
    }
    log(`seeding ${COUNT - n} recruiters into ${DB} (it holds ${n})`);
    let started = Date.now();
    cli(
      [
        'generate-recruiters',
        '--count',
        String(COUNT - n),
        ...JURISDICTIONS.flatMap(([code]) => ['--jurisdiction', code]),
      ],
      { inherit: true },
    );
    const seeding = (Date.now() - started) / 1000;
    started = Date.now();
    await db.query('VACUUM ANALYZE');
    log(
      `seeding took ${seeding.toFixed(1)} s; VACUUM ANALYZE took ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return db;
}

/** A deterministic typo: two adjacent letters of one word swapped (or one letter replaced). */
function withTypo(name, seed) {
  const words = name.split(' ');
  const candidates = words
    .map((w, i) => (i < words.length - 1 && /^\p{L}{5,}$/u.test(w) ? i : -1))
    .filter((i) => i >= 0);
  if (candidates.length === 0) return name;
  const w = candidates[seed % candidates.length];
  const word = [...words[w]];
  const p = 1 + (seed % (word.length - 2));
  if (word[p] !== word[p + 1]) [word[p], word[p + 1]] = [word[p + 1], word[p]];
  else word[p] = word[p] === 'x' ? 'z' : 'x';
  words[w] = word.join('');
  return words.join(' ');
}

/** Registration numbers spread over the registry (a fixed LCG, so every run asks the same). */
async function sampleRecruiters(db) {
  const perJurisdiction = Math.floor(COUNT / JURISDICTIONS.length);
  const numbers = [];
  let x = 12345;
  for (let k = 0; k < SAMPLES; k++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const [code] = JURISDICTIONS[k % JURISDICTIONS.length];
    numbers.push(`${code}-REC-${String(1 + (x % perJurisdiction)).padStart(7, '0')}`);
  }
  const { rows } = await db.query(
    'SELECT registration_number, legal_name FROM recruiters WHERE registration_number = ANY($1::text[])',
    [numbers],
  );
  return rows.map((r, k) => ({
    number: r.registration_number,
    name: r.legal_name,
    typo: withTypo(r.legal_name, k * 7 + 3),
  }));
}

function start(name, script, extraEnv) {
  const child = spawn(process.execPath, [resolve(ROOT, script)], {
    env: { ...env, DATABASE_URL, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) log(`${name} exited unexpectedly (${code ?? signal})`);
  });
  return child;
}

async function waitFor(url, attempts = 120) {
  for (let i = 0; i < attempts; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${url} did not come up`);
}

let stopping = false;
async function stopAll() {
  stopping = true;
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((done) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            done();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void stopAll().then(() => process.exit(130)));
}

async function load(port, paths, duration) {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    requests: [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

async function main() {
  log(`date: ${new Date().toISOString()}`);
  log(
    `machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}`,
  );
  log(
    `load average before (1, 5, 15 min): ${os
      .loadavg()
      .map((l) => fmt(l, 2))
      .join(', ')}`,
  );
  const db = await prepareDatabase();
  log(`server: ${(await db.query('SELECT version()')).rows[0].version}`);
  const samples = await sampleRecruiters(db);
  const fuzzyPaths = samples.map((s) => `/api/v1/recruiters?q=${encodeURIComponent(s.typo)}`);
  const lookupPaths = samples.map(
    (s) => `/api/v1/recruiters?registrationNumber=${encodeURIComponent(s.number)}`,
  );
  log(
    `${samples.length} sample recruiters, e.g. "${samples[0].name}" searched as "${samples[0].typo}"`,
  );

  try {
    start('api', 'apps/api/dist/main.js', {
      PORT: String(API_PORT),
      DATABASE_POOL_SIZE: String(POOL_SIZE),
    });
    start('bare', 'test/bench/bare-server.js', {
      PORT: String(BARE_PORT),
      POOL_SIZE: String(POOL_SIZE),
    });
    await Promise.all([
      waitFor(`http://127.0.0.1:${API_PORT}/health/live`),
      waitFor(`http://127.0.0.1:${BARE_PORT}/health/live`),
    ]);
    // The API builds its signed snapshot in the background at start (minutes of one CPU at
    // 1,000,000 recruiters): measure the search only once that is done, not against it.
    const started = Date.now();
    await waitFor(`http://127.0.0.1:${API_PORT}/api/v1/snapshot`, 1200);
    console.log(
      `snapshot ready ${((Date.now() - started) / 1000).toFixed(1)} s after the API listened`,
    );

    // Both servers must answer alike, and the search must still find what was meant.
    let found = 0;
    let first = 0;
    let same = 0;
    const checked = samples.slice(0, 50);
    for (const s of checked) {
      const path = `/api/v1/recruiters?q=${encodeURIComponent(s.typo)}`;
      const [ours, bare] = await Promise.all(
        [API_PORT, BARE_PORT].map(async (port) =>
          (await fetch(`http://127.0.0.1:${port}${path}`)).json(),
        ),
      );
      // Ranks first, or ties for first (below 5,000 a name recurs in each jurisdiction).
      const mine = ours.items?.find((i) => i.registrationNumber === s.number);
      if (mine && mine.score === ours.items[0].score) found++;
      if (ours.items?.[0]?.registrationNumber === s.number) first++;
      if (
        JSON.stringify(ours.items?.map((i) => i.id)) ===
        JSON.stringify(bare.items?.map((i) => i.id))
      )
        same++;
    }
    log(
      `check: of ${checked.length} typo queries, the intended recruiter ranks first for ${first} and has the top score for ${found}; ` +
        `both servers give the same page for ${same}`,
    );
    const lookup = await (await fetch(`http://127.0.0.1:${API_PORT}${lookupPaths[0]}`)).json();
    if (lookup.total !== 1 || lookup.items[0]?.registrationNumber !== samples[0].number) {
      throw new Error(
        `lookup by registration number failed: ${JSON.stringify(lookup).slice(0, 300)}`,
      );
    }

    // The SQL alone, one client at a time, to tell query cost from load on the machine.
    const { searchSql } = await import(
      resolve(ROOT, 'apps/api/dist/recruiters/recruiters-search.service.js')
    );
    const sqlTimes = [];
    let fallbacks = 0;
    for (const s of samples) {
      const plan = searchSql({ q: s.typo, page: 1, pageSize: 20 });
      const started = process.hrtime.bigint();
      const { rows } = await db.query(plan.sql, plan.params);
      if (rows.length === 0 && plan.fallback) {
        fallbacks++;
        await db.query(plan.fallback.sql, plan.fallback.params);
      }
      sqlTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    sqlTimes.sort((a, b) => a - b);
    const at = (p) => sqlTimes[Math.min(sqlTimes.length - 1, Math.floor(p * sqlTimes.length))];
    log(
      `fuzzy search SQL alone, one client, ${sqlTimes.length} queries: p50 ${fmt(at(0.5), 2)} ms, p99 ${fmt(at(0.99), 2)} ms, ` +
        `max ${fmt(sqlTimes.at(-1), 2)} ms; ${fallbacks} needed the trigram fallback`,
    );

    const scenarios = [
      ['fuzzy search', fuzzyPaths],
      ['registration lookup', lookupPaths],
    ];
    const servers = [
      ['bare', BARE_PORT],
      ['ours', API_PORT],
    ];
    log(`warm-up: ${WARMUP} s per server and scenario`);
    for (const [, paths] of scenarios)
      for (const [, port] of servers) await load(port, paths, WARMUP);

    const runs = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const order = round % 2 ? servers : [...servers].reverse();
      for (const [scenario, paths] of scenarios) {
        for (const [server, port] of order) {
          const r = await load(port, paths, DURATION);
          runs.push({ round, scenario, server, ...r });
          log(
            `round ${round}  ${scenario.padEnd(19)}  ${server}  ${fmt(r.rps).padStart(8)} req/s  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms` +
              `  (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`,
          );
        }
      }
    }

    const summary = [];
    for (const [scenario] of scenarios) {
      const pick = (server, key) =>
        median(
          runs.filter((r) => r.scenario === scenario && r.server === server).map((r) => r[key]),
        );
      const row = Object.fromEntries(
        servers.map(([server]) => [
          server,
          { rps: pick(server, 'rps'), p50: pick(server, 'p50'), p99: pick(server, 'p99') },
        ]),
      );
      summary.push({ scenario, ...row, ratio: row.ours.rps / row.bare.rps });
    }
    const failures = runs.filter((r) => r.non2xx > 0 || r.errors > 0);

    log(
      `\nMedians of ${ROUNDS} rounds × ${DURATION} s, ${CONNECTIONS} connections, ${samples.length} distinct queries each:\n`,
    );
    log('| Scenario | Server | req/s | p50 (ms) | p99 (ms) | ours / bare (req/s) |');
    log('|---|---|---:|---:|---:|---:|');
    for (const s of summary) {
      log(
        `| ${s.scenario} | bare Fastify + pg | ${fmt(s.bare.rps)} | ${fmt(s.bare.p50)} | ${fmt(s.bare.p99)} | |`,
      );
      log(
        `| ${s.scenario} | Fair Recruit API | ${fmt(s.ours.rps)} | ${fmt(s.ours.p50)} | ${fmt(s.ours.p99)} | ${fmt(s.ratio * 100, 0)} % |`,
      );
    }
    const [fuzzy, lookupRow] = summary;
    log(
      `\ntarget: fuzzy search p99 ≤ ${TARGET_P99_MS} ms: ${fuzzy.ours.p99 <= TARGET_P99_MS ? 'met' : 'MISSED'} (${fmt(fuzzy.ours.p99)} ms)`,
    );
    log(
      `target: lookup throughput ≥ ${TARGET_LOOKUP_RATIO * 100} % of bare: ${lookupRow.ratio >= TARGET_LOOKUP_RATIO ? 'met' : 'MISSED'} (${fmt(lookupRow.ratio * 100, 0)} %)`,
    );
    if (failures.length) log(`WARNING: ${failures.length} runs had errors or non-2xx answers`);
    log(
      `load average at the end (1, 5, 15 min): ${os
        .loadavg()
        .map((l) => fmt(l, 2))
        .join(', ')}`,
    );

    // The plans behind the figures, for the record.
    for (const [label, query] of [
      ['fuzzy search', { q: samples[0].typo, page: 1, pageSize: 20 }],
      ['registration lookup', { registrationNumber: samples[0].number, page: 1, pageSize: 20 }],
    ]) {
      const { sql, params } = searchSql(query);
      const plan = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows.map(
        (r) => r['QUERY PLAN'],
      );
      log(
        `\nEXPLAIN (ANALYZE, BUFFERS), ${label} (${JSON.stringify(query.q ?? query.registrationNumber)}):\n${plan.join('\n')}`,
      );
    }
  } finally {
    await stopAll();
    await db.end();
  }
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
