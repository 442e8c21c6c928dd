// Complaints benchmark: `npm run bench:complaints` (builds first). See docs/benchmarks.md.
//
// 1. Creates a fresh PostgreSQL database (dropped at the end), migrates it, creates jurisdictions
//    GB and IE and a regulator for GB, and bulk-loads BENCH_COMPLAINTS complaints into GB's queue
//    (with their "submitted" timeline entries) by SQL, then VACUUM ANALYZE.
// 2. Starts the API (apps/api/dist/main.js) and a bare Fastify + pg server that writes and reads the
//    same rows (test/bench/complaints-bare-server.js), each in its own process.
// 3. With autocannon over loopback, alternately, for several rounds: complaint submissions as JSON
//    with a new Idempotency-Key per request (API and bare server) and without a key (API), with a
//    1 MB JPEG as multipart evidence (API), and the regulator's queue of GB, first pages under
//    several filters (API and bare server). Submissions go to IE, so GB's queue keeps its size.
//    Prints the medians and the targets.
//
// Settings (environment): BENCH_PG (a database URL on the server, default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_COMPLAINTS (100000), BENCH_ROUNDS (3),
// BENCH_DURATION (10 s), BENCH_WARMUP (3 s), BENCH_CONNECTIONS (10), BENCH_API_PORT (3110),
// BENCH_BARE_PORT (3111), BENCH_POOL_SIZE (10, both servers).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import {
  cli,
  connect,
  cpuMs,
  createScratchDatabase,
  describeMachine,
  fmt,
  loadAverage,
  log,
  measure,
  median,
  startServer,
  stopAll,
  stopAllOnSignals,
  waitFor,
} from './support.js';

const env = process.env;
const PG = env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COUNT = Number(env.BENCH_COMPLAINTS ?? 100_000);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 3);
const DURATION = Number(env.BENCH_DURATION ?? 10);
const WARMUP = Number(env.BENCH_WARMUP ?? 3);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 10);
const API_PORT = Number(env.BENCH_API_PORT ?? 3110);
const BARE_PORT = Number(env.BENCH_BARE_PORT ?? 3111);
const POOL_SIZE = Number(env.BENCH_POOL_SIZE ?? 10);
const TARGET_SUBMISSIONS = 300;
const TARGET_QUEUE_P99_MS = 50;
const REGULATOR = { email: 'bench-regulator@example.org', password: 'bench-password-1234' };
const QUEUE = `queue of GB (${COUNT.toLocaleString('en')})`;
const RUN = Math.random().toString(36).slice(2, 8);

/** Crockford base32, as the API writes references. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const b32 = (expr, k) => `substr('${ALPHABET}', ((${expr} >> ${5 * k}) & 31)::int + 1, 1)`;
const REFERENCE_SQL = `'FR-' || ${[7, 6, 5, 4].map((k) => b32('i::bigint', k)).join(' || ')} || '-' || ${[3, 2, 1, 0].map((k) => b32('i::bigint', k)).join(' || ')}`;
const CATEGORY_SETS = [
  '{worker_fees}',
  '{misleading_information,unfair_contract}',
  '{document_retention}',
  '{worker_fees,fraud}',
  '{unequal_treatment}',
  '{unregistered_operation,worker_fees}',
  '{safeguards_list_recruitment}',
  '{other}',
];

/**
 * GB's queue: statuses spread as a working queue would have them (most received, triaged or
 * under investigation), received over the last ~2 years, a fee record where worker_fees is chosen.
 */
