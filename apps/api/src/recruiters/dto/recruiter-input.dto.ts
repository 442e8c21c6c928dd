import { RECRUITER_KINDS, SECTORS, type RecruiterKind, type Sector } from '@fair-recruit/domain';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';
import {
  IsCalendarDate,
  IsE164Phone,
  IsRegistrableDomain,
} from '../../common/validators/registry-validators.js';

const NAME_MAX = 300;
const TEXT_MAX = 5000;

export class AddressDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) street?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) postalCode?: string;
  @ApiPropertyOptional({ example: 'GB' }) @IsOptional() @IsJurisdictionCode() country?: string;
}

/** A registration. Optional fields accept null as "not given". */
export class CreateRecruiterDto {
  @ApiProperty({ example: 'GB' }) @IsJurisdictionCode() jurisdiction!: string;

  @ApiProperty({ example: 'GB-REC-000123' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./\-_]*$/, {
    message: 'registrationNumber may hold Latin letters, digits, spaces and . / - _',
  })
  registrationNumber!: string;

  @ApiProperty({ enum: RECRUITER_KINDS }) @IsIn(RECRUITER_KINDS) kind!: RecruiterKind;

  @ApiProperty({ enum: SECTORS }) @IsIn(SECTORS) sector!: Sector;

  @ApiProperty({ example: 'Meridian Health Staffing Ltd' })
  @IsString()
  @MinLength(1)
  @MaxLength(NAME_MAX)
  @Matches(/\p{L}|\p{N}/u, { message: 'legalName must contain a letter or digit' })
  legalName!: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/\S/, { each: true, message: 'each of tradingNames must not be blank' })
  @MaxLength(NAME_MAX, { each: true })
  tradingNames?: string[];

  @ApiPropertyOptional({ type: [String], example: ['meridian-health.example'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsRegistrableDomain({ each: true })
  domains?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsRegistrableDomain({ each: true })
  emailDomains?: string[];

  @ApiPropertyOptional({ type: [String], example: ['+442079460000'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsE164Phone({ each: true })
  phones?: string[];

  @ApiPropertyOptional({ type: AddressDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AddressDto)
  address?: AddressDto | null;

  @ApiPropertyOptional({ example: '2026-01-01', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  authorizedFrom?: string | null;

  @ApiPropertyOptional({ example: '2028-12-31', nullable: true })
  @IsOptional()
  @IsCalendarDate()
  authorizedUntil?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  conditions?: string | null;

  @ApiPropertyOptional({ nullable: true, description: 'Visible to regulators only.' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  internalNotes?: string | null;
}

/**
 * The fields a regulator may edit after registration; the jurisdiction and registration number
 * identify the record and never change. `null` clears an optional field; it is refused for
 * kind, sector and legal name, which every record must have.
 */
export class UpdateRecruiterDto extends PartialType(
  OmitType(CreateRecruiterDto, ['jurisdiction', 'registrationNumber'] as const),
  { skipNullProperties: false },
) {}
