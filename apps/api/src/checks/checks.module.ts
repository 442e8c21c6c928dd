import { Module } from '@nestjs/common';
import { OpenDataModule } from '../open-data/open-data.module.js';
import { RecruitersModule } from '../recruiters/recruiters.module.js';
import { ChecksController } from './checks.controller.js';
import { ChecksService } from './checks.service.js';

@Module({
  imports: [RecruitersModule, OpenDataModule],
  controllers: [ChecksController],
  providers: [ChecksService],
})
export class ChecksModule {}
