import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The words of every normalized name, indexed for the public search's fast arm: names holding all
 * typed words but one are found by intersecting posting lists, which stays in milliseconds at a
 * million recruiters where the trigram index alone takes hundreds (see docs/benchmarks.md).
 */
export class RecruiterNameWords1764280000000 implements MigrationInterface {
  name = 'RecruiterNameWords1764280000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX recruiter_names_words_idx ON recruiter_names USING gin (string_to_array(normalized, ' '))`,
    );
    // Statistics for the indexed expression, so that the planner prefers the index at once.
    await db.query(`ANALYZE recruiter_names`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX recruiter_names_words_idx`);
  }
}
