import type { EffectiveStatus } from '@fair-recruit/domain';
import { normalizeLicence, normalizeName, registrableDomain } from '@fair-recruit/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import type { RecruiterPageDto } from './dto/recruiter.dto.js';
import type { SearchRecruitersQuery } from './dto/search-recruiters.query.js';
import {
  PUBLIC_RECRUITER_COLUMNS,
  toRecruiterDto,
  todayUtc,
  type PublicRecruiterRow,
} from './recruiter.mapper.js';

/** SQL for an effective status: `expired` is derived, so `authorized` excludes it. */
function statusCondition(status: EffectiveStatus, today: () => string): string {
  switch (status) {
    case 'expired':
      return `(r.status = 'authorized' AND r.authorized_until < ${today()})`;
    case 'authorized':
      return `(r.status = 'authorized' AND (r.authorized_until IS NULL OR r.authorized_until >= ${today()}))`;
    case 'pending':
    case 'refused':
    case 'suspended':
    case 'revoked':
      return `r.status = '${status}'`;
  }
}

export interface SearchStatement {
  /** Ranked page of ids: `id`, `score` (null without `q`) and `total` (window count). */
  sql: string;
  params: unknown[];
  /** Counts the hits when the page is past the last one. */
  countSql: string;
  countParams: unknown[];
}

export interface SearchSql extends SearchStatement {
  /** Run instead when the statement above finds nothing at all (total 0). */
  fallback?: SearchStatement;
}

const FAST_ARM_MAX_WORDS = 8;
/** pg_trgm's defaults for `%` and `<%`, which this database does not change. */
const SIMILARITY_THRESHOLD = 0.3;
const WORD_SIMILARITY_THRESHOLD = 0.6;

/**
 * Word sets for the fast name arm: with three words or more, every set that leaves one word out;
 * with one or two, all the words. Past FAST_ARM_MAX_WORDS words the trigram arm runs alone.
 */
function wordArms(normalizedName: string): string[][] {
  const words = [...new Set(normalizedName.split(' ').filter((w) => w.length > 0))];
  if (words.length === 0 || words.length > FAST_ARM_MAX_WORDS) return [];
  if (words.length <= 2) return [words];
  return words.map((_, i) => words.filter((__, j) => j !== i));
}

/**
 * The SQL of a public lookup, parameters only. Exported so that the search benchmark's bare
 * Fastify + pg baseline (test/bench) runs exactly the statements the API runs.
 *
 * A free-text `q` is tried as a name (trigram similarity on every normalized name, and word
 * similarity so that a name typed halfway still finds it), as a registration number and as a web
 * domain; exact number or domain hits rank first.
 *
 * Names are looked up in two steps. First the fast arm: only names holding every typed word but
 * one (so a misspelt word is forgiven), found by intersecting posting lists in the words index,
 * rarest word first, then scored and thresholded exactly as `%` and `<%` would. Only when that and
 * the exact arms find nothing (two misspelt words, a name typed in pieces) does the full trigram
 * search run: at a million names it costs hundreds of milliseconds, because names share common
 * trigrams ("health", "care") whose posting lists hold hundreds of thousands of rows.
 */
export function searchSql(query: SearchRecruitersQuery): SearchSql {
  const fast = statement(query, 'words');
  if (!fast) return statement(query, 'trigrams')!;
  return { ...fast, fallback: statement(query, 'trigrams')! };
}

