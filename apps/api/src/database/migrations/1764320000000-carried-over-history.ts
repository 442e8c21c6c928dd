import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Marks the history entries a CSV import writes for a record it creates: its registration and the
 * status the file gives it restate decisions taken before the record came into this registry.
 * The national report counts registrations and decisions of a period without them, so moving an
 * existing registry here does not read as a year of new registrations and sanctions.
 */
export class CarriedOverHistory1764320000000 implements MigrationInterface {
  name = 'CarriedOverHistory1764320000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE recruiter_status_changes ADD COLUMN carried_over boolean NOT NULL DEFAULT false`,
    );
    // The national report reads one jurisdiction's decisions of a period.
    await db.query(
      `CREATE INDEX recruiter_status_changes_changed_at_idx ON recruiter_status_changes (changed_at)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX recruiter_status_changes_changed_at_idx`);
    await db.query(`ALTER TABLE recruiter_status_changes DROP COLUMN carried_over`);
  }
}
