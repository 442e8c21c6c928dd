import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Jurisdictions, recruiters with their names and history, accounts, sessions, the audit chain. */
export class Registry1764270000000 implements MigrationInterface {
  name = 'Registry1764270000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await db.query(`
      CREATE TABLE jurisdictions (
        code char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        authority_name text NOT NULL CHECK (length(authority_name) BETWEEN 1 AND 300),
        authority_website text,
        authority_email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE recruiters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        jurisdiction char(2) NOT NULL REFERENCES jurisdictions(code),
        registration_number text NOT NULL,
        registration_key text NOT NULL CHECK (registration_key ~ '^[A-Z0-9]+$'),
        kind text NOT NULL CHECK (kind IN ('recruiter', 'employer', 'both')),
        sector text NOT NULL CHECK (sector IN ('public', 'private')),
        legal_name text NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 300),
        trading_names text[] NOT NULL DEFAULT '{}',
        domains text[] NOT NULL DEFAULT '{}',
        email_domains text[] NOT NULL DEFAULT '{}',
        phones text[] NOT NULL DEFAULT '{}',
        address jsonb,
        authorized_from date,
        authorized_until date,
        conditions text,
        internal_notes text,
        status text NOT NULL CHECK (status IN ('pending', 'authorized', 'refused', 'suspended', 'revoked')),
        status_changed_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT recruiters_authorization_period_ck
          CHECK (authorized_until IS NULL OR authorized_from IS NULL OR authorized_until >= authorized_from)
      )`);
    await db.query(
      `CREATE UNIQUE INDEX recruiters_registration_uq ON recruiters (jurisdiction, registration_key)`,
    );
    await db.query(`CREATE INDEX recruiters_registration_key_idx ON recruiters (registration_key)`);
    await db.query(`CREATE INDEX recruiters_domains_idx ON recruiters USING gin (domains)`);
    await db.query(
      `CREATE INDEX recruiters_email_domains_idx ON recruiters USING gin (email_domains)`,
    );
    await db.query(`CREATE INDEX recruiters_status_idx ON recruiters (jurisdiction, status)`);
    await db.query(`CREATE INDEX recruiters_updated_at_idx ON recruiters (updated_at)`);

    await db.query(`
      CREATE TABLE recruiter_names (
        recruiter_id uuid NOT NULL REFERENCES recruiters(id) ON DELETE CASCADE,
        normalized text NOT NULL CHECK (length(normalized) > 0),
        jurisdiction char(2) NOT NULL,
        PRIMARY KEY (recruiter_id, normalized)
      )`);
    await db.query(
      `CREATE INDEX recruiter_names_trgm_idx ON recruiter_names USING gin (normalized gin_trgm_ops)`,
    );
    await db.query(`CREATE INDEX recruiter_names_exact_idx ON recruiter_names (normalized)`);

    await db.query(`
      CREATE TABLE recruiter_status_changes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recruiter_id uuid NOT NULL REFERENCES recruiters(id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        reason text NOT NULL CHECK (length(btrim(reason)) > 0),
        decision_reference text,
        changed_by uuid,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX recruiter_status_changes_recruiter_idx ON recruiter_status_changes (recruiter_id, changed_at)`,
    );

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'regulator', 'observer')),
        jurisdictions char(2)[] NOT NULL DEFAULT '{}',
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_regulator_scope_ck
          CHECK (role <> 'regulator' OR cardinality(jurisdictions) > 0)
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_uq ON users (email)`);

    await db.query(`
      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);

    await db.query(`
      CREATE TABLE audit_events (
        chain text NOT NULL,
        seq bigint NOT NULL CHECK (seq >= 1),
        occurred_at timestamptz NOT NULL,
        actor_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        data jsonb NOT NULL,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        PRIMARY KEY (chain, seq)
      )`);
    await db.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id)`);
    // Append-only: history that can be rewritten is not history. A superuser can still disable
    // the trigger, which is why the chain is hashed and its checkpoints are signed.
    await db.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);
    await db.query(`
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_events`);
    await db.query(`DROP FUNCTION audit_events_append_only()`);
    await db.query(`DROP TABLE sessions`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE recruiter_status_changes`);
    await db.query(`DROP TABLE recruiter_names`);
    await db.query(`DROP TABLE recruiters`);
    await db.query(`DROP TABLE jurisdictions`);
  }
}
