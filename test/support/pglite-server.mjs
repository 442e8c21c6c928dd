// Serves one PGlite database over the Postgres wire protocol for a test file, in its own process
// (PGlite's WASM does not belong inside Jest's module sandbox). Started by test-database.ts.
// argv[2]: optional path of a gzipped data directory to start from (a migrated template).
// Messages: parent → { type: 'dump', path } writes the data directory to path.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { readFileSync, writeFileSync } from 'node:fs';

const from = process.argv[2];
const db = await PGlite.create({
  extensions: { pg_trgm },
  ...(from ? { loadDataDir: new Blob([readFileSync(from)]) } : {}),
});
const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 40 });
await server.start();
process.send({ type: 'ready', url: `postgres://postgres@${server.getServerConn()}/postgres` });

process.on('message', async (message) => {
  if (message?.type === 'dump') {
    const blob = await db.dumpDataDir('gzip');
    writeFileSync(message.path, Buffer.from(await blob.arrayBuffer()));
    process.send({ type: 'dumped' });
  }
});
// The parent (a Jest worker) went away: nothing else will ever use this database.
process.on('disconnect', () => process.exit(0));
