import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions, type DatabaseUrls } from './database/data-source-options.js';
import { HealthController } from './health/health.controller.js';
import { JurisdictionsModule } from './jurisdictions/jurisdictions.module.js';
import { RecruitersModule } from './recruiters/recruiters.module.js';
import { UsersModule } from './users/users.module.js';
import { SigningModule } from './signing/signing.module.js';
import { SnapshotModule } from './snapshot/snapshot.module.js';
import { OpenDataModule } from './open-data/open-data.module.js';
import { ChecksModule } from './checks/checks.module.js';
import { ComplaintsModule } from './complaints/complaints.module.js';
import { ImportsModule } from './imports/imports.module.js';
import { ReportsModule } from './reports/reports.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: DatabaseUrls): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(database), migrationsRun: false }),
        AuditModule,
        AuthModule,
        UsersModule,
        JurisdictionsModule,
        RecruitersModule,
        SigningModule,
        SnapshotModule,
        OpenDataModule,
        ChecksModule,
        ComplaintsModule,
        ImportsModule,
        ReportsModule,
      ],
      controllers: [HealthController],
    };
  }
}
