import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';

export class ComplaintStatsQuery {
  @ApiPropertyOptional({ example: 'GB' }) @IsOptional() @IsJurisdictionCode() jurisdiction?: string;
  @ApiPropertyOptional({ description: 'Figures about one registered recruiter.' })
  @IsOptional()
  @IsUUID()
  recruiterId?: string;
}

export class JurisdictionComplaintStatsDto {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() received!: number;
  @ApiProperty() open!: number;
  @ApiProperty() closed!: number;
  @ApiProperty({ description: 'Complaints per category (one complaint may have several).' })
  byCategory!: Record<string, number>;
  @ApiProperty({ description: 'Decisions: substantiated, unsubstantiated, referred, withdrawn.' })
  byOutcome!: Record<string, number>;
  @ApiPropertyOptional({ nullable: true, description: 'Median days from receipt to closing.' })
  medianDaysToClose!: number | null;
}

export class ComplaintStatsDto {
  @ApiProperty() generatedAt!: string;
  @ApiPropertyOptional() recruiterId?: string;
  @ApiProperty({ type: [JurisdictionComplaintStatsDto] })
  jurisdictions!: JurisdictionComplaintStatsDto[];
}