async function bulkLoad(db) {
  const started = Date.now();
  await db.query(
    `INSERT INTO complaints (id, reference, receipt_hash, jurisdiction, reported_recruiter,
       recruiter_name, categories, description, fees, status, outcome, received_at, updated_at, closed_at)
     SELECT gen_random_uuid(), ${REFERENCE_SQL}, '$argon2id$v=19$bench', 'GB',
            jsonb_build_object('name', 'Bench Recruitment ' || (i % 5000) || ' Ltd'),
            'Bench Recruitment ' || (i % 5000) || ' Ltd',
            c.categories,
            'Complaint ' || i || ': the agency asked for a placement fee and kept my passport until I paid. '
              || repeat('What happened, in the worker''s words. ', 6),
            CASE WHEN 'worker_fees' = ANY (c.categories)
              THEN '[{"chargedBy":"recruiter","purpose":"placement","amount":1500,"currency":"GBP"}]'::jsonb
              ELSE '[]'::jsonb END,
            s.status,
            CASE WHEN s.status IN ('substantiated','unsubstantiated','referred','withdrawn') THEN s.status
                 WHEN s.status = 'closed' THEN 'unsubstantiated' END,
            t.at, t.at,
            CASE WHEN s.status = 'closed' THEN t.at + interval '30 days' END
       FROM generate_series(1, $1::int) AS i
       CROSS JOIN LATERAL (SELECT (ARRAY['${CATEGORY_SETS.join("','")}']::text[])[1 + i % ${CATEGORY_SETS.length}]::text[] AS categories) c
       CROSS JOIN LATERAL (SELECT (ARRAY['received','received','received','received','received','received',
         'received','received','triaged','triaged','triaged','investigating','investigating',
         'investigating','investigating','substantiated','unsubstantiated','referred','withdrawn',
         'closed'])[1 + (i * 7) % 20] AS status) s
       CROSS JOIN LATERAL (SELECT now() - ((i::bigint * 7919) % $1::int) * interval '10 minutes' AS at) t`,
    [COUNT],
  );
  await db.query(
    `INSERT INTO complaint_events (complaint_id, occurred_at, kind, actor, to_status, to_jurisdiction)
     SELECT id, received_at, 'submitted', 'complainant', 'received', jurisdiction FROM complaints`,
  );
  const loaded = (Date.now() - started) / 1000;
  await db.query('VACUUM ANALYZE');
  log(`loaded ${COUNT} complaints into GB's queue in ${fmt(loaded)} s, then VACUUM ANALYZE`);
}

/** A photo-like JPEG of about 1 MB (gradient and noise, with EXIF), made once. */
async function makeImage() {
  const [w, h] = [1600, 1200];
  const raw = Buffer.alloc(w * h * 3);
  let x = 1;
  for (let p = 0; p < w * h; p++) {
    for (let k = 0; k < 3; k++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      const base = [((p % w) * 255) / w, (Math.floor(p / w) * 255) / h, 128][k];
      raw[p * 3 + k] = Math.max(0, Math.min(255, base + ((x >> 16) % 40) - 20));
    }
  }
  let best;
  for (let quality = 90; quality <= 100; quality++) {
    const jpeg = await sharp(raw, { raw: { width: w, height: h, channels: 3 } })
      .jpeg({ quality })
      .withExif({ IFD0: { Copyright: 'Fair Recruit benchmark', Software: 'bench' } })
      .toBuffer();
    if (!best || Math.abs(jpeg.length - 2 ** 20) < Math.abs(best.length - 2 ** 20)) best = jpeg;
  }
  return best;
}

const complaintJson = JSON.stringify({
  jurisdiction: 'IE',
  recruiter: { name: 'Benchmark Placement Services', website: 'https://bench-placement.example' },
  categories: ['worker_fees', 'document_retention'],
  description:
    'The agency asked me for a placement fee of 1,500 GBP before the interview and kept my passport until I paid it.',
  fees: [
    {
      chargedBy: 'recruiter',
      purpose: 'placement',
      amount: 1500,
      currency: 'GBP',
      paidOn: '2026-10-01',
      method: 'bank_transfer',
    },
  ],
});

