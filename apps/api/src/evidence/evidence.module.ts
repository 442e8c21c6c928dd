import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { EVIDENCE_STORAGE, type EvidenceStorage } from './evidence-storage.js';
import { LocalEvidenceStorage } from './local-evidence-storage.js';

/** The storage that EVIDENCE_STORAGE names; loadConfig has already checked the S3 variables. */
export async function createEvidenceStorage(config: AppConfig): Promise<EvidenceStorage> {
  switch (config.EVIDENCE_STORAGE) {
    case 'local':
      return new LocalEvidenceStorage(join(config.DATA_DIR, 'evidence'));
    case 's3': {
      // Loaded only when used: the AWS SDK is large and warns on every start under Node 20.
      const { S3EvidenceStorage } = await import('./s3-evidence-storage.js');
      return new S3EvidenceStorage({
        endpoint: required(config.S3_ENDPOINT, 'S3_ENDPOINT'),
        region: required(config.S3_REGION, 'S3_REGION'),
        bucket: required(config.S3_BUCKET, 'S3_BUCKET'),
        accessKeyId: required(config.S3_ACCESS_KEY_ID, 'S3_ACCESS_KEY_ID'),
        secretAccessKey: required(config.S3_SECRET_ACCESS_KEY, 'S3_SECRET_ACCESS_KEY'),
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      });
    }
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required when EVIDENCE_STORAGE=s3`);
  return value;
}

@Global()
@Module({
  providers: [
    {
      provide: EVIDENCE_STORAGE,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => createEvidenceStorage(config),
    },
  ],
  exports: [EVIDENCE_STORAGE],
})
export class EvidenceModule {}
