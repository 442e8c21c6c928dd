import { Module } from '@nestjs/common';
import { NationalReportService } from './national-report.service.js';
import { ReportsController } from './reports.controller.js';

/** The national reporting figures (WHO Code reporting) for regulators and observers. */
@Module({
  controllers: [ReportsController],
  providers: [NationalReportService],
})
export class ReportsModule {}
