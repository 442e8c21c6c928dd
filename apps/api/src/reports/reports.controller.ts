import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import {
  NationalReportCsvQuery,
  NationalReportDto,
  NationalReportQuery,
} from './dto/national-report.dto.js';
import { nationalReportCsv, NationalReportService } from './national-report.service.js';
import { RegistrationSeriesDto, RegistrationSeriesQuery } from './dto/registration-series.dto.js';
import { RegistrationSeriesService } from './registration-series.service.js';

const CSV_DESCRIPTION =
  'CSV with the columns jurisdiction, from, to, figure, value: one figure per row, named by its path in the JSON answer (`complaints.byCategory.worker_fees`).';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: NationalReportService,
    private readonly series: RegistrationSeriesService,
  ) {}

  @Get('registrations')
  @RequireRole('admin', 'regulator', 'observer')
  @ApiOperation({
    summary: 'Recruiters by status at the end of each month (the dashboard chart)',
    description:
      'Read from the status history: each month counts every record by the status it had on the month’s last day (or today), `expired` when its authorization had ended.',
  })
  @ApiOkResponse({ type: RegistrationSeriesDto })
  registrations(
    @Query() query: RegistrationSeriesQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegistrationSeriesDto> {
    void reply.header('Cache-Control', 'no-store');
    return this.series.series(principal, query);
  }

  @Get('national')
  @RequireRole('admin', 'regulator', 'observer')
  @ApiOperation({
    summary: 'The national reporting figures of a jurisdiction for a period (JSON, or CSV)',
    description: `Periods are whole UTC days, \`to\` included. \`format=csv\`: ${CSV_DESCRIPTION}`,
  })
  @ApiOkResponse({ type: NationalReportDto })
  async national(
    @Query() { format, ...query }: NationalReportQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NationalReportDto | string> {
    const report = await this.reports.report(principal, query);
    void reply.header('Cache-Control', 'no-store');
    return format === 'csv' ? this.csv(report, reply) : report;
  }

  @Get('national.csv')
  @RequireRole('admin', 'regulator', 'observer')
  @ApiOperation({ summary: 'The national reporting figures as CSV', description: CSV_DESCRIPTION })
  @ApiProduces('text/csv')
  async nationalCsv(
    @Query() query: NationalReportCsvQuery,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    void reply.header('Cache-Control', 'no-store');
    return this.csv(await this.reports.report(principal, query), reply);
  }

  private csv(report: NationalReportDto, reply: FastifyReply): string {
    void reply
      .type('text/csv; charset=utf-8')
      .header(
        'Content-Disposition',
        `attachment; filename="${this.reports.fileName(report, 'csv')}"`,
      );
    return nationalReportCsv(report);
  }
}
