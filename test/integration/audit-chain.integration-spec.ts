import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options.js';
import { AuditEventEntity } from '../../apps/api/src/audit/audit-event.entity.js';
import { verifyChain } from '../../apps/api/src/audit/audit-chain.js';
import { AuditService } from '../../apps/api/src/audit/audit.service.js';

describe(AuditService.name, () => {
  let database: TestDatabase;
  let db: DataSource;
  const audit = new AuditService();

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(
      dataSourceOptions({
        primary: database.url,
        replicas: [],
        poolSize: database.kind === 'pglite' ? 1 : 8,
      }),
    );
    await db.initialize();
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  const record = (chain: string, n: number) => ({
    chain,
    actorId: null,
    action: 'test.action',
    entityType: 'test',
    entityId: `e${n}`,
    data: { n, when: new Date(Date.UTC(2026, 0, 1)) },
  });

  async function chainRows(chain: string) {
    const rows = await db
      .getRepository(AuditEventEntity)
      .find({ where: { chain }, order: { seq: 'ASC' } });
    return rows.map((r) => ({ ...r, occurredAt: r.occurredAt.toISOString() }));
  }

  it('refuses to append outside a transaction', async () => {
    await expect(audit.append(db.manager, record('T0', 0))).rejects.toThrow(/inside a transaction/);
  });

  it('keeps nothing of a transaction that rolled back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await audit.append(tx, record('T1', 1));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await chainRows('T1')).toEqual([]);
  });

  it('serializes concurrent appenders into one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        db.transaction((tx) => audit.append(tx, record('T2', n))),
      ),
    );
    const rows = await chainRows('T2');
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(verifyChain(rows)).toMatchObject({ ok: true, size: 12 });
  });

  it('hashes what reads back from the database (dates as strings)', async () => {
    await db.transaction((tx) => audit.append(tx, record('T3', 1)));
    expect(verifyChain(await chainRows('T3'))).toMatchObject({ ok: true, size: 1 });
  });

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    await db.transaction((tx) => audit.append(tx, record('T4', 1)));
    await expect(
      db.query(`UPDATE audit_events SET action = 'forged' WHERE chain = 'T4'`),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_events WHERE chain = 'T4'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    expect(await chainRows('T4')).toHaveLength(1);
  });
});
