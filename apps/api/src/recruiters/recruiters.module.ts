import { Module } from '@nestjs/common';
import { RecruitersController } from './recruiters.controller.js';
import { RecruitersSearchService } from './recruiters-search.service.js';
import { RecruitersService } from './recruiters.service.js';
import { RegistryEvents } from './registry-events.js';

@Module({
  controllers: [RecruitersController],
  providers: [RecruitersService, RecruitersSearchService, RegistryEvents],
  exports: [RecruitersService, RegistryEvents],
})
export class RecruitersModule {}
