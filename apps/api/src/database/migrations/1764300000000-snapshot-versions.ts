import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per published snapshot version. The version is what clients compare ("never go back"),
 * so it must survive restarts and be shared by every API instance: an instance that builds the
 * same content as the latest row reuses that row's version and dates, and so serves the same bytes.
 */
export class SnapshotVersions1764300000000 implements MigrationInterface {
  name = 'SnapshotVersions1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE snapshot_versions (
        version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        generated_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
        CONSTRAINT snapshot_versions_validity_ck CHECK (expires_at > generated_at)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE snapshot_versions`);
  }
}
