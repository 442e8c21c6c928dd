import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';
import { IsCalendarDate } from '../../common/validators/registry-validators.js';

export const REPORT_FORMATS = ['json', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export class NationalReportQuery {
  @ApiProperty({ example: 'GB' }) @IsJurisdictionCode() jurisdiction!: string;

  @ApiProperty({ example: '2026-01-01', description: 'First day of the period (UTC).' })
  @IsCalendarDate()
  from!: string;

  @ApiProperty({ example: '2026-12-31', description: 'Last day of the period, included (UTC).' })
  @IsCalendarDate()
  to!: string;

  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;
}

/** The CSV route: the same query without `format`. */
export class NationalReportCsvQuery {
  @ApiProperty({ example: 'GB' }) @IsJurisdictionCode() jurisdiction!: string;
  @ApiProperty({ example: '2026-01-01' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2026-12-31' }) @IsCalendarDate() to!: string;
}

export class ReportPeriodDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class AuthorizedRecruitersDto {
  @ApiProperty({
    description:
      'The last day of the period, or today if the period has not ended: the day the count is for.',
  })
  asOf!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'recruiter, employer, both.' }) byKind!: Record<string, number>;
  @ApiProperty({ description: 'public, private.' }) bySector!: Record<string, number>;
}

export class SanctionsDto {
  @ApiProperty() suspensions!: number;
  @ApiProperty() revocations!: number;
  @ApiProperty({ description: 'Applications refused.' }) refusals!: number;
}

export class RecruiterFiguresDto {
  @ApiProperty({ type: AuthorizedRecruitersDto }) authorized!: AuthorizedRecruitersDto;
  @ApiProperty({ description: 'Applications registered in the period.' })
  newRegistrations!: number;
  @ApiProperty({ description: 'Applications granted (pending → authorized).' })
  authorizationsGranted!: number;
  @ApiProperty({ type: SanctionsDto }) sanctions!: SanctionsDto;
  @ApiProperty({ description: 'Suspensions lifted (suspended → authorized).' })
  reinstatements!: number;
  @ApiProperty({
    description:
      'Records brought in by CSV import in the period. Their registrations and first statuses restate earlier decisions and are not counted above.',
  })
  imported!: number;
}

export class ComplaintFiguresDto {
  @ApiProperty({ description: 'Complaints filed with this authority in the period.' })
  received!: number;
  @ApiProperty({ description: 'The same by category (a complaint may have several).' })
  byCategory!: Record<string, number>;
  @ApiProperty({ description: 'Complaints other authorities referred here in the period.' })
  referralsReceived!: number;
  @ApiProperty({ description: 'Decisions taken in the period.' }) substantiated!: number;
  @ApiProperty() unsubstantiated!: number;
  @ApiProperty({ description: 'Handed to a body outside the registries (police, inspectorate).' })
  referred!: number;
  @ApiProperty({ description: 'Handed to another jurisdiction’s authority.' })
  referredToOtherJurisdiction!: number;
  @ApiProperty() withdrawn!: number;
  @ApiProperty({ description: 'Cases closed in the period.' }) closed!: number;
  @ApiPropertyOptional({
    nullable: true,
    description: 'Median days from receipt to closing, of the cases closed in the period.',
  })
  medianDaysToClose!: number | null;
}

export class NationalReportDto {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty() jurisdictionName!: string;
  @ApiProperty() authority!: string;
  @ApiProperty({ type: ReportPeriodDto }) period!: ReportPeriodDto;
  @ApiProperty() generatedAt!: string;
  @ApiProperty({ type: RecruiterFiguresDto }) recruiters!: RecruiterFiguresDto;
  @ApiProperty({ type: ComplaintFiguresDto }) complaints!: ComplaintFiguresDto;
}
