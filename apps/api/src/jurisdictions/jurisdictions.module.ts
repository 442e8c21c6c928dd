import { Module } from '@nestjs/common';
import { JurisdictionsController } from './jurisdictions.controller.js';
import { JurisdictionsService } from './jurisdictions.service.js';

@Module({
  controllers: [JurisdictionsController],
  providers: [JurisdictionsService],
  exports: [JurisdictionsService],
})
export class JurisdictionsModule {}
