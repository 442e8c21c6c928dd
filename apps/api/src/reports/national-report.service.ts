import { COMPLAINT_CATEGORIES, RECRUITER_KINDS, SECTORS } from '@fair-recruit/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { canRead, type Principal } from '../auth/principal.js';
import { forbidden, invalidInput, notFound } from '../common/domain-error.js';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity.js';
import { todayUtc } from '../recruiters/recruiter.mapper.js';
import type { NationalReportDto } from './dto/national-report.dto.js';

export interface ReportPeriod {
  jurisdiction: string;
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** Whose last recorded status before the end of the period was `authorized`, within its dates. */
const AUTHORIZED_SQL = `SELECT r.kind, r.sector, count(*)::int AS n
  FROM recruiters r
  CROSS JOIN LATERAL (
    SELECT sc.to_status FROM recruiter_status_changes sc
     WHERE sc.recruiter_id = r.id AND sc.changed_at < $2
     ORDER BY sc.changed_at DESC LIMIT 1
  ) AS last
  WHERE r.jurisdiction = $1 AND last.to_status = 'authorized'
    AND (r.authorized_from IS NULL OR r.authorized_from <= $3::date)
    AND (r.authorized_until IS NULL OR r.authorized_until >= $3::date)
  GROUP BY r.kind, r.sector`;

const DECISIONS_SQL = `SELECT sc.from_status AS "from", sc.to_status AS "to", sc.carried_over AS "carriedOver",
    count(*)::int AS n
  FROM recruiter_status_changes sc JOIN recruiters r ON r.id = sc.recruiter_id
  WHERE r.jurisdiction = $1 AND sc.changed_at >= $2 AND sc.changed_at < $3
  GROUP BY 1, 2, 3`;

/**
 * Complaints filed with the authority in the period: those whose first jurisdiction was this
 * one (a referral moves a case; the first referral's origin is where it was filed).
 */
const FILED_SQL = `WITH filed AS (
    SELECT c.categories FROM complaints c
    LEFT JOIN LATERAL (
      SELECT e.from_jurisdiction FROM complaint_events e
       WHERE e.complaint_id = c.id AND e.kind = 'referred' ORDER BY e.id LIMIT 1
    ) AS first_referral ON true
    WHERE c.received_at >= $2 AND c.received_at < $3
      AND COALESCE(first_referral.from_jurisdiction, c.jurisdiction) = $1
  )
  SELECT NULL AS category, count(*)::int AS n FROM filed
  UNION ALL
  SELECT category, count(*)::int FROM filed, unnest(categories) AS category GROUP BY category`;

const REFERRALS_SQL = `SELECT count(*) FILTER (WHERE e.from_jurisdiction = $1)::int AS "sent",
    count(*) FILTER (WHERE e.to_jurisdiction = $1)::int AS "received"
  FROM complaint_events e
  WHERE e.kind = 'referred' AND e.occurred_at >= $2 AND e.occurred_at < $3
    AND (e.from_jurisdiction = $1 OR e.to_jurisdiction = $1)`;

/** A decided case never moves again (only `closed` follows), so it belongs where it is now. */
const OUTCOMES_SQL = `SELECT e.to_status AS outcome, count(*)::int AS n
  FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id
  WHERE c.jurisdiction = $1 AND e.kind = 'status_changed'
    AND e.to_status IN ('substantiated', 'unsubstantiated', 'referred', 'withdrawn')
    AND e.occurred_at >= $2 AND e.occurred_at < $3
  GROUP BY e.to_status`;

const CLOSED_SQL = `SELECT count(*)::int AS n,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - received_at) / 86400) AS median
  FROM complaints
  WHERE jurisdiction = $1 AND closed_at >= $2 AND closed_at < $3`;

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

/**
 * The figures a Member State reports on recruiter regulation (draft Code Art. 7, 8.2, 10.1) for
 * one jurisdiction and a period of whole UTC days: the authorized recruiters at its end, the
 * registrations and decisions in it, and the complaints received and decided in it.
 */
@Injectable()
export class NationalReportService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async report(principal: Principal, query: ReportPeriod): Promise<NationalReportDto> {
    if (query.to < query.from) {
      throw invalidInput([{ field: 'to', message: `to must not be before from (${query.from})` }]);
    }
    if (!canRead(principal, query.jurisdiction)) {
      throw forbidden(`Your account does not report for ${query.jurisdiction}.`);
    }
    const jurisdiction = await this.db.manager.findOneBy(JurisdictionEntity, {
      code: query.jurisdiction,
    });
    if (!jurisdiction) {
      throw notFound('jurisdiction', `No registry for ${query.jurisdiction} is kept here.`);
    }
    const start = `${query.from}T00:00:00Z`;
    const end = new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS).toISOString();
    const today = todayUtc();
    const asOf = query.to < today ? query.to : today;
    const period = [query.jurisdiction, start, end];
    const [authorized, decisions, filed, referrals, outcomes, closed] = await Promise.all([
      this.db.query<{ kind: string; sector: string; n: number }[]>(AUTHORIZED_SQL, [
        query.jurisdiction,
        end,
        asOf,
      ]),
      this.db.query<{ from: string | null; to: string; carriedOver: boolean; n: number }[]>(
        DECISIONS_SQL,
        period,
      ),
      this.db.query<{ category: string | null; n: number }[]>(FILED_SQL, period),
      this.db.query<{ sent: number; received: number }[]>(REFERRALS_SQL, period),
      this.db.query<{ outcome: string; n: number }[]>(OUTCOMES_SQL, period),
      this.db.query<{ n: number; median: number | string | null }[]>(CLOSED_SQL, period),
    ]);

