// Open-data export benchmark: `npm run bench:export` (builds first).
//
// Streams both exports of the benchmark database (1,000,000 recruiters, loaded by
// `npm run bench:search`) from the API, reading the API process's resident memory (VmRSS in
// /proc/<pid>/status) every 250 ms, and prints for each format the bytes, the seconds and the peak
// RSS against the RSS when the download started: a flat export keeps the two close at any size.
//
// The API holds the /checks match index of the whole registry in memory, built on the first check;
// the script asks for one and waits for it (and for the snapshot, built at start) so that neither
// is counted as export memory, and prints the RSS before and after. The API runs with the heap
// `npm start` gives it (API_HEAP_MB, 8192): with V8's default 4 GB it ran out of memory at
// 1,000,000 recruiters once both were built at the same time.
//
// RSS also counts garbage that V8 has not collected yet, and V8 lets the heap grow in proportion
// to what is live (here mostly the index) before a full collection. So the API runs with
// --trace-gc, and the script also prints the heap left live after each full collection (V8's
// Mark-Compact) during a download against the one before it: that is what the export retains.
//
// Settings (environment): BENCH_PG (server URL, default postgres://postgres@127.0.0.1:5432),
// BENCH_DB (fair_recruit_bench), BENCH_API_PORT (3102), BENCH_SAMPLE_MS (250).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
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
const PORT = Number(env.BENCH_API_PORT ?? 3102);
const SAMPLE_MS = Number(env.BENCH_SAMPLE_MS ?? 250);
const BASE = `http://127.0.0.1:${PORT}`;

const log = (...args) => console.log(...args);
const mib = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const fmtMb = (mb) => (mb === undefined ? 'n/a' : `${mb.toFixed(1)} MB`);

/** Resident set size of a process in bytes, from /proc (Linux). */
function rss(pid) {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

async function countRecruiters() {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `cannot open ${DATABASE_URL} (${error.message}); run \`npm run bench:search\` once to create and load it`,
    );
  }
  try {
    const [{ n }] = (await client.query('SELECT count(*)::int AS n FROM recruiters')).rows;
    const [{ version }] = (await client.query('SELECT version()')).rows;
    return { n, version };
  } finally {
    await client.end();
  }
}

let api;
let stopping = false;
/** Heap in use after each full collection of the API, in MB as V8 prints it. */
const fullGcs = [];
const MARK_COMPACT = /Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/;

function startApi() {
  // The heap `npm start` gives the API: V8's default (4 GB here) is too small at 1,000,000.
  const heap = `--max-old-space-size=${env.API_HEAP_MB ?? 8192}`;
  api = spawn(process.execPath, ['--trace-gc', heap, resolve(ROOT, 'apps/api/dist/main.js')], {
    env: { ...env, DATABASE_URL, PORT: String(PORT), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  createInterface({ input: api.stdout }).on('line', (line) => {
    const match = MARK_COMPACT.exec(line);
    if (match) fullGcs.push(Number(match[1]));
  });
  api.on('exit', (code, signal) => {
    if (!stopping) {
      log(`the API exited unexpectedly (${code ?? signal})`);
      process.exit(1);
    }
  });
}

async function stopApi() {
  stopping = true;
  if (!api || api.exitCode !== null) return;
  await new Promise((done) => {
    const timer = setTimeout(() => api.kill('SIGKILL'), 10_000);
    api.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    api.kill('SIGTERM');
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => void stopApi().then(() => process.exit(130)));
}

async function waitFor(url) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`${url} did not come up`);
}

/** Downloads one export as fast as the client reads, sampling the API's RSS meanwhile. */
async function download(path) {
  const pid = api.pid;
  const atStart = rss(pid);
  const gcsBefore = fullGcs.length;
  const liveBefore = fullGcs.at(-1);
  let peak = atStart;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss(pid));
  }, SAMPLE_MS);
  const started = process.hrtime.bigint();
  try {
    const response = await fetch(`${BASE}${path}`);
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    let bytes = 0;
    let newlines = 0;
    let first;
    let last;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      first ??= chunk[0];
      last = chunk.at(-1);
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    peak = Math.max(peak, rss(pid));
    const during = fullGcs.slice(gcsBefore);
    return {
      liveBefore,
      liveMax: during.length ? Math.max(...during) : undefined,
      fullGcs: during.length,
      path,
      bytes,
      seconds,
      atStart,
      peak,
      // The CSV: a header line, then one line per record (the synthetic data has no line breaks
      // inside values). The JSON: "[", then one line per record, then "]".
      records: path.endsWith('.csv') ? newlines - 1 : newlines - 2,
      first: String.fromCharCode(first ?? 0),
      last: String.fromCharCode(last ?? 0),
      disposition: response.headers.get('content-disposition'),
    };
  } finally {
    clearInterval(sampler);
  }
}

