import { effectiveStatus } from '@fair-recruit/domain';
import type { RecruiterDto, RecruiterPrivateDto, StatusChangeDto } from './dto/recruiter.dto.js';
import type { RecruiterEntity } from './recruiter.entity.js';
import type { StatusChangeEntity } from './status-change.entity.js';

export const todayUtc = () => new Date().toISOString().slice(0, 10);

export function toStatusChangeDto(
  change: Pick<
    StatusChangeEntity,
    'fromStatus' | 'toStatus' | 'reason' | 'decisionReference' | 'changedAt'
  >,
): StatusChangeDto {
  return {
    fromStatus: change.fromStatus,
    toStatus: change.toStatus,
    reason: change.reason,
    reference: change.decisionReference,
    changedAt: change.changedAt.toISOString(),
  };
}

/** What the public view reads of a recruiter: an entity, or a row of `PUBLIC_RECRUITER_COLUMNS`. */
export type PublicRecruiterRow = Pick<
  RecruiterEntity,
  | 'id'
  | 'jurisdiction'
  | 'registrationNumber'
  | 'kind'
  | 'sector'
  | 'legalName'
  | 'tradingNames'
  | 'domains'
  | 'emailDomains'
  | 'phones'
  | 'address'
  | 'authorizedFrom'
  | 'authorizedUntil'
  | 'conditions'
  | 'status'
  | 'statusChangedAt'
  | 'updatedAt'
>;

/**
 * The select list for `PublicRecruiterRow` in plain SQL, where entity hydration would cost more
 * than the query (search pages, exports): dates as ISO days, like TypeORM gives them.
 */
export const PUBLIC_RECRUITER_COLUMNS = `id, jurisdiction, registration_number AS "registrationNumber", kind, sector,
  legal_name AS "legalName", trading_names AS "tradingNames", domains, email_domains AS "emailDomains", phones, address,
  authorized_from::text AS "authorizedFrom", authorized_until::text AS "authorizedUntil", conditions, status,
  status_changed_at AS "statusChangedAt", updated_at AS "updatedAt"`;

export function toRecruiterDto(
  entity: PublicRecruiterRow,
  history?: Pick<
    StatusChangeEntity,
    'fromStatus' | 'toStatus' | 'reason' | 'decisionReference' | 'changedAt'
  >[],
): RecruiterDto {
  return {
    id: entity.id,
    jurisdiction: entity.jurisdiction,
    registrationNumber: entity.registrationNumber,
    kind: entity.kind,
    sector: entity.sector,
    legalName: entity.legalName,
    tradingNames: entity.tradingNames,
    domains: entity.domains,
    emailDomains: entity.emailDomains,
    phones: entity.phones,
    address: entity.address,
    authorizedFrom: entity.authorizedFrom,
    authorizedUntil: entity.authorizedUntil,
    conditions: entity.conditions,
    status: entity.status,
    effectiveStatus: effectiveStatus(entity.status, entity.authorizedUntil, todayUtc()),
    statusChangedAt: entity.statusChangedAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    ...(history ? { history: history.map(toStatusChangeDto) } : {}),
  };
}

export function toRecruiterPrivateDto(
  entity: RecruiterEntity,
  history?: StatusChangeEntity[],
): RecruiterPrivateDto {
  return {
    ...toRecruiterDto(entity, history),
    internalNotes: entity.internalNotes,
    version: entity.version,
  };
}
