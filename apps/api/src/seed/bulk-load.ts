import { normalizedNamesOf, normalizeLicence } from '@fair-recruit/matching';
import type { DataSource } from 'typeorm';
import { syntheticRecruiter } from './synthetic.js';

const BATCH = 2000;

/**
 * Loads N synthetic recruiters for benchmarks, straight into the tables with array-unnest inserts
 * (about 50x faster than the service path). These are not regulator actions, so they bypass the
 * audit chain on purpose: never run this against a real registry.
 */
export async function bulkLoadSynthetic(
  db: DataSource,
  {
    count,
    jurisdictions,
    onProgress,
  }: { count: number; jurisdictions: string[]; onProgress?: (done: number) => void },
): Promise<number> {
  const offsets = new Map<string, number>();
  for (const code of jurisdictions) {
    const [row] = await db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM recruiters WHERE jurisdiction = $1`,
      [code],
    );
    offsets.set(code, row?.n ?? 0);
  }
  let done = 0;
  while (done < count) {
    const size = Math.min(BATCH, count - done);
    const rows = Array.from({ length: size }, (_, k) => {
      const jurisdiction = jurisdictions[(done + k) % jurisdictions.length];
      const index = offsets.get(jurisdiction)! + 1;
      offsets.set(jurisdiction, index);
      return syntheticRecruiter(jurisdiction, index);
    });
    await db.transaction(async (tx) => {
      const ids = await tx.query<{ id: string }[]>(
        `INSERT INTO recruiters (jurisdiction, registration_number, registration_key, kind, sector, legal_name,
           trading_names, domains, email_domains, phones, authorized_from, authorized_until, status)
         SELECT j, rn, rk, k, s, ln, string_to_array(tn, '|'), string_to_array(d, '|'), string_to_array(ed, '|'),
           string_to_array(p, '|'), af::date, au::date, st
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
           $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
           AS t(j, rn, rk, k, s, ln, tn, d, ed, p, af, au, st)
         RETURNING id`,
        [
          rows.map((r) => r.jurisdiction),
          rows.map((r) => r.registrationNumber),
          rows.map((r) => normalizeLicence(r.registrationNumber)),
          rows.map((r) => r.kind),
          rows.map((r) => r.sector),
          rows.map((r) => r.legalName),
          rows.map((r) => r.tradingNames.join('|')),
          rows.map((r) => r.domains.join('|')),
          rows.map((r) => r.emailDomains.join('|')),
          rows.map((r) => r.phones.join('|')),
          rows.map((r) => r.authorizedFrom),
          rows.map((r) => r.authorizedUntil),
          rows.map((r) => r.status),
        ],
      );
      const names = rows.flatMap((r, k) =>
        normalizedNamesOf(r.legalName, r.tradingNames).map(
          (n) => [ids[k].id, n, r.jurisdiction] as const,
        ),
      );
      await tx.query(
        `INSERT INTO recruiter_names (recruiter_id, normalized, jurisdiction)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::char(2)[])`,
        [names.map((n) => n[0]), names.map((n) => n[1]), names.map((n) => n[2])],
      );
      await tx.query(
        `INSERT INTO recruiter_status_changes (recruiter_id, from_status, to_status, reason)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])`,
        [
          ids.map((i) => i.id),
          rows.map(() => null),
          rows.map((r) => r.status),
          rows.map((r) => r.statusReason),
        ],
      );
    });
    done += size;
    onProgress?.(done);
  }
  return done;
}