function statement(
  query: SearchRecruitersQuery,
  names: 'words' | 'trigrams',
): SearchStatement | null {
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  const jurisdictions = query.jurisdiction ?? [];
  // One registry keeps the plain equality the search's plans were measured with.
  if (jurisdictions.length === 1) where.push(`r.jurisdiction = ${param(jurisdictions[0])}`);
  else if (jurisdictions.length > 1) where.push(`r.jurisdiction = ANY(${param(jurisdictions)})`);
  if (query.kind) where.push(`r.kind = ${param(query.kind)}`);
  if (query.status) where.push(statusCondition(query.status, () => param(todayUtc())));
  if (query.registrationNumber !== undefined) {
    where.push(`r.registration_key = ${param(normalizeLicence(query.registrationNumber))}`);
  }
  if (query.domain !== undefined) {
    const domain = registrableDomain(query.domain) ?? query.domain.trim().toLowerCase();
    const p = param(domain);
    where.push(`(r.domains @> ARRAY[${p}]::text[] OR r.email_domains @> ARRAY[${p}]::text[])`);
  }

  let from = 'recruiters r';
  let score = 'NULL::real';
  let order = 'r.legal_name, r.id';
  const q = query.q?.trim();
  if (!q && names === 'words') return null;
  if (q) {
    const name = normalizeName(q) || q.toLowerCase();
    const arms = wordArms(name);
    if (names === 'words' && arms.length === 0) return null;
    const key = normalizeLicence(q);
    const domain = registrableDomain(q);
    const nameP = param(name);
    const exact: string[] = [];
    if (key)
      exact.push(
        `SELECT id AS recruiter_id, 2.0::real AS score FROM recruiters WHERE registration_key = ${param(key)}`,
      );
    if (domain) {
      const p = param(domain);
      exact.push(
        `SELECT id, 2.0::real FROM recruiters WHERE domains @> ARRAY[${p}]::text[] OR email_domains @> ARRAY[${p}]::text[]`,
      );
    }
    // Both arms score alike. The fast one tests the thresholds as plain comparisons, not `%`/`<%`:
    // the planner would AND the trigram index into its scan and spend milliseconds estimating them.
    // Its score is word_similarity alone, which equals greatest(similarity, word_similarity): the
    // whole name is one of the extents word_similarity maximizes over, and it divides the shared
    // trigrams by the query's only, never by the union as similarity does. `similarity` itself is
    // computed only for a name under the word threshold (OR evaluates left to right).
    const byName =
      names === 'words'
        ? `SELECT recruiter_id, wsml AS score FROM (SELECT recruiter_id, normalized, word_similarity(${nameP}, normalized) AS wsml
            FROM recruiter_names WHERE ${arms.map((arm) => `string_to_array(normalized, ' ') @> ${param(arm)}::text[]`).join(' OR ')}
            OFFSET 0) c
          WHERE wsml >= ${WORD_SIMILARITY_THRESHOLD} OR similarity(normalized, ${nameP}) >= ${SIMILARITY_THRESHOLD}`
        : // `%` and `<%` use the GIN trigram index; the thresholds are pg_trgm's defaults (0.3, 0.6).
          `SELECT recruiter_id, greatest(similarity(normalized, ${nameP}), word_similarity(${nameP}, normalized)) AS score
          FROM recruiter_names WHERE normalized % ${nameP} OR ${nameP} <% normalized`;
    const hits = `(SELECT recruiter_id, max(score) AS score FROM (${[byName, ...exact].join(' UNION ALL ')}) u GROUP BY recruiter_id)`;
    from = `${hits} hits JOIN recruiters r ON r.id = hits.recruiter_id`;
    score = 'hits.score';
    order = 'hits.score DESC, r.legal_name, r.id';
    if (where.length === 0) {
      // Nothing to filter on: count the hits and join only the best of them (ties on the score
      // included, for the order by name) instead of every hit, which may be thousands.
      const limit = param(query.pageSize);
      const offset = param((query.page - 1) * query.pageSize);
      const sql = `SELECT r.id, hits.score, hits.total FROM (SELECT recruiter_id, score, count(*) OVER () AS total FROM ${hits} h
          ORDER BY score DESC FETCH FIRST (${offset}::int + ${limit}::int) ROWS WITH TIES) hits
        JOIN recruiters r ON r.id = hits.recruiter_id
        ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
      const countSql = `SELECT count(*) AS total FROM ${hits} h`;
      return { sql, params, countSql, countParams: params.slice(0, -2) };
    }
  }

  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sql = `SELECT r.id, ${score} AS score, count(*) OVER () AS total
    FROM ${from} ${filter}
    ORDER BY ${order} LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`;
  const countSql = `SELECT count(*) AS total FROM ${from} ${filter}`;
  return { sql, params, countSql, countParams: params.slice(0, -2) };
}

/** The page's recruiters by id ($1 uuid[]); also run by the benchmark's bare baseline. */
export const PAGE_ROWS_SQL = `SELECT ${PUBLIC_RECRUITER_COLUMNS} FROM recruiters WHERE id = ANY($1::uuid[])`;

interface RankedRow {
  id: string;
  score: number | null;
  total: string;
}

/** Public lookup: ranks with `searchSql`, then loads the page's recruiters. */
@Injectable()
export class RecruitersSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(query: SearchRecruitersQuery): Promise<RecruiterPageDto> {
    // Lookups are served by a read replica when DATABASE_READ_URLS is set (TypeORM replication);
    // without replicas the 'slave' runner is an ordinary connection of the primary's pool.
    const runner = this.db.createQueryRunner('slave');
    try {
      return await this.searchWith(runner, query);
    } finally {
      await runner.release();
    }
  }

  private async searchWith(
    db: QueryRunner,
    query: SearchRecruitersQuery,
  ): Promise<RecruiterPageDto> {
    const plan = searchSql(query);
    let { rows, total } = await this.rank(db, plan, query.page);
    if (total === 0 && plan.fallback)
      ({ rows, total } = await this.rank(db, plan.fallback, query.page));
    // One plain statement instead of the repository's `findBy`, whose entity hydration cost more
    // CPU than the lookup itself (see docs/benchmarks.md).
    const entities = rows.length
      ? ((await db.query(PAGE_ROWS_SQL, [rows.map((r) => r.id)])) as PublicRecruiterRow[])
      : [];
    const byId = new Map(entities.map((e) => [e.id, e]));
    const items = rows.flatMap((row) => {
      const entity = byId.get(row.id);
      if (!entity) return [];
      const dto = toRecruiterDto(entity);
      return [row.score === null ? dto : { ...dto, score: Math.min(1, Number(row.score)) }];
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  private async rank(db: QueryRunner, statement: SearchStatement, page: number) {
    const rows = (await db.query(statement.sql, statement.params)) as RankedRow[];
    let total = rows.length > 0 ? Number(rows[0].total) : 0;
    if (rows.length === 0 && page > 1) {
      // Past the last page the window count is lost; count separately so `total` stays true.
      const [count] = (await db.query(statement.countSql, statement.countParams)) as {
        total: string;
      }[];
      total = Number(count?.total ?? 0);
    }
    return { rows, total };
  }
}
