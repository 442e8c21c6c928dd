import {
  COMPLAINT_CATEGORIES,
  FEE_PAYMENT_METHODS,
  type ComplaintCategory,
  type FeePaymentMethod,
} from '@fair-recruit/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCurrencyCode, IsMoneyAmount } from '../../common/validators/money-validators.js';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';
import { IsCalendarDate, IsE164Phone } from '../../common/validators/registry-validators.js';

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 10_000;
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** A recruiter that is not in the registry, described by whatever the worker knows of it. */
export class ReportedRecruiterDto {
  @ApiPropertyOptional({ example: 'Golden Gate Overseas Placement' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'recruiter.name must not be blank' })
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ example: 'https://goldengate-jobs.example' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @Matches(/^(https?:\/\/)?[^\s/$.?#][^\s]*\.[^\s]+$/i, {
    message: 'recruiter.website must be a web address such as goldengate-jobs.example',
  })
  website?: string;

  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;

  @ApiPropertyOptional({ description: 'As the worker has it; any national format.' })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 ().-]{4,30}$/, {
    message: 'recruiter.phone must be a phone number (digits, spaces, + ( ) . -)',
  })
  phone?: string;
}

export class DebtDto {
  @ApiProperty() @IsMoneyAmount() amount!: number;
  @ApiProperty({ example: 'PHP' }) @IsCurrencyCode() currency!: string;
  @ApiPropertyOptional({ description: 'Who the worker owes it to.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  owedTo?: string;
}

/** A fee charged to the worker, with what the ILO fee definition asks for. */
export class FeeDto {
  @ApiProperty({ description: 'Who charged it (the recruiter, a sub-agent, a trainer...).' })
  @IsString()
  @Matches(/\S/, { message: 'chargedBy must not be blank' })
  @MaxLength(300)
  chargedBy!: string;

  @ApiProperty({ description: 'What it was for (placement, visa, training, medical...).' })
  @IsString()
  @Matches(/\S/, { message: 'purpose must not be blank' })
  @MaxLength(500)
  purpose!: string;

  @ApiProperty({ example: 1500 }) @IsMoneyAmount() amount!: number;

  @ApiProperty({ example: 'GBP' }) @IsCurrencyCode() currency!: string;

  @ApiPropertyOptional({ example: '2026-10-01' }) @IsOptional() @IsCalendarDate() paidOn?: string;

  @ApiPropertyOptional({ enum: FEE_PAYMENT_METHODS })
  @IsOptional()
  @IsIn(FEE_PAYMENT_METHODS)
  method?: FeePaymentMethod;

  @ApiPropertyOptional({ type: DebtDto, description: 'A debt the worker took on to pay it.' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => DebtDto)
  debt?: DebtDto;
}

/** How the regulator may reach the worker. Sealed at rest; absent for an anonymous complaint. */
export class ContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional({ example: '+639171234567' }) @IsOptional() @IsE164Phone() phone?: string;
}

export class CreateComplaintDto {
  @ApiPropertyOptional({ description: 'A registered recruiter (from a lookup).' })
  @IsOptional()
  @IsUUID()
  recruiterId?: string;

  @ApiPropertyOptional({
    type: ReportedRecruiterDto,
    description: 'Or one that is not registered.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReportedRecruiterDto)
  recruiter?: ReportedRecruiterDto;

  @ApiPropertyOptional({
    example: 'GB',
    description: 'Where to send it when the recruiter is not registered (else: the ad’s country).',
  })
  @IsOptional()
  @IsJurisdictionCode()
  jurisdiction?: string;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(COMPLAINT_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(COMPLAINT_CATEGORIES, { each: true })
  categories!: ComplaintCategory[];

  @ApiProperty({ minLength: DESCRIPTION_MIN, maxLength: DESCRIPTION_MAX })
  @IsString()
  @MinLength(DESCRIPTION_MIN)
  @MaxLength(DESCRIPTION_MAX)
  @Matches(/\S/, { message: 'description must not be blank' })
  description!: string;

  @ApiPropertyOptional({ example: 'https://jobs.example/ad/123' })
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(2000)
  adUrl?: string;

  @ApiPropertyOptional({ type: [FeeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FeeDto)
  fees?: FeeDto[];

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

export class ComplaintAuthorityDto {
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true }) website!: string | null;
  @ApiPropertyOptional({ nullable: true }) email!: string | null;
}

/** The answer to a submission: the receipt code appears here once and nowhere else, ever. */
export class ComplaintReceiptDto {
  @ApiProperty({ example: 'FR-7K3M-9QX2' }) reference!: string;
  @ApiProperty({ example: 'ABCDE-FGHJK-MNPQR-STVWX', description: 'Shown once. Keep it.' })
  receipt!: string;
  @ApiProperty({ example: 'GB' }) jurisdiction!: string;
  @ApiProperty({ type: ComplaintAuthorityDto }) authority!: ComplaintAuthorityDto;
  @ApiProperty({ example: 'received' }) status!: string;
}

export class ComplaintMessageDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @Matches(/\S/, { message: 'message must not be blank' })
  @MaxLength(5000)
  message!: string;
}