function multipartBody(image) {
  const boundary = `----fair-recruit-bench-${RUN}`;
  const body = Buffer.concat([
    Buffer.from(
      // A plain text field, as a browser's FormData sends a string: the API refuses a
      // `complaint` part labelled application/json (@fastify/multipart hands it over parsed).
      `--${boundary}\r\nContent-Disposition: form-data; name="complaint"\r\n\r\n${complaintJson}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="evidence"; filename="receipt.jpg"\r\n` +
        `Content-Type: image/jpeg\r\n\r\n`,
    ),
    image,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

let keys = 0;
/** Submissions with autocannon: POST, the body given, a new Idempotency-Key per request if asked. */
function submissions(port, duration, { body, contentType, withKey }) {
  return measure({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/complaints',
        body,
        setupRequest: (request) => ({
          ...request,
          headers: {
            ...request.headers,
            'content-type': contentType,
            ...(withKey ? { 'idempotency-key': `bench-${RUN}-${keys++}` } : {}),
          },
        }),
      },
    ],
  });
}

function queue(port, duration, token, paths) {
  let next = 0;
  return measure({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${token}` },
    requests: [
      { method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) },
    ],
  });
}

const QUEUE_PATHS = [
  '',
  '&status=received',
  '&status=investigating',
  '&category=worker_fees',
  '&category=document_retention&status=triaged',
  '&page=20',
  '&olderThanDays=365',
  '&status=received&pageSize=20',
].map((filter) => `/api/v1/regulator/complaints?jurisdiction=GB${filter}`);

async function post(port, headers, body) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/complaints`, {
    method: 'POST',
    headers,
    body,
  });
  return { status: response.status, body: await response.json() };
}

/** One request of each kind, by hand, before any figure is trusted. */
async function checkAnswers(db, token, multipart) {
  const json = { 'content-type': 'application/json' };
  const first = await post(API_PORT, { ...json, 'idempotency-key': `check-${RUN}` }, complaintJson);
  const again = await post(API_PORT, { ...json, 'idempotency-key': `check-${RUN}` }, complaintJson);
  if (first.status !== 201 || again.body.reference !== first.body.reference) {
    throw new Error(`JSON submission: ${first.status} ${JSON.stringify(first.body).slice(0, 300)}`);
  }
  const bare = await post(BARE_PORT, json, complaintJson);
  if (bare.status !== 201) throw new Error(`bare submission: ${bare.status}`);
  const withFile = await post(API_PORT, { 'content-type': multipart.contentType }, multipart.body);
  let evidence = JSON.stringify(withFile.body).slice(0, 400);
  if (withFile.status === 201) {
    const [row] = (
      await db.query(
        `SELECT e.size_bytes, e.content_type FROM complaint_evidence e
           JOIN complaints c ON c.id = e.complaint_id WHERE c.reference = $1`,
        [withFile.body.reference],
      )
    ).rows;
    evidence = row ? `${row.content_type}, ${row.size_bytes} bytes stored` : 'no evidence row';
  }
  log(
    `check: multipart with a ${multipart.body.length}-byte body answered ${withFile.status} (${evidence})`,
  );
  const [ours, theirs] = await Promise.all(
    [API_PORT, BARE_PORT].map(async (port) => {
      const response = await fetch(`http://127.0.0.1:${port}${QUEUE_PATHS[1]}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return response.json();
    }),
  );
  if (!Array.isArray(ours.items) || ours.total !== theirs.total) {
    throw new Error(`queue: ${JSON.stringify(ours).slice(0, 300)} vs bare total ${theirs.total}`);
  }
  const same = ours.items.map((i) => i.id).join() === theirs.items.map((i) => i.id).join();
  log(`check: GB received queue total ${ours.total}, same first page on both servers: ${same}`);
  return withFile.status === 201;
}

/** Each queue filter on its own, one client, sequential: which one is slow, if any. */
async function queueOneByOne(token) {
  const lines = [];
  for (const path of QUEUE_PATHS) {
    const times = [];
    for (let k = 0; k < 100; k++) {
      const started = process.hrtime.bigint();
      const response = await fetch(`http://127.0.0.1:${API_PORT}${path}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.arrayBuffer();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    lines.push(
      `  ${path.replace('/api/v1/regulator/complaints', '')}: p50 ${fmt(times[50], 1)} ms, p99 ${fmt(times[98], 1)} ms`,
    );
  }
  log(`queue, one client at a time (100 requests each):\n${lines.join('\n')}`);
}

/** The queue's two statements (as TypeORM sends them) from one client: where its time goes. */
async function queueSqlAlone(db) {
  const where = `"c"."jurisdiction" = $1`;
  const statements = [
    [
      'page',
      `SELECT * FROM "complaints" "c" WHERE ${where} ORDER BY "c"."received_at" ASC, "c"."id" ASC LIMIT 50 OFFSET 0`,
    ],
    ['count', `SELECT COUNT(1) AS "cnt" FROM "complaints" "c" WHERE ${where}`],
  ];
  const parts = [];
  for (const [name, sql] of statements) {
    const times = [];
    for (let k = 0; k < 50; k++) {
      const started = process.hrtime.bigint();
      await db.query(sql, ['GB']);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    parts.push(`${name} p50 ${fmt(times[25], 2)} ms`);
  }
  log(`queue SQL alone, ?jurisdiction=GB, one client, 50 runs each: ${parts.join(', ')}`);
}

async function main() {
  describeMachine();
  const database = await createScratchDatabase(PG, 'fair_recruit_bench_complaints');
  const dataDir = mkdtempSync(join(os.tmpdir(), 'fair-recruit-bench-'));
  const db = await connect(database.url);
  try {
    log(`server: ${(await db.query('SELECT version()')).rows[0].version}`);
    const cliEnv = { env: { DATA_DIR: dataDir } };
    cli(database.url, ['migrate'], cliEnv);
    for (const [code, name] of [
      ['GB', 'United Kingdom'],
      ['IE', 'Ireland'],
    ]) {
      cli(
        database.url,
        ['create-jurisdiction', '--code', code, '--name', name, '--authority-name', 'Bench'],
        cliEnv,
      );
    }
    cli(
      database.url,
      [
        'create-user',
        '--email',
        REGULATOR.email,
        '--password',
        REGULATOR.password,
        '--role',
        'regulator',
        '--jurisdiction',
        'GB',
      ],
      cliEnv,
    );
    await bulkLoad(db);
    const image = await makeImage();
    const multipart = multipartBody(image);

    const api = startServer('api', 'apps/api/dist/main.js', {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(API_PORT),
      DATABASE_POOL_SIZE: String(POOL_SIZE),
      COMPLAINT_RATE_LIMIT_PER_MINUTE: '1000000',
      COMPLAINT_GLOBAL_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const bare = startServer('bare', 'test/bench/complaints-bare-server.js', {
      DATABASE_URL: database.url,
      PORT: String(BARE_PORT),
      POOL_SIZE: String(POOL_SIZE),
    });
    await Promise.all([
      waitFor(`http://127.0.0.1:${API_PORT}/health/ready`),
      waitFor(`http://127.0.0.1:${BARE_PORT}/health/live`),
    ]);
    const login = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(REGULATOR),
    });
    const { accessToken: token } = await login.json();
    if (!token) throw new Error(`login failed: ${login.status}`);
    const multipartWorks = await checkAnswers(db, token, multipart);
    await queueSqlAlone(db);
    await queueOneByOne(token);

    const json = { body: complaintJson, contentType: 'application/json' };
    const scenarios = [
      [
        'submit JSON, new key each',
        'bare',
        (d) => submissions(BARE_PORT, d, { ...json, withKey: true }),
      ],
      [
        'submit JSON, new key each',
        'ours',
        (d) => submissions(API_PORT, d, { ...json, withKey: true }),
      ],
      ['submit JSON, no key', 'ours', (d) => submissions(API_PORT, d, { ...json, withKey: false })],
      ...(multipartWorks
        ? [
            [
              'submit + 1 MB JPEG',
              'ours',
              (d) => submissions(API_PORT, d, { ...multipart, withKey: true }),
            ],
          ]
        : []),
      [QUEUE, 'bare', (d) => queue(BARE_PORT, d, token, QUEUE_PATHS)],
      [QUEUE, 'ours', (d) => queue(API_PORT, d, token, QUEUE_PATHS)],
    ];
    log(`warm-up: ${WARMUP} s per scenario and server`);
    for (const [, , run] of scenarios) await run(WARMUP);

    const runs = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which server goes first within each scenario.
      const order = round % 2 ? scenarios : [...scenarios].reverse();
      for (const [scenario, server, run] of order) {
        const pid = (server === 'bare' ? bare : api).pid;
        const cpuBefore = cpuMs(pid);
        const r = await run(DURATION);
        r.cpu = (cpuMs(pid) - cpuBefore) / r.requests;
        runs.push({ round, scenario, server, ...r });
        log(
          `round ${round}  ${scenario.padEnd(26)}  ${server}  ${fmt(r.rps).padStart(8)} req/s  p50 ${fmt(r.p50)} ms  p99 ${fmt(r.p99)} ms` +
            `  server CPU ${fmt(r.cpu, 2)} ms/req  (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`,
        );
      }
    }

    const rows = [];
    for (const [scenario, server] of scenarios) {
      const mine = runs.filter((r) => r.scenario === scenario && r.server === server);
      const pick = (key) => median(mine.map((r) => r[key]));
      rows.push({
        scenario,
        server,
        rps: pick('rps'),
        p50: pick('p50'),
        p99: pick('p99'),
        cpu: pick('cpu'),
      });
    }
    const [{ n: stored }] = (await db.query('SELECT count(*)::int AS n FROM complaints')).rows;

    log(
      `\nMedians of ${ROUNDS} rounds × ${DURATION} s, ${CONNECTIONS} connections; ${stored} complaints in the database at the end (${COUNT} in GB's queue):\n`,
    );
    log('| Scenario | Server | req/s | p50 (ms) | p99 (ms) | server CPU (ms/req) |');
    log('|---|---|---:|---:|---:|---:|');
    for (const r of rows) {
      const label = r.server === 'bare' ? 'bare Fastify + pg' : 'Fair Recruit API';
      log(
        `| ${r.scenario} | ${label} | ${fmt(r.rps)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.cpu, 2)} |`,
      );
    }
    if (!multipartWorks)
      log(
        '| submit + 1 MB JPEG | Fair Recruit API | (multipart not accepted: not measured) | | | |',
      );
    const find = (scenario) => rows.find((r) => r.scenario === scenario && r.server === 'ours');
    const submit = find('submit JSON, new key each');
    const queueRow = find(QUEUE);
    log(
      `\ntarget: ≥ ${TARGET_SUBMISSIONS} submissions/s without evidence: ${submit.rps >= TARGET_SUBMISSIONS ? 'met' : 'MISSED'} (${fmt(submit.rps)} with a key, ${fmt(find('submit JSON, no key').rps)} without)`,
    );
    log(
      `target: queue p99 ≤ ${TARGET_QUEUE_P99_MS} ms: ${queueRow.p99 <= TARGET_QUEUE_P99_MS ? 'met' : 'MISSED'} (${fmt(queueRow.p99)} ms)`,
    );
    const failures = runs.filter((r) => r.non2xx > 0 || r.errors > 0);
    if (failures.length) log(`WARNING: ${failures.length} runs had errors or non-2xx answers`);
    log(`load average at the end (1, 5, 15 min): ${loadAverage()}`);
  } finally {
    await stopAll();
    await db.end();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

stopAllOnSignals();
main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exit(1);
});
