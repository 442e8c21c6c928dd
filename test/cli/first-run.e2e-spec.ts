import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EFFECTIVE_STATUSES } from '@fair-recruit/domain';

const API_DIST = fileURLToPath(new URL('../../apps/api/dist/', import.meta.url));
const ADMIN = { email: 'first.admin@authority.example', password: 'a long enough password' };

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a built entry point as a newcomer would, with its own DATA_DIR and no DATABASE_URL. */
function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(API_DIST, script), ...args], {
      env: { ...cleanEnv(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function cleanEnv(): Record<string, string> {
  const env = { ...process.env } as Record<string, string>;
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  return env;
}

async function waitForReady(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

describe('a newcomer on a fresh machine (embedded database)', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'fair-recruit-first-run-')), 'data');
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  const url = `http://127.0.0.1:${port}`;
  let server: ChildProcess;
  let serverLog = '';

  beforeAll(async () => {
    const created = await run(
      'cli.js',
      ['create-user', '--email', ADMIN.email, '--password', ADMIN.password, '--role', 'admin'],
      {
        DATA_DIR: dataDir,
      },
    );
    expect(created).toMatchObject({ code: 0 });
    server = spawn(process.execPath, [join(API_DIST, 'main.js'), '--demo'], {
      env: {
        ...cleanEnv(),
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
    });
    server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()));
    await waitForReady(url, server, 90_000);
  }, 120_000);

  afterAll(async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the demo registry: several jurisdictions, hundreds of records, every status', async () => {
    const jurisdictions = (await (await fetch(`${url}/api/v1/jurisdictions`)).json()) as {
      items: unknown[];
    };
    expect(jurisdictions.items.length).toBeGreaterThanOrEqual(3);
    const all = (await (await fetch(`${url}/api/v1/recruiters?pageSize=1`)).json()) as {
      total: number;
    };
    expect(all.total).toBeGreaterThanOrEqual(300);
    for (const status of EFFECTIVE_STATUSES) {
      const page = (await (
        await fetch(`${url}/api/v1/recruiters?status=${status}&pageSize=1`)
      ).json()) as { total: number };
      expect({ status, found: page.total > 0 }).toEqual({ status, found: true });
    }
  });

  it('lets the admin created from the command line log in', async () => {
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${url}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(await me.json()).toMatchObject({ email: ADMIN.email, role: 'admin' });
  });

  it('refuses a second process on the same DATA_DIR at once, in plain words', async () => {
    const started = Date.now();
    const second = await run('cli.js', ['seed-demo'], { DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('already in use by another Fair Recruit process');
    expect(Date.now() - started).toBeLessThan(15_000);
    // …and the first one is unharmed.
    expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });

  it('lists every bad setting at once and exits', async () => {
    const bad = await run('main.js', [], { DATA_DIR: dataDir, PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/PORT/);
    expect(bad.stderr).toMatch(/LOG_LEVEL/);
  });

  it('shows the usage for --help after any command, touching no database', async () => {
    const help = await run('cli.js', ['create-user', '--help'], {
      DATA_DIR: join(dataDir, 'none'),
    });
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run cli');
    expect(help.stdout).toContain('create-user');
  });

  it('restarts at once after the server was killed (SIGKILL), without a stale "in use" refusal', async () => {
    const killed = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await killed;
    server = spawn(process.execPath, [join(API_DIST, 'main.js')], {
      env: {
        ...cleanEnv(),
        DATA_DIR: dataDir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
    });
    let restartLog = '';
    server.stderr?.on('data', (d: Buffer) => (restartLog += d.toString()));
    await waitForReady(url, server, 60_000);
    // Before, the restart exited at once with "already in use" until the lock went stale (15 s).
    expect(restartLog).not.toContain('already in use');
    const demo = await fetch(`${url}/api/v1/recruiters?pageSize=1`);
    expect(((await demo.json()) as { total: number }).total).toBeGreaterThan(100);
  }, 90_000);

  it('never logs a client address', () => {
    expect(serverLog).not.toMatch(/127\.0\.0\.1:\d+.*remote|remoteAddress/);
  });
});
