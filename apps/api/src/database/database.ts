import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions, type DatabaseUrls } from './data-source-options.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface OpenDatabase {
  urls: DatabaseUrls;
  embedded: boolean;
  close(): Promise<void>;
}

export const EMBEDDED_POOL_SIZE = 1;

/** DATABASE_URL when set; otherwise PGlite under DATA_DIR, served to `pg` on a loopback port. */
export async function openDatabase(config: AppConfig): Promise<OpenDatabase> {
  if (config.DATABASE_URL) {
    return {
      urls: {
        primary: config.DATABASE_URL,
        replicas: config.DATABASE_READ_URLS,
        poolSize: config.DATABASE_POOL_SIZE,
      },
      embedded: false,
      close: async () => {},
    };
  }
  // One extra connection for the migration runner, which opens its own pool before the app does.
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.DATABASE_POOL_SIZE + 2);
  return {
    // One connection: PGlite runs one query at a time anyway, and pglite-socket's multiplexer
    // interleaves concurrent extended-protocol messages ("portal does not exist"), so the app's
    // requests queue in pg's pool instead, whole transactions at a time.
    urls: { primary: embedded.url, replicas: [], poolSize: EMBEDDED_POOL_SIZE },
    embedded: true,
    close: () => embedded.stop(),
  };
}

/** Runs pending migrations, each in its own transaction, and reports what ran. */
export async function runMigrations(urls: DatabaseUrls): Promise<string[]> {
  const db = new DataSource({ ...dataSourceOptions({ ...urls, replicas: [], poolSize: 1 }) });
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await db.destroy();
  }
}

/** A short-lived connection for commands (CLI, seeding) that do not start the HTTP app. */
export async function withDataSource<T>(
  urls: DatabaseUrls,
  work: (db: DataSource) => Promise<T>,
): Promise<T> {
  const db = new DataSource(dataSourceOptions({ ...urls, replicas: [] }));
  await db.initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}
