import type { EffectiveStatus } from '@fair-recruit/domain';
import { normalizeLicence, normalizeName, registrableDomain } from '@fair-recruit/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { RecruiterPageDto } from './dto/recruiter.dto.js';
import type { SearchRecruitersQuery } from './dto/search-recruiters.query.js';
import { RecruiterEntity } from './recruiter.entity.js';
import { toRecruiterDto, todayUtc } from './recruiter.mapper.js';

/** SQL for an effective status: `expired` is derived, so `authorized` excludes it. */
function statusCondition(status: EffectiveStatus, todayParam: string): string {
  switch (status) {
    case 'expired':
      return `(r.status = 'authorized' AND r.authorized_until < ${todayParam})`;
    case 'authorized':
      return `(r.status = 'authorized' AND (r.authorized_until IS NULL OR r.authorized_until >= ${todayParam}))`;
    case 'pending':
    case 'refused':
    case 'suspended':
    case 'revoked':
      return `r.status = '${status}'`;
  }
}

/**
 * Public lookup. A free-text `q` is tried as a name (trigram similarity on every normalized name,
 * and word similarity so that a name typed halfway still finds it), as a registration number and
 * as a web domain; exact number or domain hits rank first.
 */
@Injectable()
export class RecruitersSearchService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(query: SearchRecruitersQuery): Promise<RecruiterPageDto> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (query.jurisdiction) where.push(`r.jurisdiction = ${param(query.jurisdiction)}`);
    if (query.kind) where.push(`r.kind = ${param(query.kind)}`);
    if (query.status) where.push(statusCondition(query.status, param(todayUtc())));
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
    if (q) {
      const name = normalizeName(q);
      const key = normalizeLicence(q);
      const domain = registrableDomain(q);
      const nameP = param(name || q.toLowerCase());
      const exact: string[] = [];
      if (key) exact.push(`SELECT id AS recruiter_id, 2.0::real AS score FROM recruiters WHERE registration_key = ${param(key)}`);
      if (domain) {
        const p = param(domain);
        exact.push(
          `SELECT id, 2.0::real FROM recruiters WHERE domains @> ARRAY[${p}]::text[] OR email_domains @> ARRAY[${p}]::text[]`,
        );
      }
      // `%` and `<%` use the GIN trigram index; the thresholds are pg_trgm's defaults (0.3, 0.6).
      const byName = `SELECT recruiter_id, greatest(similarity(normalized, ${nameP}), word_similarity(${nameP}, normalized)) AS score
        FROM recruiter_names WHERE normalized % ${nameP} OR ${nameP} <% normalized`;
      from = `(SELECT recruiter_id, max(score) AS score FROM (${[byName, ...exact].join(' UNION ALL ')}) u GROUP BY recruiter_id) hits
        JOIN recruiters r ON r.id = hits.recruiter_id`;
      score = 'hits.score';
      order = 'hits.score DESC, r.legal_name, r.id';
    }

    const sql = `SELECT r.id, ${score} AS score, count(*) OVER () AS total
      FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY ${order} LIMIT ${param(query.pageSize)} OFFSET ${param((query.page - 1) * query.pageSize)}`;
    const rows: { id: string; score: number | null; total: string }[] = await this.db.query(sql, params);

    let total = rows.length > 0 ? Number(rows[0]!.total) : 0;
    if (rows.length === 0 && query.page > 1) {
      // Past the last page the window count is lost; count separately so `total` stays true.
      const countSql = `SELECT count(*) AS total FROM ${from} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
      const [count] = (await this.db.query(countSql, params.slice(0, -2))) as { total: string }[];
      total = Number(count?.total ?? 0);
    }
    const entities = await this.db.getRepository(RecruiterEntity).findBy({ id: In(rows.map((r) => r.id)) });
    const byId = new Map(entities.map((e) => [e.id, e]));
    const items = rows.flatMap((row) => {
      const entity = byId.get(row.id);
      if (!entity) return [];
      const dto = toRecruiterDto(entity);
      return [row.score === null ? dto : { ...dto, score: Math.min(1, Number(row.score)) }];
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
