// The baseline of the complaints benchmark: a bare Fastify + pg server that writes what the API
// writes for a submission (the complaint, its "submitted" timeline entry and its idempotency
// record, in one transaction under the same advisory lock) and reads the regulator's queue with
// the same statements, but with no Nest, no validation, no argon2 receipt hash, no sealing and no
// TypeORM. Started by complaints.bench.js as a child process:
//   DATABASE_URL=postgres://... PORT=3111 POOL_SIZE=10 node test/bench/complaints-bare-server.js
import Fastify from 'fastify';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.POOL_SIZE ?? 10),
});
const app = Fastify({ logger: false });
const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const reference = () => {
  const body = Array.from(randomBytes(8), (b) => ALPHABET[b % 32]).join('');
  return `FR-${body.slice(0, 4)}-${body.slice(4)}`;
};

app.get('/health/live', async () => ({ status: 'ok' }));

app.post('/api/v1/complaints', async (request, reply) => {
  const input = request.body;
  const key = request.headers['idempotency-key'];
  const keyHash = key === undefined ? undefined : sha256(`complaints:${key}`);
  const requestHash = sha256(JSON.stringify(input));
  if (keyHash) {
    const { rows } = await pool.query(
      'SELECT response_ciphertext FROM idempotency_keys WHERE key_hash = $1',
      [keyHash],
    );
    if (rows.length) return reply.code(201).send(JSON.parse(rows[0].response_ciphertext));
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (keyHash) {
      await client.query('SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0))', [keyHash]);
    }
    const id = randomUUID();
    const answer = {
      reference: reference(),
      receipt: randomBytes(12).toString('hex'),
      jurisdiction: input.jurisdiction,
      status: 'received',
    };
    await client.query(
      `INSERT INTO complaints (id, reference, receipt_hash, jurisdiction, reported_recruiter,
         recruiter_name, categories, description, fees, status)
       VALUES ($1, $2, '$argon2id$bare', $3, $4, $5, $6, $7, $8, 'received')`,
      [
        id,
        answer.reference,
        input.jurisdiction,
        input.recruiter,
        input.recruiter?.name ?? null,
        input.categories,
        input.description,
        JSON.stringify(input.fees ?? []),
      ],
    );
    await client.query(
      `INSERT INTO complaint_events (complaint_id, kind, actor, to_status, to_jurisdiction)
       VALUES ($1, 'submitted', 'complainant', 'received', $2)`,
      [id, input.jurisdiction],
    );
    if (keyHash) {
      await client.query(
        `INSERT INTO idempotency_keys (key_hash, request_hash, complaint_id, response_ciphertext,
           response_key_id, expires_at)
         VALUES ($1, $2, $3, $4, 'bare', now() + interval '48 hours')`,
        [keyHash, requestHash, id, Buffer.from(JSON.stringify(answer))],
      );
    }
    await client.query('COMMIT');
    return reply.code(201).send(answer);
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
});

// The queue as the API reads it: the count capped at 1,000 matching rows, then the page's columns.
const QUEUE_COUNT_CAP = 1_000;
const QUEUE_COLUMNS = `id, reference, jurisdiction, recruiter_id, recruiter_name, categories, status,
  evidence_count, received_at, updated_at`;
app.get('/api/v1/regulator/complaints', async (request) => {
  const { jurisdiction = 'GB', status, category, olderThanDays } = request.query;
  const page = Number(request.query.page ?? 1);
  const pageSize = Number(request.query.pageSize ?? 50);
  const where = ['jurisdiction = $1'];
  const params = [jurisdiction];
  if (status) where.push(`status = $${params.push(status)}`);
  if (category) where.push(`categories @> ARRAY[$${params.push(category)}]::text[]`);
  if (olderThanDays) {
    where.push(`received_at <= $${params.push(new Date(Date.now() - olderThanDays * 86_400_000))}`);
  }
  const filter = where.join(' AND ');
  const rows = await pool.query(
    `SELECT ${QUEUE_COLUMNS} FROM complaints WHERE ${filter}
      ORDER BY received_at, id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    params,
  );
  const count = await pool.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM complaints WHERE ${filter} LIMIT ${QUEUE_COUNT_CAP + 1}) AS capped`,
    params,
  );
  const now = Date.now();
  return {
    items: rows.rows.map((c) => ({
      id: c.id,
      reference: c.reference,
      jurisdiction: c.jurisdiction,
      status: c.status,
      categories: c.categories,
      recruiterId: c.recruiter_id,
      recruiterName: c.recruiter_name,
      evidenceCount: c.evidence_count,
      receivedAt: c.received_at.toISOString(),
      updatedAt: c.updated_at.toISOString(),
      ageDays: Math.floor((now - c.received_at.getTime()) / 86_400_000),
    })),
    total: Math.min(count.rows[0].n, QUEUE_COUNT_CAP),
    totalCapped: count.rows[0].n > QUEUE_COUNT_CAP,
    page,
    pageSize,
  };
});

await app.listen({ port: Number(process.env.PORT ?? 3111), host: '127.0.0.1' });
process.on('SIGTERM', async () => {
  await app.close();
  await pool.end();
  process.exit(0);
});
