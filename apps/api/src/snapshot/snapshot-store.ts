import type { RecruiterKind, StoredStatus } from '@fair-recruit/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One recruiter as the snapshot needs it, straight from `SNAPSHOT_ROWS_SQL`. */
export interface SnapshotRow {
  jurisdiction: string;
  registrationKey: string;
  registrationNumber: string;
  kind: RecruiterKind;
  legalName: string;
  tradingNames: string[];
  domains: string[];
  emailDomains: string[];
  phones: string[];
  status: StoredStatus;
  /** `YYYY-MM-DD`. */
  authorizedFrom: string | null;
  authorizedUntil: string | null;
  /** The UTC day of the latest status change: the badge shows the day, and a day is smaller. */
  statusChangedAt: string;
  /** The reason given for the latest status change. */
  statusReason: string | null;
}

/**
 * Every recruiter of every status, public fields only, in the order the snapshot is written
 * (jurisdiction, legal name, registration), so the builder's sort finds it already sorted. One plain
 * statement rather than entity hydration: it reads the whole registry, a million rows at scale.
 */
export const SNAPSHOT_ROWS_SQL = `SELECT r.jurisdiction, r.registration_key AS "registrationKey",
  r.registration_number AS "registrationNumber", r.kind, r.legal_name AS "legalName",
  r.trading_names AS "tradingNames", r.domains, r.email_domains AS "emailDomains", r.phones, r.status,
  r.authorized_from::text AS "authorizedFrom", r.authorized_until::text AS "authorizedUntil",
  to_char(r.status_changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "statusChangedAt",
  latest.reason AS "statusReason"
  FROM recruiters r
  LEFT JOIN LATERAL (
    SELECT c.reason FROM recruiter_status_changes c WHERE c.recruiter_id = r.id
    ORDER BY c.changed_at DESC, c.id DESC LIMIT 1
  ) latest ON true
  ORDER BY r.jurisdiction, r.legal_name COLLATE "C", r.registration_key COLLATE "C"`;

export interface SnapshotVersionRow {
  version: number;
  generatedAt: Date;
  expiresAt: Date;
  contentHash: string;
}

interface RawVersionRow {
  version: string;
  generatedAt: Date;
  expiresAt: Date;
  contentHash: string;
}

/** Any constant: serializes version allocation between API instances sharing a database. */
const VERSION_LOCK = 4_735_011;

/**
 * What the snapshot reads and writes in the database, in plain SQL. Reads go to the primary: a
 * rebuild follows a commit there, and a lagging replica would publish the registry without it.
 */
@Injectable()
export class SnapshotStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  rows(): Promise<SnapshotRow[]> {
    return this.db.query<SnapshotRow[]>(SNAPSHOT_ROWS_SQL);
  }

  async jurisdictions(): Promise<string[]> {
    const rows = await this.db.query<{ code: string }[]>(
      `SELECT code FROM jurisdictions ORDER BY code`,
    );
    return rows.map((row) => row.code);
  }

  async latestVersion(): Promise<number | null> {
    const [row] = await this.db.query<{ version: string | null }[]>(
      `SELECT max(version) AS version FROM snapshot_versions`,
    );
    return row?.version == null ? null : Number(row.version);
  }

  /**
   * The version for a content: the latest row's when it has that content and `reusable` accepts
   * it, otherwise a new row dated `now`. Under a lock, so two instances that build the same
   * content at the same time agree on one version.
   */
  async versionFor(
    contentHash: string,
    now: Date,
    validityMs: number,
    reusable: (latest: SnapshotVersionRow) => boolean,
  ): Promise<SnapshotVersionRow> {
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [VERSION_LOCK]);
      const [latest] = await manager.query<RawVersionRow[]>(
        `SELECT version, generated_at AS "generatedAt", expires_at AS "expiresAt", content_hash AS "contentHash"
         FROM snapshot_versions ORDER BY version DESC LIMIT 1`,
      );
      if (latest && latest.contentHash === contentHash) {
        const row = { ...latest, version: Number(latest.version) };
        if (reusable(row)) return row;
      }
      const [inserted] = await manager.query<RawVersionRow[]>(
        `INSERT INTO snapshot_versions (generated_at, expires_at, content_hash) VALUES ($1, $2, $3)
         RETURNING version, generated_at AS "generatedAt", expires_at AS "expiresAt", content_hash AS "contentHash"`,
        [now, new Date(now.getTime() + validityMs), contentHash],
      );
      return { ...inserted, version: Number(inserted.version) };
    });
  }
}
