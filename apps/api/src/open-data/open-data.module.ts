import { Module } from '@nestjs/common';
import { RecruitersModule } from '../recruiters/recruiters.module.js';
import { OpenDataController } from './open-data.controller.js';
import { RecruitersExportService } from './recruiters-export.service.js';
import { SafeguardsListController } from './safeguards-list.controller.js';
import { SafeguardsListService } from './safeguards-list.service.js';

/** Open data (the streamed registry exports) and the safeguards list in force. */
@Module({
  imports: [RecruitersModule],
  controllers: [OpenDataController, SafeguardsListController],
  providers: [RecruitersExportService, SafeguardsListService],
  exports: [SafeguardsListService],
})
export class OpenDataModule {}
