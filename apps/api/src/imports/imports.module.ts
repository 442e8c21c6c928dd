import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RecruitersModule } from '../recruiters/recruiters.module.js';
import { ImportsController } from './imports.controller.js';
import { RecruitersImportService } from './recruiters-import.service.js';

/** Regulators' CSV import of an existing registry. */
@Module({
  imports: [AuditModule, RecruitersModule],
  controllers: [ImportsController],
  providers: [RecruitersImportService],
})
export class ImportsModule {}
