import type { DataSourceOptions } from 'typeorm';
import { AuditEventEntity } from '../audit/audit-event.entity.js';
import { SessionEntity } from '../auth/session.entity.js';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity.js';
import { RecruiterNameEntity } from '../recruiters/recruiter-name.entity.js';
import { RecruiterEntity } from '../recruiters/recruiter.entity.js';
import { StatusChangeEntity } from '../recruiters/status-change.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { Registry1764270000000 } from './migrations/1764270000000-registry.js';
import { RecruiterNameWords1764280000000 } from './migrations/1764280000000-recruiter-name-words.js';
import { SafeguardsList1764290000000 } from './migrations/1764290000000-safeguards-list.js';
import { SnapshotVersions1764300000000 } from './migrations/1764300000000-snapshot-versions.js';
import { Complaints1764310000000 } from './migrations/1764310000000-complaints.js';
import { CarriedOverHistory1764320000000 } from './migrations/1764320000000-carried-over-history.js';
import { ComplaintEntity } from '../complaints/complaint.entity.js';
import { ComplaintEventEntity } from '../complaints/complaint-event.entity.js';
import { ComplaintEvidenceEntity } from '../complaints/complaint-evidence.entity.js';
import { IdempotencyKeyEntity } from '../complaints/idempotency-key.entity.js';
import { SafeguardsListEditionEntity } from '../open-data/safeguards-list-edition.entity.js';

export const ENTITIES = [
  JurisdictionEntity,
  RecruiterEntity,
  RecruiterNameEntity,
  StatusChangeEntity,
  UserEntity,
  SessionEntity,
  AuditEventEntity,
  SafeguardsListEditionEntity,
  ComplaintEntity,
  ComplaintEventEntity,
  ComplaintEvidenceEntity,
  IdempotencyKeyEntity,
];

/** Listed in order; a new migration is appended here. Never `synchronize`. */
export const MIGRATIONS = [
  Registry1764270000000,
  RecruiterNameWords1764280000000,
  SafeguardsList1764290000000,
  SnapshotVersions1764300000000,
  Complaints1764310000000,
  CarriedOverHistory1764320000000,
];

export interface DatabaseUrls {
  primary: string;
  replicas: string[];
  poolSize: number;
}

export function dataSourceOptions({
  primary,
  replicas,
  poolSize,
}: DatabaseUrls): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logging: false,
    extra: { max: poolSize },
  };
  if (replicas.length === 0) return { ...common, url: primary };
  return {
    ...common,
    replication: {
      master: { url: primary },
      slaves: replicas.map((url) => ({ url })),
    },
  };
}
