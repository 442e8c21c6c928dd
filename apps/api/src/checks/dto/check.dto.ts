import {
  EFFECTIVE_STATUSES,
  STORED_STATUSES,
  type EffectiveStatus,
  type StoredStatus,
} from '@fair-recruit/domain';
import {
  RED_FLAG_CODES,
  type MatchedBy,
  type RedFlagCode,
  type Verdict,
} from '@fair-recruit/matching';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';

export const CHECK_TEXT_MAX = 50_000;
export const CHECK_LIST_MAX = 20;

/** A job ad as the health worker or a job site has it; at least one thing to check by. */
export class CheckRequestDto {
  @ApiPropertyOptional({ example: 'Meridian Health Staffing' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  organizationName?: string;

  @ApiPropertyOptional({ example: 'https://jobs.meridian-health.example/nurses' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], maxItems: CHECK_LIST_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CHECK_LIST_MAX)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  domains?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: CHECK_LIST_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CHECK_LIST_MAX)
  @IsString({ each: true })
  @MaxLength(254, { each: true })
  emails?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: CHECK_LIST_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CHECK_LIST_MAX)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  phones?: string[];

  @ApiPropertyOptional({ description: 'The text of the ad.', maxLength: CHECK_TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(CHECK_TEXT_MAX)
  text?: string;

  @ApiPropertyOptional({ example: 'GB', description: 'Where the job is (ISO 3166-1 alpha-2).' })
  @IsOptional()
  @IsJurisdictionCode()
  jobCountry?: string;
}

/** The public summary of a matched record. */
export class CheckRecruiterDto {
  @ApiProperty() id!: string;
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty() legalName!: string;
  @ApiProperty({ enum: STORED_STATUSES }) status!: StoredStatus;
  @ApiProperty({ enum: EFFECTIVE_STATUSES }) effectiveStatus!: EffectiveStatus;
  @ApiProperty({ nullable: true }) authorizedUntil!: string | null;
}

const MATCHED_BY: MatchedBy[] = [
  'licence',
  'domain',
  'email_domain',
  'phone',
  'name',
  'fuzzy_name',
];

export class CheckMatchDto {
  @ApiProperty({ type: CheckRecruiterDto }) recruiter!: CheckRecruiterDto;
  @ApiProperty({ enum: MATCHED_BY, description: 'The strongest evidence for this record.' })
  matchedBy!: MatchedBy;
  @ApiProperty({ description: 'Whether this match decided the verdict.' }) decisive!: boolean;
  @ApiProperty() detail!: string;
}

export class RedFlagDto {
  @ApiProperty({ enum: RED_FLAG_CODES }) code!: RedFlagCode;
  @ApiProperty({ example: 'Art. 4.8', description: 'The article of the draft WHO Code.' })
  article!: string;
  @ApiProperty() explanation!: string;
  @ApiProperty({ description: 'The words of the ad that raised the flag.' }) evidence!: string;
}

const VERDICTS: Verdict[] = ['authorized', 'not_authorized', 'possible_match', 'not_found'];

export class CheckResultDto {
  @ApiProperty({
    enum: VERDICTS,
    description:
      '`authorized` and `not_authorized` come from exact evidence (licence number, domain, phone, name); ' +
      'a similar name alone gives `possible_match`, never `not_authorized`.',
  })
  verdict!: Verdict;
  @ApiProperty({ type: [CheckMatchDto] }) matches!: CheckMatchDto[];
  @ApiProperty({ type: [String], description: 'Names for "Possible match: …".' })
  possibleMatches!: string[];
  @ApiProperty({ type: [RedFlagDto], description: 'Warnings about the ad, never accusations.' })
  redFlags!: RedFlagDto[];
  @ApiProperty() explanation!: string;
}
