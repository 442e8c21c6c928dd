import { Test } from '@nestjs/testing';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { EVIDENCE_STORAGE, type EvidenceStorage } from './evidence-storage.js';
import { EvidenceModule } from './evidence.module.js';
import { LocalEvidenceStorage } from './local-evidence-storage.js';
import { S3EvidenceStorage } from './s3-evidence-storage.js';

async function storageFor(env: Record<string, string>) {
  const module = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(loadConfig(env)), EvidenceModule],
  }).compile();
  return { module, storage: module.get<EvidenceStorage>(EVIDENCE_STORAGE) };
}

describe(EvidenceModule.name, () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'evidence-module-'));
  });

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores evidence under DATA_DIR/evidence by default', async () => {
    const { module, storage } = await storageFor({ DATA_DIR: dataDir });

    await storage.put('first', Buffer.from('kept'), 'text/plain');

    expect(storage).toBeInstanceOf(LocalEvidenceStorage);
    expect(await readdir(join(dataDir, 'evidence'))).toEqual(['first']);
    await module.close();
  });

  it('provides the S3 storage when EVIDENCE_STORAGE=s3', async () => {
    const { module, storage } = await storageFor({
      DATA_DIR: dataDir,
      EVIDENCE_STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9',
      S3_REGION: 'us-east-1',
      S3_BUCKET: 'evidence',
      S3_ACCESS_KEY_ID: 'id',
      S3_SECRET_ACCESS_KEY: 'secret',
    });

    expect(storage).toBeInstanceOf(S3EvidenceStorage);
    await module.close();
  });
});
