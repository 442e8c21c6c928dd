import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';

export class DataDirInUseError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The embedded database in ${dataDir} is already in use by another Fair Recruit process. ` +
        `Stop that process, or set DATA_DIR to another folder, or DATABASE_URL to a PostgreSQL server.`,
    );
  }
}

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs PGlite (PostgreSQL in WASM) inside this process and serves it on a loopback port, so that
 * TypeORM talks to it through the ordinary `pg` driver exactly as it talks to a real server.
 * (typeorm-pglite shares one session between all connections, which breaks transaction isolation.)
 * PGlite can only be opened by one process: a lock on DATA_DIR makes a second process fail at
 * once with a plain message instead of corrupting the files.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  maxConnections: number,
): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const pgdata = join(dataDir, 'pgdata');
  const release = await lockDataDir(dataDir);
  try {
    const db = await PGlite.create(pgdata, { extensions: { pg_trgm } });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
    await server.start();
    return {
      url: `postgres://postgres@${server.getServerConn()}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        await release();
      },
    };
  } catch (error) {
    await release();
    throw error;
  }
}

const LOCK_OPTIONS = { stale: 15_000, update: 5_000, retries: 0 };

/**
 * proper-lockfile alone treats a lock as held until it is 15 s stale, so a server restarted right
 * after a crash (SIGKILL, OOM) was refused as "in use" for that long. The owner's pid is written
 * beside the lock; a lock whose owner on this host is gone is taken over at once.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockfilePath = join(dataDir, 'fair-recruit.lock');
  const ownerPath = join(dataDir, 'fair-recruit.lock.owner');
  const take = async () => {
    const release = await lockfile.lock(dataDir, { ...LOCK_OPTIONS, lockfilePath });
    writeFileSync(ownerPath, JSON.stringify({ pid: process.pid, host: hostname() }));
    return release;
  };
  try {
    return await take();
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    if (!ownerIsGone(ownerPath)) throw new DataDirInUseError(dataDir);
    rmSync(lockfilePath, { recursive: true, force: true });
    try {
      return await take();
    } catch (again) {
      if ((again as { code?: string }).code === 'ELOCKED') throw new DataDirInUseError(dataDir);
      throw again;
    }
  }
}

/** True only when the lock's owner ran on this host and no longer runs (or was a former us). */
function ownerIsGone(ownerPath: string): boolean {
  let owner: { pid?: unknown; host?: unknown };
  try {
    owner = JSON.parse(readFileSync(ownerPath, 'utf8')) as typeof owner;
  } catch {
    return false;
  }
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return false;
  // In a container the restarted server often gets the dead one's pid: then it was us.
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: string }).code === 'ESRCH';
  }
}
