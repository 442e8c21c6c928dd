// Crash test of complaint intake: `npm run test:crash` (builds first). No complaint is ever lost
// or stored twice, even when the API process dies with SIGKILL in the middle of submissions.
// `npm run test:crash:embedded` (or `--embedded`, or CRASH_DATABASE=embedded) runs the same test on
// the API's default database: embedded PGlite in a fresh DATA_DIR, with no DATABASE_URL.
//
// 1. Creates a fresh PostgreSQL database (dropped at the end) or an empty DATA_DIR, migrates it and
//    creates jurisdiction GB with the CLI, and starts the API as a child process. A start refused
//    because the embedded data directory is still locked by the killed process is tried again.
// 2. CRASH_CLIENTS concurrent clients submit CRASH_COMPLAINTS complaints, each with its own
//    Idempotency-Key and a unique marker in its description. A client sends the same key and body
//    again after a network error, a timeout, a 5xx or a 409 (with a growing backoff) until it gets
//    a 201. Meanwhile the API is killed with SIGKILL CRASH_KILLS times, at random points of the
//    progress, and restarted (the clients keep retrying while it is down).
// 3. Every acknowledged complaint is submitted once more (the same answer must come back), a few
//    keys with another body (422), and a few fresh keys several times at once (one row each).
//    The receipts of a sample (every submission that saw a failure, and ten more) must open their
//    complaints. Then the API is killed once more, with nothing acknowledged after it.
// 4. Reads the complaints table (embedded: opens the data directory with PGlite in this process)
//    and proves: every submission was acknowledged, every acknowledged reference is stored exactly
//    once, no marker is stored twice, each marker's row carries the reference its client was given,
//    and nothing else was stored.
//
// Prints one summary line and `crash: N passed, N failed`; exits 1 if any check failed.
// Settings (environment): CRASH_DATABASE (`postgres` or `embedded`), TEST_POSTGRES_URL (a database
// on the server to use, default postgres://postgres@127.0.0.1:5432/test), CRASH_COMPLAINTS (1000),
// CRASH_CLIENTS (20), CRASH_KILLS (5), CRASH_TIMEOUT_SECONDS (180, embedded 420: the whole run,
// then it fails; it also fails when no submission is acknowledged for CRASH_STALL_SECONDS, 60).
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  cli,
  connect,
  createScratchDatabase,
  log,
  startServer,
  stopAll,
  stopAllOnSignals,
} from '../bench/support.js';

const env = process.env;
const DATABASE = process.argv.includes('--embedded')
  ? 'embedded'
  : (env.CRASH_DATABASE ?? 'postgres');
if (DATABASE !== 'postgres' && DATABASE !== 'embedded') {
  console.error(`CRASH_DATABASE must be postgres or embedded, not ${DATABASE}`);
  process.exit(2);
}
const EMBEDDED = DATABASE === 'embedded';
const SERVER_URL = env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const COUNT = Number(env.CRASH_COMPLAINTS ?? 1000);
const CLIENTS = Number(env.CRASH_CLIENTS ?? 20);
const KILLS = Number(env.CRASH_KILLS ?? 5);
// Embedded: every restart after a kill waits ~15 s for the stale lock, longer under load.
const TIMEOUT_MS = Number(env.CRASH_TIMEOUT_SECONDS ?? (EMBEDDED ? 420 : 180)) * 1000;
const STALL_MS = Number(env.CRASH_STALL_SECONDS ?? 60) * 1000;
const REQUEST_TIMEOUT_MS = 10_000;
const CONFLICT_PROBES = 20;
const CONCURRENT_KEYS = 20;
const CONCURRENT_COPIES = 5;

const RUN = randomBytes(4).toString('hex');
const started = Date.now();
const deadline = started + TIMEOUT_MS;
let lastProgressAt = started;
/** Why the clients stop retrying, if they must. */
const givingUp = () =>
  Date.now() > deadline
    ? 'deadline passed'
    : Date.now() - lastProgressAt > STALL_MS
      ? `no acknowledgement for ${STALL_MS / 1000} s`
      : undefined;
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

const markerOf = (i) => `crash-${RUN}-${i}`;
const MARKER = new RegExp(`\\[(crash-${RUN}-[a-z0-9-]+)\\]`);

