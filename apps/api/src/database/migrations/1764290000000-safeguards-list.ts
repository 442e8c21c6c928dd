import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Editions of the WHO Health Workforce Support and Safeguards List published by an administrator.
 * Rows are only added; the latest one is in force, and with none the 2023 edition shipped in
 * `@fair-recruit/domain` is.
 */
export class SafeguardsList1764290000000 implements MigrationInterface {
  name = 'SafeguardsList1764290000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE safeguards_list_editions (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        edition text NOT NULL CHECK (length(btrim(edition)) BETWEEN 1 AND 100),
        source text NOT NULL CHECK (length(btrim(source)) BETWEEN 1 AND 500),
        countries jsonb NOT NULL
          CHECK (jsonb_typeof(countries) = 'array' AND jsonb_array_length(countries) > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users(id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE safeguards_list_editions`);
  }
}