async function main() {
  log(`date: ${new Date().toISOString()}`);
  log(
    `machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}`,
  );
  log(
    `load average before (1, 5, 15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  const { n, version } = await countRecruiters();
  log(`server: ${version}`);
  log(`database ${DB}: ${n} recruiters`);

  startApi();
  try {
    await waitFor(`${BASE}/health/live`);
    const listening = rss(api.pid);
    let started = Date.now();
    // Answers once the /checks index of the whole registry is built.
    const check = await fetch(`${BASE}/api/v1/checks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ organizationName: 'Export benchmark warm-up' }),
    });
    if (!check.ok) throw new Error(`warm-up check answered ${check.status}`);
    const indexSeconds = (Date.now() - started) / 1000;
    // Answers once the snapshot, built at start, is ready.
    const snapshot = await fetch(`${BASE}/api/v1/snapshot?format=2`);
    if (!snapshot.ok) throw new Error(`snapshot answered ${snapshot.status}`);
    await snapshot.arrayBuffer();
    const bothSeconds = (Date.now() - started) / 1000;
    await sleep(2000);
    const idle = rss(api.pid);
    log(
      `API RSS when listening ${mib(listening)}; after the /checks index was built (${indexSeconds.toFixed(1)} s after listening) and the snapshot (${bothSeconds.toFixed(1)} s) ${mib(idle)}; peak live heap so far ${fmtMb(fullGcs.length > 0 ? Math.max(...fullGcs) : undefined)}`,
    );

    const results = [];
    for (const path of ['/api/v1/export/recruiters.csv', '/api/v1/export/recruiters.json']) {
      const r = await download(path);
      results.push(r);
      log(
        `${path}: ${r.bytes} bytes (${mib(r.bytes)}) in ${r.seconds.toFixed(1)} s (${mib(r.bytes / r.seconds)}/s), ` +
          `~${r.records} records, starts "${r.first}" ends ${JSON.stringify(r.last)}; ${r.disposition}`,
      );
      log(
        `  API RSS at start ${mib(r.atStart)}, peak ${mib(r.peak)} (+${mib(r.peak - r.atStart)}), sampled every ${SAMPLE_MS} ms`,
      );
      log(
        `  API heap live after a full GC: before ${fmtMb(r.liveBefore)}, at most ${fmtMb(r.liveMax)} over the ${r.fullGcs} full GCs during the download`,
      );
      await sleep(1000);
    }

    log(
      '\n| Export | Records | Bytes | Seconds | MiB/s | RSS at start | Peak RSS | Peak − start | Live heap before | Live heap max during |',
    );
    log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of results) {
      log(
        `| ${r.path.split('/').at(-1)} | ${r.records} | ${r.bytes} | ${r.seconds.toFixed(1)} | ${(r.bytes / r.seconds / 2 ** 20).toFixed(1)} | ${mib(r.atStart)} | ${mib(r.peak)} | ${mib(r.peak - r.atStart)} | ${fmtMb(r.liveBefore)} | ${fmtMb(r.liveMax)} |`,
      );
    }
  } finally {
    await stopApi();
  }
}

main().catch(async (error) => {
  console.error(error);
  await stopApi();
  process.exit(1);
});
