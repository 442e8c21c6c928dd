import { Module } from '@nestjs/common';
import { NationalReportService } from './national-report.service.js';
import { RegistrationSeriesService } from './registration-series.service.js';
import { ReportsController } from './reports.controller.js';

/** The national reporting figures (WHO Code reporting) and the dashboard's registry series. */
@Module({
  controllers: [ReportsController],
  providers: [NationalReportService, RegistrationSeriesService],
})
export class ReportsModule {}
