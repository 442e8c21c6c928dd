import { COMPLAINT_CATEGORIES, COMPLAINT_OUTCOMES } from '@fair-recruit/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ComplaintStatsDto, JurisdictionComplaintStatsDto } from './complaint-stats.dto.js';

interface Filter {
  jurisdiction?: string;
  recruiterId?: string;
}

/** Public aggregate figures: counts and a median, never a row, a text or a date of one case. */
@Injectable()
export class ComplaintStatsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async stats(filter: Filter): Promise<ComplaintStatsDto> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.jurisdiction) {
      params.push(filter.jurisdiction);
      where.push(`jurisdiction = $${params.length}`);
    }
    if (filter.recruiterId) {
      params.push(filter.recruiterId);
      where.push(`recruiter_id = $${params.length}`);
    }
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [totals, categories, outcomes, jurisdictions] = await Promise.all([
      this.db.query<
        {
          jurisdiction: string;
          received: string;
          open: string;
          closed: string;
          median: number | null;
        }[]
      >(
        `SELECT jurisdiction,
                count(*) AS received,
                count(*) FILTER (WHERE status <> 'closed') AS open,
                count(*) FILTER (WHERE status = 'closed') AS closed,
                percentile_cont(0.5) WITHIN GROUP (
                  ORDER BY extract(epoch FROM closed_at - received_at) / 86400
                ) FILTER (WHERE closed_at IS NOT NULL) AS median
           FROM complaints ${clause} GROUP BY jurisdiction`,
        params,
      ),
      this.db.query<{ jurisdiction: string; category: string; n: string }[]>(
        `SELECT jurisdiction, category, count(*) AS n
           FROM complaints, unnest(categories) AS category ${clause}
          GROUP BY jurisdiction, category`,
        params,
      ),
      this.db.query<{ jurisdiction: string; outcome: string; n: string }[]>(
        `SELECT jurisdiction, outcome, count(*) AS n FROM complaints
          ${clause ? `${clause} AND` : 'WHERE'} outcome IS NOT NULL
          GROUP BY jurisdiction, outcome`,
        params,
      ),
      this.db.query<{ code: string }[]>(
        filter.jurisdiction
          ? `SELECT code FROM jurisdictions WHERE code = $1`
          : `SELECT code FROM jurisdictions ORDER BY code`,
        filter.jurisdiction ? [filter.jurisdiction] : [],
      ),
    ]);
    const byJurisdiction = new Map<string, JurisdictionComplaintStatsDto>(
      jurisdictions.map(({ code }) => [code, emptyStats(code)]),
    );
    for (const row of totals) {
      const stats = byJurisdiction.get(row.jurisdiction);
      if (!stats) continue;
      stats.received = Number(row.received);
      stats.open = Number(row.open);
      stats.closed = Number(row.closed);
      stats.medianDaysToClose =
        row.median === null ? null : Math.round(Number(row.median) * 10) / 10;
    }
    for (const row of categories) {
      const stats = byJurisdiction.get(row.jurisdiction);
      if (stats) stats.byCategory[row.category] = Number(row.n);
    }
    for (const row of outcomes) {
      const stats = byJurisdiction.get(row.jurisdiction);
      if (stats) stats.byOutcome[row.outcome] = Number(row.n);
    }
    return {
      generatedAt: new Date().toISOString(),
      ...(filter.recruiterId ? { recruiterId: filter.recruiterId } : {}),
      jurisdictions: [...byJurisdiction.values()],
    };
  }
}

function emptyStats(jurisdiction: string): JurisdictionComplaintStatsDto {
  return {
    jurisdiction,
    received: 0,
    open: 0,
    closed: 0,
    byCategory: Object.fromEntries(COMPLAINT_CATEGORIES.map((c) => [c, 0])),
    byOutcome: Object.fromEntries(COMPLAINT_OUTCOMES.map((o) => [o, 0])),
    medianDaysToClose: null,
  };
}
