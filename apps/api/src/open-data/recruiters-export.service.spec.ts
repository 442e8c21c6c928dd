import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { EXPORT_CSV_COLUMNS, RecruitersExportService } from './recruiters-export.service.js';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function row(n: number) {
  return {
    id: id(n),
    jurisdiction: 'GB',
    registrationNumber: `GB-${n}`,
    kind: 'recruiter',
    sector: 'private',
    legalName: `Firm ${n}, "quoted" Ltd`,
    tradingNames: [],
    domains: [`firm${n}.example`],
    emailDomains: [],
    phones: [],
    address: null,
    authorizedFrom: null,
    authorizedUntil: null,
    conditions: null,
    status: 'pending',
    statusChangedAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-02T00:00:00Z'),
  };
}

/** A database of `count` recruiters that answers the export's two statements. */
function fakeDb(count: number) {
  const rows = Array.from({ length: count }, (_, i) => row(i + 1));
  const stats = { runners: 0, released: 0, batches: 0 };
  const db = {
    createQueryRunner: () => {
      stats.runners++;
      return {
        query: (sql: string, params: unknown[]) => {
          if (sql.includes('recruiter_status_changes')) {
            return Promise.resolve(
              (params[0] as string[]).map((recruiterId) => ({
                recruiterId,
                fromStatus: null,
                toStatus: 'pending',
                reason: 'Application registered',
                decisionReference: null,
                changedAt: new Date('2026-01-01T00:00:00Z'),
              })),
            );
          }
          stats.batches++;
          // Ids are numbered in order: the one after `id(k)` is at index k.
          const start = params.length === 2 ? Number((params[0] as string).slice(-12)) : 0;
          return Promise.resolve(rows.slice(start, start + (params.at(-1) as number)));
        },
        release: () => {
          stats.released++;
          return Promise.resolve();
        },
      };
    },
  };
  return { db: db as unknown as DataSource, stats };
}

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe(RecruitersExportService.name, () => {
  it.each([0, 1, 2, 3, 7])('frames %i records as a JSON array across batches of 2', async (n) => {
    const { db, stats } = fakeDb(n);
    const service = new RecruitersExportService(db);
    service.batchSize = 2;
    const items = JSON.parse(await text(await service.open('json'))) as { id: string }[];
    expect(items.map((item) => item.id)).toEqual(Array.from({ length: n }, (_, i) => id(i + 1)));
    // A full last batch costs one more (empty) read; a short one ends the export.
    expect(stats.batches).toBe(Math.floor(n / 2) + 1);
    expect(stats.released).toBe(stats.runners);
  });

  it('writes a header row and quotes what CSV must quote', async () => {
    const service = new RecruitersExportService(fakeDb(3).db);
    service.batchSize = 2;
    const rows = parse<Record<string, string>>(await text(await service.open('csv')), {
      columns: true,
    });
    expect(Object.keys(rows[0])).toEqual([...EXPORT_CSV_COLUMNS]);
    expect(rows.map((r) => r.legalName)).toEqual([1, 2, 3].map((n) => `Firm ${n}, "quoted" Ltd`));
    expect(JSON.parse(rows[0].history)).toEqual([
      {
        fromStatus: null,
        toStatus: 'pending',
        reason: 'Application registered',
        reference: null,
        changedAt: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('reads no further once the client goes away, and gives every connection back', async () => {
    const { db, stats } = fakeDb(100_000);
    const service = new RecruitersExportService(db);
    service.batchSize = 10;
    const stream = await service.open('json');
    await once(stream, 'readable');
    stream.destroy();
    await sleep(20);
    const read = stats.batches;
    await sleep(50);
    expect(stats.batches).toBe(read);
    // The stream reads ahead up to its high-water mark (64 KiB), a few batches, not the export.
    expect(read).toBeLessThan(100);
    expect(stats.released).toBe(stats.runners);
  });

  it('reads ahead no further than its buffer while the client does not read', async () => {
    const { db, stats } = fakeDb(100_000);
    const service = new RecruitersExportService(db);
    service.batchSize = 10;
    const stream = await service.open('csv');
    await once(stream, 'readable');
    await sleep(100);
    expect(stats.batches).toBeLessThan(100);
    stream.destroy();
  });
});
