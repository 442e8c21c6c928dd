import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';

const MONTH = /^(19|2\d)\d{2}-(0[1-9]|1[0-2])$/;
const MONTH_MESSAGE = '$property must be a month written YYYY-MM';

export class RegistrationSeriesQuery {
  @ApiProperty({ example: 'GB' }) @IsJurisdictionCode() jurisdiction!: string;

  @ApiPropertyOptional({
    example: '2026-01',
    description: 'First month (default: 11 months before `to`).',
  })
  @IsOptional()
  @Matches(MONTH, { message: MONTH_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12',
    description: 'Last month, included (default: this month).',
  })
  @IsOptional()
  @Matches(MONTH, { message: MONTH_MESSAGE })
  to?: string;
}

export class RegistrationMonthDto {
  @ApiProperty({ example: '2026-03' }) month!: string;
  @ApiProperty({ description: 'The day the counts are for: the month’s last day, or today.' })
  asOf!: string;
  @ApiProperty({ description: 'Recruiters in each effective status on that day.' })
  byStatus!: Record<string, number>;
  @ApiProperty() total!: number;
}

export class RegistrationSeriesDto {
  @ApiProperty() jurisdiction!: string;
  @ApiProperty({ type: [RegistrationMonthDto] }) months!: RegistrationMonthDto[];
}
