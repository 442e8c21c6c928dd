import {
  EFFECTIVE_STATUSES,
  RECRUITER_KINDS,
  SECTORS,
  STORED_STATUSES,
  type EffectiveStatus,
  type RecruiterKind,
  type Sector,
  type StoredStatus,
} from '@fair-recruit/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AddressDto } from './recruiter-input.dto.js';

export class StatusChangeDto {
  @ApiProperty({ enum: STORED_STATUSES, nullable: true }) fromStatus!: StoredStatus | null;
  @ApiProperty({ enum: STORED_STATUSES }) toStatus!: StoredStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ nullable: true }) reference!: string | null;
  @ApiProperty() changedAt!: string;
}

/** What anyone may read. Built field by field, so an internal field can never slip out. */
export class RecruiterDto {
  @ApiProperty() id!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty({ enum: RECRUITER_KINDS }) kind!: RecruiterKind;
  @ApiProperty({ enum: SECTORS }) sector!: Sector;
  @ApiProperty() legalName!: string;
  @ApiProperty({ type: [String] }) tradingNames!: string[];
  @ApiProperty({ type: [String] }) domains!: string[];
  @ApiProperty({ type: [String] }) emailDomains!: string[];
  @ApiProperty({ type: [String] }) phones!: string[];
  @ApiProperty({ type: AddressDto, nullable: true }) address!: AddressDto | null;
  @ApiProperty({ nullable: true }) authorizedFrom!: string | null;
  @ApiProperty({ nullable: true }) authorizedUntil!: string | null;
  @ApiProperty({ nullable: true }) conditions!: string | null;
  @ApiProperty({ enum: STORED_STATUSES, description: 'As decided by the regulator.' })
  status!: StoredStatus;
  @ApiProperty({
    enum: EFFECTIVE_STATUSES,
    description: 'What holds today: `expired` when the authorization period has ended.',
  })
  effectiveStatus!: EffectiveStatus;
  @ApiProperty() statusChangedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ type: [StatusChangeDto] }) history?: StatusChangeDto[];
}

/** The regulator's view of a record in their own registry. */
export class RecruiterPrivateDto extends RecruiterDto {
  @ApiProperty({ nullable: true }) internalNotes!: string | null;
  @ApiProperty() version!: number;
}

export class RecruiterSearchHitDto extends RecruiterDto {
  @ApiPropertyOptional({ description: 'Name similarity 0..1 when searching by name.' })
  score?: number;
}

export class RecruiterPageDto {
  @ApiProperty({ type: [RecruiterSearchHitDto] }) items!: RecruiterSearchHitDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
