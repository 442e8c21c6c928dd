import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { openDatabase, runMigrations, withDataSource } from './database/database.js';
import { DataDirInUseError } from './database/embedded-postgres.js';
import { seedDemoIfEmpty } from './seed/demo-seed.js';

/**
 * `node main.js` serves the API; `--demo` also loads the fictional sample registry when the
 * database holds no recruiters yet. Both run pending migrations first.
 */
async function main(): Promise<void> {
  const logger = new Logger('main');
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const ran = await runMigrations(database.urls);
    if (ran.length > 0) logger.log(`migrations applied: ${ran.join(', ')}`);
    if (process.argv.includes('--demo')) {
      const seeded = await withDataSource(database.urls, (db) => seedDemoIfEmpty(db));
      logger.log(
        seeded
          ? `demo registry loaded: ${seeded.recruiters} recruiters`
          : 'demo registry already present',
      );
    }
    const app = await createApp(config, database.urls);
    await app.listen({ port: config.PORT, host: config.HOST });
    const shownHost = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    logger.log(
      `Fair Recruit API on http://${shownHost}:${config.PORT} (docs: /api/docs), database: ${database.embedded ? `embedded, ${config.DATA_DIR}` : 'PostgreSQL'}`,
    );
    const stop = async (signal: string) => {
      logger.log(`${signal}: shutting down`);
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', (s) => void stop(s));
    process.once('SIGTERM', (s) => void stop(s));
  } catch (error) {
    await database.close();
    throw error;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
