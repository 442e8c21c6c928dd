import {
  EFFECTIVE_STATUSES,
  RECRUITER_KINDS,
  type EffectiveStatus,
  type RecruiterKind,
} from '@fair-recruit/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
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

  @ApiPropertyOptional({
    type: String,
    example: 'GB',
    description:
      'One registry, or several separated by commas (`GB,IE`): a regulator of several sees them together.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => jurisdictionList(value))
  @IsArray({ message: 'jurisdiction must be one code or codes separated by commas' })
  @ArrayMaxSize(250)
  @IsJurisdictionCode({ each: true })
  jurisdiction?: string[];

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

/** `GB`, `GB,IE` or a repeated parameter, as a list of codes; anything else is left to fail. */
function jurisdictionList(value: unknown): unknown {
  const parts = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(parts) || !parts.every((part) => typeof part === 'string')) return value;
  return [...new Set(parts.flatMap((part: string) => part.split(',')))];
}
