// The baseline of the search benchmark: a bare Fastify + pg server that runs exactly the SQL the
// API runs (built by the API's own `searchSql`, then the page's rows by id with its PAGE_ROWS_SQL),
// with no Nest, no validation pipe, no TypeORM and no DTO mapping. Started by search.bench.js as a child process:
//   DATABASE_URL=postgres://... PORT=3101 POOL_SIZE=10 node test/bench/bare-server.js
import Fastify from 'fastify';
import pg from 'pg';
import {
  PAGE_ROWS_SQL,
  searchSql,
} from '../../apps/api/dist/recruiters/recruiters-search.service.js';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
});
const app = Fastify({ logger: false });

app.get('/health/live', async () => ({ status: 'ok' }));

app.get('/api/v1/recruiters', async (request) => {
  const { q, registrationNumber } = request.query;
  const query = { page: 1, pageSize: 20 };
  if (typeof q === 'string') query.q = q;
  if (typeof registrationNumber === 'string') query.registrationNumber = registrationNumber;
  // Page 1 only, so the API's count-past-the-last-page statement is never needed here.
  const plan = searchSql(query);
  let { rows } = await pool.query(plan.sql, plan.params);
  if (rows.length === 0 && plan.fallback)
    ({ rows } = await pool.query(plan.fallback.sql, plan.fallback.params));
  const total = rows.length > 0 ? Number(rows[0].total) : 0;
  const found = rows.length ? (await pool.query(PAGE_ROWS_SQL, [rows.map((r) => r.id)])).rows : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const items = rows.flatMap((row) => {
    const r = byId.get(row.id);
    return r ? [row.score === null ? r : { ...r, score: Math.min(1, Number(row.score)) }] : [];
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
});

await app.listen({ port: Number(process.env.PORT ?? 3101), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