    const byKind = zeros(RECRUITER_KINDS);
    const bySector = zeros(SECTORS);
    for (const row of authorized) {
      byKind[row.kind] += row.n;
      bySector[row.sector] += row.n;
    }
    const count = (test: (d: (typeof decisions)[number]) => boolean) =>
      decisions.filter((d) => !d.carriedOver && test(d)).reduce((sum, d) => sum + d.n, 0);
    const byCategory = zeros(COMPLAINT_CATEGORIES);
    for (const row of filed) if (row.category !== null) byCategory[row.category] = row.n;
    const outcome = (name: string) => outcomes.find((o) => o.outcome === name)?.n ?? 0;
    const median = closed[0]?.median;

    return {
      jurisdiction: jurisdiction.code,
      jurisdictionName: jurisdiction.name,
      authority: jurisdiction.authorityName,
      period: { from: query.from, to: query.to },
      generatedAt: new Date().toISOString(),
      recruiters: {
        authorized: {
          asOf,
          total: authorized.reduce((sum, row) => sum + row.n, 0),
          byKind,
          bySector,
        },
        newRegistrations: count((d) => d.from === null),
        authorizationsGranted: count((d) => d.from === 'pending' && d.to === 'authorized'),
        sanctions: {
          suspensions: count((d) => d.to === 'suspended'),
          revocations: count((d) => d.to === 'revoked'),
          refusals: count((d) => d.to === 'refused'),
        },
        reinstatements: count((d) => d.from === 'suspended' && d.to === 'authorized'),
        imported: decisions
          .filter((d) => d.carriedOver && d.from === null)
          .reduce((sum, d) => sum + d.n, 0),
      },
      complaints: {
        received: filed.find((row) => row.category === null)?.n ?? 0,
        byCategory,
        referralsReceived: referrals[0]?.received ?? 0,
        substantiated: outcome('substantiated'),
        unsubstantiated: outcome('unsubstantiated'),
        referred: outcome('referred'),
        referredToOtherJurisdiction: referrals[0]?.sent ?? 0,
        withdrawn: outcome('withdrawn'),
        closed: closed[0]?.n ?? 0,
        medianDaysToClose:
          median === null || median === undefined ? null : Math.round(Number(median) * 10) / 10,
      },
    };
  }

  fileName(report: NationalReportDto, format: 'csv' | 'json'): string {
    return `national-report-${report.jurisdiction}-${report.period.from}-${report.period.to}.${format}`;
  }
}

/** One figure per row, named by its path in the JSON (`complaints.byCategory.worker_fees`). */
export function nationalReportCsv(report: NationalReportDto): string {
  const rows: (string | number)[][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) walk(`${prefix}.${key}`, child);
    } else {
      rows.push([prefix, value === null || value === undefined ? '' : (value as string | number)]);
    }
  };
  walk('recruiters', report.recruiters);
  walk('complaints', report.complaints);
  const { jurisdiction, period } = report;
  return stringify([
    ['jurisdiction', 'from', 'to', 'figure', 'value'],
    ...rows.map(([figure, value]) => [jurisdiction, period.from, period.to, figure, value]),
  ]);
}
