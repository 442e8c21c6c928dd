import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ComplaintEventEntity } from '../complaint-event.entity.js';
import type { ComplaintEvidenceEntity } from '../complaint-evidence.entity.js';
import { ComplaintAuthorityDto } from './create-complaint.dto.js';

export class TimelineEntryDto {
  @ApiProperty() at!: string;
  @ApiProperty({ enum: ['submitted', 'status_changed', 'referred', 'message', 'evidence_added'] })
  kind!: string;
  @ApiProperty({ enum: ['complainant', 'regulator'] }) by!: string;
  @ApiPropertyOptional() status?: string;
  @ApiPropertyOptional({ description: 'For a referral: the jurisdiction that now handles it.' })
  jurisdiction?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional() evidenceId?: string;
}

export class EvidenceSummaryDto {
  @ApiProperty() id!: string;
  @ApiPropertyOptional({ nullable: true }) fileName!: string | null;
  @ApiProperty() contentType!: string;
  @ApiProperty() size!: number;
  @ApiProperty({ description: 'SHA-256 of the file as stored (image metadata removed).' })
  sha256!: string;
  @ApiProperty({ description: 'SHA-256 of the file as it was uploaded.' }) receivedSha256!: string;
  @ApiProperty({ enum: ['complainant', 'regulator'] }) addedBy!: string;
  @ApiProperty() addedAt!: string;
}

/** What the complainant sees with reference + receipt code: no regulator-internal reasons. */
export class ComplaintFollowUpDto {
  @ApiProperty() reference!: string;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({
    nullable: true,
    description:
      'The decision the case ended with (substantiated, unsubstantiated, referred, withdrawn), as the timeline shows it; null while none is taken.',
  })
  outcome!: string | null;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ type: ComplaintAuthorityDto }) authority!: ComplaintAuthorityDto;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiPropertyOptional({ nullable: true }) recruiterName!: string | null;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({ type: [EvidenceSummaryDto] }) evidence!: EvidenceSummaryDto[];
}

export function toTimelineEntry(event: ComplaintEventEntity, withReason: false): TimelineEntryDto;
export function toTimelineEntry(
  event: ComplaintEventEntity,
  withReason: true,
): TimelineEntryDto & { reason?: string; actorUserId?: string };
export function toTimelineEntry(event: ComplaintEventEntity, withReason: boolean) {
  const entry: TimelineEntryDto & { reason?: string; actorUserId?: string } = {
    at: event.occurredAt.toISOString(),
    kind: event.kind,
    by: event.actor,
  };
  if (event.toStatus) entry.status = event.toStatus;
  if (event.kind === 'referred' && event.toJurisdiction) entry.jurisdiction = event.toJurisdiction;
  if (event.message) entry.message = event.message;
  if (event.evidenceId) entry.evidenceId = event.evidenceId;
  if (withReason) {
    if (event.reason) entry.reason = event.reason;
    if (event.actorUserId) entry.actorUserId = event.actorUserId;
  }
  return entry;
}

export function toEvidenceSummary(evidence: ComplaintEvidenceEntity): EvidenceSummaryDto {
  return {
    id: evidence.id,
    fileName: evidence.fileName,
    contentType: evidence.contentType,
    size: evidence.sizeBytes,
    sha256: evidence.sha256,
    receivedSha256: evidence.receivedSha256,
    addedBy: evidence.addedBy,
    addedAt: evidence.addedAt.toISOString(),
  };
}
