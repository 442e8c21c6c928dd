// Helpers shared by the benchmarks (test/bench/*.bench.js) and the crash test (test/crash/):
// PostgreSQL, the API's CLI, child servers, autocannon and the figures printed for docs/benchmarks.md.
import autocannon from 'autocannon';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const log = (...args) => console.log(...args);

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => fmt(l, 2))
    .join(', ');

/** Date, machine and load, as each benchmark prints them before it starts. */
export function describeMachine() {
  log(`date: ${new Date().toISOString()}`);
  log(
    `machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? '?'}), ${fmt(os.totalmem() / 2 ** 30)} GiB RAM, node ${process.version}`,
  );
  log(`load average before (1, 5, 15 min): ${loadAverage()}`);
}

/** The same server URL with another database name. */
export function withDatabaseName(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function connect(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A client on `url`, starting the machine's PostgreSQL cluster first if it does not answer. */
export async function ensurePostgres(url) {
  try {
    return await connect(url);
  } catch (error) {
    log(`PostgreSQL is not answering (${error.message}); starting the cluster`);
    const version = readdirSync('/etc/postgresql')[0];
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], {
      stdio: 'inherit',
    });
    for (let i = 0; i < 30; i++) {
      try {
        return await connect(url);
      } catch {
        await sleep(1000);
      }
    }
    throw new Error('PostgreSQL did not start');
  }
}

/**
 * A new, empty database on the server of `serverUrl` (any database URL on that server), named
 * `<prefix>_<random>`; `drop()` removes it even while connections remain.
 */
export async function createScratchDatabase(serverUrl, prefix) {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = await ensurePostgres(serverUrl);
  try {
    await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabaseName(serverUrl, name),
    async drop() {
      const client = await connect(serverUrl);
      try {
        await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** Runs `node apps/api/dist/cli.js ...args` on `databaseUrl` and returns its output. */
export function cli(databaseUrl, args, { inherit = false, env = {} } = {}) {
  const result = spawnSync(process.execPath, [resolve(ROOT, 'apps/api/dist/cli.js'), ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', ...env },
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

const children = new Set();
let stopping = false;

/**
 * Starts `node <script>` (relative to the repository) with HOST=127.0.0.1 and LOG_LEVEL=warn on
 * top of `env`. Its stderr is inherited, or kept in `child.stderrTail` (the last 64 kB) with
 * `stderr: 'keep'`. An exit is reported unless stopAll() is under way or `child.expectExit` is set.
 */
export function startServer(
  name,
  script,
  env,
  { stderr = 'inherit', nodeArgs = [], args = [] } = {},
) {
  const child = spawn(process.execPath, [...nodeArgs, resolve(ROOT, script), ...args], {
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', stderr === 'keep' ? 'pipe' : 'inherit'],
  });
  child.stderrTail = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk) => {
    child.stderrTail = (child.stderrTail + chunk).slice(-65_536);
  });
  children.add(child);
  child.exited = new Promise((done) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      if (!stopping && !child.expectExit) log(`${name} exited unexpectedly (${code ?? signal})`);
      done({ code, signal });
    }),
  );
  return child;
}

/** Polls `url` every `intervalMs` until it answers 2xx. */
export async function waitFor(url, { attempts = 120, intervalMs = 500 } = {}) {
  for (let i = 0; i < attempts; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not come up`);
}

/** SIGTERM to every server still running (SIGKILL after 5 s), and waits for them to exit. */
export async function stopAll() {
  stopping = true;
  await Promise.all(
    [...children].map((child) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.kill('SIGTERM');
      return child.exited.then(() => clearTimeout(timer));
    }),
  );
}

/** Stops the servers on Ctrl-C or SIGTERM of the script itself. */
export function stopAllOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => void stopAll().then(() => process.exit(130)));
  }
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/**
 * CPU time a process has used so far, in ms (user + system, from /proc: Linux). Unlike req/s, the
 * CPU a server spends per request hardly changes when other work shares the machine.
 */
export function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** One autocannon run; the figures every benchmark prints. */
export async function measure(options) {
  const result = await autocannon(options);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
