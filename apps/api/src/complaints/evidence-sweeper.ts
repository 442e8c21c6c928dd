import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EVIDENCE_STORAGE, type EvidenceStorage } from '../evidence/evidence-storage.js';

/** Older than any submission can take between writing its files and committing. */
export const ORPHAN_AGE_MS = 60 * 60_000;
const SWEEP_EVERY_MS = 6 * 3600_000;
const BATCH = 1000;

/**
 * Evidence files are written before their complaint commits, so a crash in between leaves files
 * that no complaint refers to: photos of payslips and passports that nobody can reach and nobody
 * should keep. They are deleted at start and every six hours.
 */
@Injectable()
export class EvidenceSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EvidenceSweeper.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EVIDENCE_STORAGE) private readonly storage: EvidenceStorage,
  ) {}

  onApplicationBootstrap(): void {
    const run = () =>
      void this.sweep().catch((error: unknown) =>
        this.logger.warn(`evidence sweep failed: ${String(error)}`),
      );
    setImmediate(run);
    this.timer = setInterval(run, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Deletes stored files older than ORPHAN_AGE_MS that no evidence record names; returns them. */
  async sweep(ageMs = ORPHAN_AGE_MS): Promise<string[]> {
    const keys = (await this.storage.keysOlderThan?.(ageMs)) ?? [];
    const orphans: string[] = [];
    for (let i = 0; i < keys.length; i += BATCH) {
      const batch = keys.slice(i, i + BATCH);
      const rows = await this.db.query<{ storage_key: string }[]>(
        `SELECT storage_key FROM complaint_evidence WHERE storage_key = ANY($1::text[])`,
        [batch],
      );
      const referenced = new Set(rows.map((row) => row.storage_key));
      orphans.push(...batch.filter((key) => !referenced.has(key)));
    }
    for (const key of orphans) await this.storage.delete(key);
    if (orphans.length > 0) {
      this.logger.log(`removed ${orphans.length} evidence file(s) that no complaint refers to`);
    }
    return orphans;
  }
}
