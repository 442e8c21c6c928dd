import { Module } from '@nestjs/common';
import { OpenDataModule } from '../open-data/open-data.module.js';
import { RecruitersModule } from '../recruiters/recruiters.module.js';
import { SnapshotStore } from './snapshot-store.js';
import { SnapshotController } from './snapshot.controller.js';
import { SnapshotService } from './snapshot.service.js';

/** GET /snapshot and /snapshot/keys: the signed registry snapshot the extension matches against. */
@Module({
  imports: [RecruitersModule, OpenDataModule],
  controllers: [SnapshotController],
  providers: [SnapshotService, SnapshotStore],
})
export class SnapshotModule {}
