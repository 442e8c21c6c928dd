import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintStatus,
} from '@fair-recruit/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdParamDto } from '../../common/dto/id-param.dto.js';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';
import { ChangeStatusDto } from '../../recruiters/dto/change-status.dto.js';
import type { ComplaintAuthorityDto } from './create-complaint.dto.js';
import { EvidenceSummaryDto, TimelineEntryDto } from './complaint-view.dto.js';

export class ComplaintQueueQuery {
  @ApiPropertyOptional({ example: 'GB', description: 'Default: every jurisdiction you manage.' })
  @IsOptional()
  @IsJurisdictionCode()
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: COMPLAINT_STATUSES })
  @IsOptional()
  @IsIn(COMPLAINT_STATUSES)
  status?: ComplaintStatus;

  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORIES })
  @IsOptional()
  @IsIn(COMPLAINT_CATEGORIES)
  category?: ComplaintCategory;

  @ApiPropertyOptional() @IsOptional() @IsUUID() recruiterId?: string;

  @ApiPropertyOptional({ description: 'Only complaints received at least this many days ago.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(36500)
  olderThanDays?: number;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;
}

export class ComplaintTransitionDto {
  @ApiProperty({ enum: COMPLAINT_STATUSES })
  @IsIn(COMPLAINT_STATUSES)
  status!: ComplaintStatus;

  @ApiProperty({ description: 'Why: kept in the case file and the audit chain.' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({
    example: 'PH',
    description: 'With status "referred": the jurisdiction that takes the case over.',
  })
  @IsOptional()
  @IsJurisdictionCode()
  referTo?: string;

  @ApiPropertyOptional({
    type: ChangeStatusDto,
    description: 'With status "substantiated": the recruiter’s new status, in the same action.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ChangeStatusDto)
  recruiterStatus?: ChangeStatusDto;
}

export class EvidenceParams extends IdParamDto {
  @IsUUID('all', { message: 'evidenceId must be a UUID' }) evidenceId!: string;
}

export class ComplaintQueueItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiPropertyOptional({ nullable: true }) recruiterId!: string | null;
  @ApiPropertyOptional({ nullable: true }) recruiterName!: string | null;
  @ApiProperty() evidenceCount!: number;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'Whole days since the complaint was received.' }) ageDays!: number;
}

export class ComplaintCaseDto {
  @ApiProperty() id!: string;
  @ApiProperty() reference!: string;
  @ApiProperty() jurisdiction!: string;
  authority!: ComplaintAuthorityDto;
  @ApiProperty() status!: string;
  @ApiPropertyOptional({ nullable: true }) outcome!: string | null;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiPropertyOptional({ nullable: true }) recruiterId!: string | null;
  @ApiPropertyOptional({ nullable: true }) recruiterName!: string | null;
  @ApiPropertyOptional({ nullable: true }) reportedRecruiter!: Record<string, string> | null;
  @ApiProperty() description!: string;
  @ApiPropertyOptional({ nullable: true }) adUrl!: string | null;
  @ApiProperty() fees!: unknown[];
  @ApiPropertyOptional({ nullable: true, description: 'Decrypted for the case officer only.' })
  contact!: { name?: string; email?: string; phone?: string } | null;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ nullable: true }) closedAt!: string | null;
  @ApiProperty({ type: [TimelineEntryDto] }) timeline!: TimelineEntryDto[];
  @ApiProperty({ type: [EvidenceSummaryDto] }) evidence!: EvidenceSummaryDto[];
}
