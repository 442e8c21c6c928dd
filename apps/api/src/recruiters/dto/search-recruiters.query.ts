import {
  EFFECTIVE_STATUSES,
  RECRUITER_KINDS,
  type EffectiveStatus,
  type RecruiterKind,
} from '@fair-recruit/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';

export class SearchRecruitersQuery {
  @ApiPropertyOptional({
    description:
      'A name (typos, accents, word order and legal suffixes do not matter), a registration number or a web domain.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ example: 'GB' }) @IsOptional() @IsJurisdictionCode() jurisdiction?: string;

  @ApiPropertyOptional({ enum: EFFECTIVE_STATUSES })
  @IsOptional()
  @IsIn(EFFECTIVE_STATUSES)
  status?: EffectiveStatus;

  @ApiPropertyOptional({ enum: RECRUITER_KINDS })
  @IsOptional()
  @IsIn(RECRUITER_KINDS)
  kind?: RecruiterKind;

  @ApiPropertyOptional({ example: 'meridian-health.example' })
  @IsOptional()
  @IsString()
  @MaxLength(253)
  domain?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) registrationNumber?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}
