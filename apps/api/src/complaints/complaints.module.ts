import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { EvidenceModule } from '../evidence/evidence.module.js';
import { RecruitersModule } from '../recruiters/recruiters.module.js';
import { ComplaintCasesService } from './cases/complaint-cases.service.js';
import { RegulatorComplaintsController } from './cases/regulator-complaints.controller.js';
import { ComplaintFollowUpService } from './intake/complaint-follow-up.service.js';
import { ComplaintIntakeService } from './intake/complaint-intake.service.js';
import { ComplaintsController } from './intake/complaints.controller.js';
import { IdempotencyStore } from './intake/idempotency-store.js';
import { EvidenceSweeper } from './evidence-sweeper.js';
import { SealingKeys } from './sealing-keys.js';
import { ComplaintStatsController } from './stats/complaint-stats.controller.js';
import { ComplaintStatsService } from './stats/complaint-stats.service.js';

@Module({
  imports: [AuditModule, EvidenceModule, RecruitersModule],
  controllers: [ComplaintsController, RegulatorComplaintsController, ComplaintStatsController],
  providers: [
    SealingKeys,
    IdempotencyStore,
    ComplaintIntakeService,
    ComplaintFollowUpService,
    ComplaintCasesService,
    ComplaintStatsService,
    EvidenceSweeper,
  ],
})
export class ComplaintsModule {}