/** The complaint of submission `i`: the same bytes on every retry. */
function bodyOf(i, marker = markerOf(i)) {
  const fees = i % 2 === 0;
  return JSON.stringify({
    jurisdiction: 'GB',
    recruiter: { name: `Crash Test Recruitment ${i} Ltd` },
    categories: fees ? ['worker_fees'] : ['misleading_information', 'unfair_contract'],
    description: `The agency changed my contract after I arrived and kept my documents. [${marker}]`,
    ...(fees
      ? {
          fees: [
            { chargedBy: 'recruiter', purpose: 'placement fee', amount: 1500, currency: 'GBP' },
          ],
        }
      : {}),
    ...(i % 5 === 0 ? { contact: { email: `worker${i}@example.org` } } : {}),
  });
}

/** One plain submission, no retry: its status (or 'network error') and its JSON answer. */
async function post(api, key, body) {
  try {
    const response = await fetch(`${api.base}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      json: response.status === 201 ? JSON.parse(text) : undefined,
    };
  } catch {
    return { status: 'network error' };
  }
}

// The embedded database's lock outlives a SIGKILL until it is stale (proper-lockfile, 15 s).
const DATA_DIR_IN_USE = /already in use by another Fair Recruit process/;
const START_TIMEOUT_MS = 60_000;

class Api {
  constructor(env) {
    this.env = env;
    this.base = `http://127.0.0.1:${env.PORT}`;
    this.child = undefined;
    this.starts = 0;
  }

  /** Starts the API and waits until it is ready; returns how many starts the data-dir lock refused. */
  async start() {
    const since = Date.now();
    for (let refused = 0; ; refused++) {
      const child = startServer('api', 'apps/api/dist/main.js', this.env, { stderr: 'keep' });
      this.child = child;
      this.starts++;
      // An exit while starting is dealt with here; once ready, startServer reports it.
      child.expectExit = true;
      if (await this.#ready(child, since + START_TIMEOUT_MS)) {
        child.expectExit = false;
        return refused;
      }
      if (!DATA_DIR_IN_USE.test(child.stderrTail) || Date.now() > since + START_TIMEOUT_MS) {
        throw new Error(`the API exited while starting:\n${child.stderrTail}`);
      }
      await sleep(500);
    }
  }

  /** true once /health/ready answers, false if the process exits first. */
  async #ready(child, until) {
    while (Date.now() < until) {
      if (child.exitCode !== null || child.signalCode !== null) {
        if (!child.stderr.closed) await once(child.stderr, 'close'); // its last words
        return false;
      }
      try {
        const response = await fetch(`${this.base}/health/ready`, {
          signal: AbortSignal.timeout(1000),
        });
        if (response.ok) return true;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`the API was not ready after ${START_TIMEOUT_MS / 1000} s`);
  }

  async kill() {
    const child = this.child;
    child.expectExit = true;
    child.kill('SIGKILL');
    await child.exited;
  }
}

const stats = {
  acknowledged: 0,
  attempts: 0,
  network: 0,
  timeouts: 0,
  status5xx: 0,
  status409: 0,
  unexpected: [],
};

/**
 * Sends one submission until it is acknowledged. Returns { answer, attempts, firstFailureAt },
 * or { error } for an answer no retry can change (a 4xx other than 409) or the run's deadline.
 */
async function submitUntilAcknowledged(api, key, body) {
  let firstFailureAt;
  let lastFailure = 'none';
  for (let attempt = 1; ; attempt++) {
    const reason = givingUp();
    if (reason) return { error: `${reason}, last answer: ${lastFailure}`, attempts: attempt - 1 };
    stats.attempts++;
    try {
      const response = await fetch(`${api.base}/api/v1/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (response.status === 201) {
        lastProgressAt = Date.now();
        return { answer: JSON.parse(text), attempts: attempt, firstFailureAt };
      }
      lastFailure = String(response.status);
      if (response.status === 409) stats.status409++;
      else if (response.status >= 500) stats.status5xx++;
      else {
        let code;
        try {
          code = JSON.parse(text).code;
        } catch {
          code = text.slice(0, 200);
        }
        return { error: `${response.status} ${code}`, attempts: attempt };
      }
    } catch (error) {
      lastFailure =
        error.name === 'TimeoutError' ? 'timeout' : (error.cause?.code ?? error.message);
      if (error.name === 'TimeoutError') stats.timeouts++;
      else stats.network++;
    }
    firstFailureAt ??= Date.now();
    await sleep(Math.min(1000, 20 * 2 ** attempt) * (0.5 + Math.random()));
  }
}

async function runClients(count, clients, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) await work(next++);
    }),
  );
}

/** Kills the API at random points of the progress: after a random number of acknowledgements. */
async function killer(api, kills, submissionsDone) {
  const points = Array.from({ length: kills }, () =>
    Math.floor(COUNT * (0.05 + 0.85 * Math.random())),
  ).sort((a, b) => a - b);
  const events = [];
  for (const point of points) {
    while (stats.acknowledged < point) {
      if (submissionsDone() || givingUp()) return events;
      await sleep(2);
    }
    await sleep(Math.random() * 40);
    const at = Date.now();
    await api.kill();
    await sleep(Math.random() * 300);
    const refused = await api.start();
    events.push({ at, acknowledged: stats.acknowledged, downMs: Date.now() - at, refused });
  }
  return events;
}

/** A fresh database on the PostgreSQL server, dropped at the end; `open()` gives a client. */
async function scratchDatabase() {
  const database = await createScratchDatabase(SERVER_URL, 'fair_recruit_crash');
  return {
    ...database,
    async open() {
      const client = await connect(database.url);
      return { query: (sql) => client.query(sql), close: () => client.end() };
    },
  };
}

/** The API's embedded default under `dataDir`; `open()` reads it with PGlite in this process. */
function embeddedDatabase(dataDir) {
  return {
    name: `embedded PGlite in ${dataDir}`,
    // No DATABASE_URL at all in the CLI's and the API's environment (spawn leaves out undefined).
    url: undefined,
    async open() {
      // Only while no API runs: PGlite takes no lock itself, and a killed API's lock is left behind.
      const db = await PGlite.create(join(dataDir, 'pgdata'), { extensions: { pg_trgm } });
      return { query: (sql) => db.query(sql), close: () => db.close() };
    },
    drop: async () => {},
  };
}

async function main() {
  log(
    `crash test (${DATABASE}): ${COUNT} complaints from ${CLIENTS} clients, ${KILLS} SIGKILLs of the API; run ${RUN}`,
  );
  const dataDir = mkdtempSync(join(os.tmpdir(), 'fair-recruit-crash-'));
  const database = EMBEDDED ? embeddedDatabase(dataDir) : await scratchDatabase();
  scratch = database;
  let api;
  const checks = [];
  const check = (name, ok, detail = '') => {
    checks.push({ name, ok });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
  };
  try {
    cli(database.url, ['migrate'], { env: { DATA_DIR: dataDir } });
    cli(
      database.url,
      [
        'create-jurisdiction',
        '--code',
        'GB',
        '--name',
        'United Kingdom',
        '--authority-name',
        'Crash test authority',
      ],
      { env: { DATA_DIR: dataDir } },
    );
    api = new Api({
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      PORT: String(await freePort()),
      COMPLAINT_RATE_LIMIT_PER_MINUTE: '1000000',
      COMPLAINT_GLOBAL_RATE_LIMIT_PER_MINUTE: '1000000',
    });
    await api.start();
    log(`database ${database.name} migrated, API ready after ${seconds()} s`);

    // Submissions under SIGKILLs.
    lastProgressAt = Date.now();
    const results = new Array(COUNT);
    let finished = 0;
    const killing = killer(api, KILLS, () => finished === COUNT);
    killing.catch(() => {}); // awaited below; a failed restart must not end the process first
    await runClients(COUNT, CLIENTS, async (i) => {
      const result = await submitUntilAcknowledged(api, markerOf(i), bodyOf(i));
      results[i] = result;
      if (result.answer) stats.acknowledged++;
      else stats.unexpected.push({ i, error: result.error });
      finished++;
    });
    const kills = await killing;
    const submitSeconds = seconds();
    const submitted = { ...stats };
    log(
      `submissions done at ${submitSeconds} s; kills at acknowledgement ${kills.map((k) => `${k.acknowledged} (down ${k.downMs} ms${k.refused ? `, ${k.refused} starts refused: data directory locked` : ''})`).join(', ') || '-'}`,
    );

    // Only when every submission got through: the API must be answering for these to mean anything.
    const allAcknowledged = results.every((r) => r?.answer);
    // Every acknowledged key again: the first answer must come back, however it was reached.
    let replayMismatches = 0;
    const replayErrors = [];
    // The same key with another body is refused.
    const conflictAnswers = [];
    // The same fresh key several times at once: answered 201 or 409, one stored row.
    const concurrent = [];
    if (allAcknowledged) {
      await runClients(COUNT, CLIENTS, async (i) => {
        const again = await submitUntilAcknowledged(api, markerOf(i), bodyOf(i));
        if (!again.answer) replayErrors.push(`#${i} ${again.error}`);
        else if (!isDeepStrictEqual(again.answer, results[i].answer)) replayMismatches++;
      });
      for (let i = 0; i < CONFLICT_PROBES; i++) {
        const n = Math.floor((i * COUNT) / CONFLICT_PROBES);
        conflictAnswers.push(
          (await post(api, markerOf(n), bodyOf(n, `${markerOf(n)}-changed`))).status,
        );
      }
      for (let k = 0; k < CONCURRENT_KEYS; k++) {
        const marker = `crash-${RUN}-c${k}`;
        const body = bodyOf(COUNT + k, marker);
        const answers = await Promise.all(
          Array.from({ length: CONCURRENT_COPIES }, () => post(api, marker, body)),
        );
        // A copy answered 409 was not stored by its own request; settle the key as a client would.
        const settled = await submitUntilAcknowledged(api, marker, body);
        concurrent.push({ marker, answers, reference: settled.answer?.reference });
      }
    }

    // The receipts that came back, first or from a replay, open their complaints: the stored hash
    // is theirs. Sampled: every submission that saw a failure, and ten more.
    const sampled = results.flatMap((result, i) =>
      result?.answer && (result.firstFailureAt || (i % 97 === 0 && i < 970)) ? [i] : [],
    );
    let receiptsOpened = 0;
    for (const i of sampled) {
      const { reference, receipt } = results[i].answer;
      const response = await fetch(`${api.base}/api/v1/complaints/${reference}`, {
        headers: { 'x-receipt-code': receipt },
      }).catch(() => undefined);
      const view = response?.ok ? await response.json() : undefined;
      if (view?.reference === reference && view.status === 'received') receiptsOpened++;
    }

    // What the database holds once the API has died again, with nothing acknowledged since.
    await api.kill();
    let db;
    try {
      db = await database.open();
    } finally {
      if (EMBEDDED) check('the data directory opens after the last SIGKILL', db !== undefined);
    }
    let rows;
    let submittedEvents;
    let idempotencyRows;
    try {
      ({ rows } = await db.query(
        `SELECT c.reference, c.description, c.received_at,
                count(e.id) FILTER (WHERE e.kind = 'submitted')::int AS submitted_events
           FROM complaints c LEFT JOIN complaint_events e ON e.complaint_id = c.id
          GROUP BY c.id ORDER BY c.received_at`,
      ));
      submittedEvents = rows.filter((r) => r.submitted_events === 1).length;
      [{ n: idempotencyRows }] = (
        await db.query('SELECT count(DISTINCT complaint_id)::int AS n FROM idempotency_keys')
      ).rows;
    } finally {
      await db.close();
    }
    const byMarker = new Map();
    const byReference = new Map();
    let strays = 0;
    for (const row of rows) {
      const marker = MARKER.exec(row.description)?.[1];
      if (!marker) strays++;
      else byMarker.set(marker, [...(byMarker.get(marker) ?? []), row]);
      byReference.set(row.reference, (byReference.get(row.reference) ?? 0) + 1);
    }

    const acknowledged = results.filter((r) => r?.answer);
    let lost = 0;
    let wrongReference = 0;
    const committedBeforeCrash = [];
    const lostExamples = [];
    for (let i = 0; i < COUNT; i++) {
      const result = results[i];
      const stored = byMarker.get(markerOf(i)) ?? [];
      if (!result?.answer) {
        lost++;
        continue;
      }
      if ((byReference.get(result.answer.reference) ?? 0) !== 1 || stored.length === 0) {
        lost++;
        if (lostExamples.length < 10)
          lostExamples.push(`${markerOf(i)} → ${result.answer.reference}`);
      }
      if (stored.length > 0 && stored[0].reference !== result.answer.reference) wrongReference++;
      // Stored before the first failed attempt ended: the crash took the answer, a retry gave it.
      if (
        result.firstFailureAt &&
        stored[0] &&
        stored[0].received_at.getTime() < result.firstFailureAt
      )
        committedBeforeCrash.push(i);
    }
    const duplicated = [...byMarker.entries()].filter(([, found]) => found.length > 1);
    const duplicates = duplicated.reduce((sum, [, found]) => sum + found.length - 1, 0);
    const retries = submitted.attempts - COUNT;

    log(
      `submission attempts ${submitted.attempts}: network errors ${submitted.network}, timeouts ${submitted.timeouts}, 5xx ${submitted.status5xx}, 409 ${submitted.status409}`,
    );
    check(
      'every submission was acknowledged (201)',
      acknowledged.length === COUNT,
      `${acknowledged.length} of ${COUNT}${
        stats.unexpected.length
          ? `; unexpected answers: ${stats.unexpected
              .slice(0, 10)
              .map((u) => `#${u.i} ${u.error}`)
              .join(', ')}`
          : ''
      }`,
    );
    check(
      'every acknowledged reference is stored exactly once',
      lost === 0,
      lost
        ? `${lost} not stored once, e.g. ${lostExamples.join(', ')}`
        : `${acknowledged.length} references`,
    );
    check(
      'no marker is stored in two rows',
      duplicates === 0,
      duplicates
        ? `${duplicates} extra rows, e.g. ${duplicated
            .slice(0, 5)
            .map(([m, found]) => `${m}: ${found.map((r) => r.reference).join(' + ')}`)
            .join('; ')}`
        : `${byMarker.size} markers`,
    );
    check(
      "each marker's row has the reference its client was given",
      wrongReference === 0,
      `${wrongReference} differ`,
    );
    const expectedRows = COUNT + concurrent.length;
    check(
      'nothing else was stored',
      strays === 0 && rows.length === expectedRows,
      `${rows.length} rows for ${expectedRows} submissions, ${strays} without a marker`,
    );
    const notRun = allAcknowledged ? '' : 'not run: not every submission was acknowledged';
    check(
      'the same key and body again gives the first answer',
      allAcknowledged && replayMismatches === 0 && replayErrors.length === 0,
      notRun ||
        `${COUNT - replayMismatches - replayErrors.length} identical, ${replayMismatches} different${replayErrors.length ? `, errors: ${replayErrors.slice(0, 5).join(', ')}` : ''}`,
    );
    check(
      'the same key with another body is refused with 422',
      allAcknowledged && conflictAnswers.every((status) => status === 422),
      notRun || `answers ${[...new Set(conflictAnswers)].join(', ')}`,
    );
    const concurrentBad = concurrent.filter(
      (c) =>
        !c.reference ||
        c.answers.some(
          (a) =>
            (a.status !== 201 && a.status !== 409) || (a.json && a.json.reference !== c.reference),
        ) ||
        (byMarker.get(c.marker) ?? []).length !== 1,
    );
    check(
      `${CONCURRENT_COPIES} simultaneous copies of one key store one complaint`,
      allAcknowledged && concurrentBad.length === 0,
      notRun ||
        `${CONCURRENT_KEYS - concurrentBad.length} of ${CONCURRENT_KEYS} keys; answers ${[...new Set(concurrent.flatMap((c) => c.answers.map((a) => a.status)))].join(', ')}`,
    );
    check(
      'each complaint has its one "submitted" timeline entry and its idempotency record',
      submittedEvents === rows.length && idempotencyRows === rows.length,
      `${submittedEvents} and ${idempotencyRows} of ${rows.length}`,
    );
    check(
      'the receipt given (first or replayed) opens its complaint',
      receiptsOpened === sampled.length,
      `${receiptsOpened} of ${sampled.length} sampled, ${committedBeforeCrash.length} of them answered by a replay after a crash`,
    );
    check(
      `the API was killed at least ${KILLS} times under load`,
      kills.length >= KILLS,
      `${kills.length}`,
    );

    log(
      `crash summary: submitted=${COUNT} acknowledged=${acknowledged.length} kills=${kills.length} retries=${retries} ` +
        `committed-before-crash=${committedBeforeCrash.length} duplicates=${duplicates} lost=${lost} (${seconds()} s, submissions ${submitSeconds} s)`,
    );
    if (checks.some((c) => !c.ok) && api.child) log(`last API stderr:\n${api.child.stderrTail}`);
  } catch (error) {
    checks.push({ name: 'run', ok: false });
    console.error(error);
    if (api?.child) log(`last API stderr:\n${api.child.stderrTail}`);
  } finally {
    await stopAll();
    await database.drop();
    if (EMBEDDED && checks.some((c) => !c.ok)) log(`data directory kept: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  const failed = checks.filter((c) => !c.ok).length;
  log(`crash: ${checks.length - failed} passed, ${failed} failed`);
  return failed === 0;
}

let scratch;
stopAllOnSignals();
const watchdog = setTimeout(() => {
  console.error(`crash test: still running after ${TIMEOUT_MS / 1000 + 60} s; giving up`);
  void stopAll()
    .then(() => scratch?.drop())
    .finally(() => process.exit(1));
}, TIMEOUT_MS + 60_000);
watchdog.unref();
main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
