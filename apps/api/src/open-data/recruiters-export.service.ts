import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { RecruiterDto } from '../recruiters/dto/recruiter.dto.js';
import {
  PUBLIC_RECRUITER_COLUMNS,
  toRecruiterDto,
  todayUtc,
  type PublicRecruiterRow,
} from '../recruiters/recruiter.mapper.js';
import type { StatusChangeEntity } from '../recruiters/status-change.entity.js';

export type ExportFormat = 'csv' | 'json';

/** Recruiters read per query: large enough to be cheap per row, small enough to keep memory flat. */
export const EXPORT_BATCH_SIZE = 5000;
/** Records serialized per chunk: the event loop gets a turn between chunks. */
const CHUNK_SIZE = 500;

/** The CSV columns, in order; see `EXPORT_CSV_DESCRIPTION`. */
export const EXPORT_CSV_COLUMNS = [
  'id',
  'jurisdiction',
  'registrationNumber',
  'kind',
  'sector',
  'legalName',
  'tradingNames',
  'domains',
  'emailDomains',
  'phones',
  'addressStreet',
  'addressCity',
  'addressRegion',
  'addressPostalCode',
  'addressCountry',
  'authorizedFrom',
  'authorizedUntil',
  'conditions',
  'status',
  'effectiveStatus',
  'statusChangedAt',
  'updatedAt',
  'history',
] as const;

export const EXPORT_CSV_DESCRIPTION =
  'RFC 4180 CSV in UTF-8 with a header row, one row per recruiter, ordered by id. Columns: ' +
  `${EXPORT_CSV_COLUMNS.join(', ')}. ` +
  '`tradingNames`, `domains`, `emailDomains` and `phones` are JSON arrays of strings; the postal ' +
  'address is split into the five `address*` columns; `history` is a JSON array of the status ' +
  'changes, oldest first, each `{"fromStatus","toStatus","reason","reference","changedAt"}` ' +
  '(`fromStatus` null for the registration, `changedAt` ISO 8601 UTC). An empty cell is a null value.';

type HistoryRow = Pick<
  StatusChangeEntity,
  'recruiterId' | 'fromStatus' | 'toStatus' | 'reason' | 'decisionReference' | 'changedAt'
>;

/** Public columns only: internal notes and the version never leave the database here. */
function batchSql(after: string | null, jurisdiction: string | undefined, limit: number) {
  const params: unknown[] = [];
  const where: string[] = [];
  if (after !== null) where.push(`id > $${params.push(after)}`);
  if (jurisdiction !== undefined) where.push(`jurisdiction = $${params.push(jurisdiction)}`);
  const sql = `SELECT ${PUBLIC_RECRUITER_COLUMNS}
    FROM recruiters ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY id LIMIT $${params.push(limit)}`;
  return { sql, params };
}

const HISTORY_SQL = `SELECT recruiter_id AS "recruiterId", from_status AS "fromStatus", to_status AS "toStatus",
    reason, decision_reference AS "decisionReference", changed_at AS "changedAt"
  FROM recruiter_status_changes WHERE recruiter_id = ANY($1::uuid[])
  ORDER BY recruiter_id, changed_at, id`;

const json = (value: unknown) => JSON.stringify(value);

export function toCsvRecord(r: RecruiterDto): string[] {
  const a = r.address ?? {};
  return [
    r.id,
    r.jurisdiction,
    r.registrationNumber,
    r.kind,
    r.sector,
    r.legalName,
    json(r.tradingNames),
    json(r.domains),
    json(r.emailDomains),
    json(r.phones),
    a.street ?? '',
    a.city ?? '',
    a.region ?? '',
    a.postalCode ?? '',
    a.country ?? '',
    r.authorizedFrom ?? '',
    r.authorizedUntil ?? '',
    r.conditions ?? '',
    r.status,
    r.effectiveStatus,
    r.statusChangedAt,
    r.updatedAt,
    json(r.history ?? []),
  ];
}

function* slices<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function* csvChunks(batches: AsyncIterable<RecruiterDto[]>): AsyncGenerator<string> {
  yield stringify([[...EXPORT_CSV_COLUMNS]]);
  for await (const batch of batches) {
    for (const slice of slices(batch, CHUNK_SIZE)) yield stringify(slice.map(toCsvRecord));
  }
}

async function* jsonChunks(batches: AsyncIterable<RecruiterDto[]>): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    for (const slice of slices(batch, CHUNK_SIZE)) {
      const items = slice.map(json).join(',\n');
      yield first ? `\n${items}` : `,\n${items}`;
      first = false;
    }
  }
  yield first ? ']' : '\n]\n';
}

/**
 * The open-data export of the registry: every record with its public fields and its history,
 * streamed. Records are read in keyset batches ordered by id, each batch on a connection taken
 * from the pool and given back, so a slow download holds no connection and memory stays flat
 * whatever the registry's size. Each batch is read as it stands when read: a record changed
 * during a long download shows its new state if its batch had not been read yet.
 */
@Injectable()
export class RecruitersExportService {
  /** Recruiters per query; tests lower it to cross batch boundaries with a few records. */
  batchSize = EXPORT_BATCH_SIZE;
  private readonly logger = new Logger(RecruitersExportService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Reads the first batch before answering, so that a database failure is a proper error
   * response rather than a cut-off download.
   */
  async open(format: ExportFormat, jurisdiction?: string): Promise<Readable> {
    const first = await this.batch(null, jurisdiction);
    const batches = this.batches(first, jurisdiction);
    const chunks = format === 'csv' ? csvChunks(batches) : jsonChunks(batches);
    // Byte mode with a small high-water mark: the generator runs only as the client reads.
    const stream = Readable.from(chunks, { objectMode: false, highWaterMark: 64 * 1024 });
    // Past the headers a failure can only cut the download short; Fastify's logger is off, so
    // it is logged here (the database's message, no record data).
    stream.on('error', (error) => this.logger.error(`export cut short: ${error.message}`));
    return stream;
  }

  fileName(format: ExportFormat, jurisdiction?: string): string {
    return `recruiters-${jurisdiction ? `${jurisdiction}-` : ''}${todayUtc()}.${format}`;
  }

  private async *batches(
    first: RecruiterDto[],
    jurisdiction: string | undefined,
  ): AsyncGenerator<RecruiterDto[]> {
    let batch = first;
    while (batch.length > 0) {
      yield batch;
      if (batch.length < this.batchSize) return;
      batch = await this.batch(batch[batch.length - 1].id, jurisdiction);
    }
  }

  private async batch(after: string | null, jurisdiction?: string): Promise<RecruiterDto[]> {
    // Served by a read replica when DATABASE_READ_URLS is set, as the public lookups are.
    const runner = this.db.createQueryRunner('slave');
    try {
      const { sql, params } = batchSql(after, jurisdiction, this.batchSize);
      const rows = (await runner.query(sql, params)) as PublicRecruiterRow[];
      if (rows.length === 0) return [];
      const changes = (await runner.query(HISTORY_SQL, [rows.map((r) => r.id)])) as HistoryRow[];
      const history = new Map<string, HistoryRow[]>();
      for (const change of changes) {
        const list = history.get(change.recruiterId);
        if (list) list.push(change);
        else history.set(change.recruiterId, [change]);
      }
      return rows.map((row) => toRecruiterDto(row, history.get(row.id) ?? []));
    } finally {
      await runner.release();
    }
  }
}
