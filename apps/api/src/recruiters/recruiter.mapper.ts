import { effectiveStatus } from '@fair-recruit/domain';
import type { RecruiterDto, RecruiterPrivateDto, StatusChangeDto } from './dto/recruiter.dto.js';
import type { RecruiterEntity } from './recruiter.entity.js';
import type { StatusChangeEntity } from './status-change.entity.js';

export const todayUtc = () => new Date().toISOString().slice(0, 10);

export function toStatusChangeDto(change: StatusChangeEntity): StatusChangeDto {
  return {
    fromStatus: change.fromStatus,
    toStatus: change.toStatus,
    reason: change.reason,
    reference: change.decisionReference,
    changedAt: change.changedAt.toISOString(),
  };
}

export function toRecruiterDto(
  entity: RecruiterEntity,
  history?: StatusChangeEntity[],
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
