import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'received','triaged','investigating','substantiated','unsubstantiated','referred','withdrawn','closed'`;
const OUTCOMES = `'substantiated','unsubstantiated','referred','withdrawn'`;
const CATEGORIES = `'worker_fees','misleading_information','unfair_contract','document_retention','unequal_treatment','fraud','unregistered_operation','safeguards_list_recruitment','other'`;
const EVIDENCE_TYPES = `'application/pdf','image/jpeg','image/png','image/webp','text/plain'`;

/**
 * Complaints, their timeline, their evidence records, and the idempotency keys of submissions.
 * Personal data is kept to what the case needs: the receipt code only as a slow hash, contact
 * details only as AES-256-GCM ciphertext with the id of the key that sealed them, no IP address.
 */
export class Complaints1764310000000 implements MigrationInterface {
  name = 'Complaints1764310000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE complaints (
        id uuid PRIMARY KEY,
        reference text NOT NULL CHECK (reference ~ '^FR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'),
        receipt_hash text NOT NULL CHECK (receipt_hash LIKE '$argon2id$%'),
        jurisdiction char(2) NOT NULL REFERENCES jurisdictions(code),
        recruiter_id uuid REFERENCES recruiters(id),
        reported_recruiter jsonb,
        recruiter_name text,
        categories text[] NOT NULL CHECK (
          cardinality(categories) BETWEEN 1 AND 9 AND categories <@ ARRAY[${CATEGORIES}]::text[]),
        description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 10000),
        ad_url text,
        fees jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(fees) = 'array'),
        contact_ciphertext bytea,
        contact_key_id text,
        status text NOT NULL DEFAULT 'received' CHECK (status IN (${STATUSES})),
        outcome text CHECK (outcome IN (${OUTCOMES})),
        evidence_count int NOT NULL DEFAULT 0 CHECK (evidence_count BETWEEN 0 AND 10),
        received_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        closed_at timestamptz,
        CONSTRAINT complaints_about_ck CHECK (recruiter_id IS NOT NULL OR reported_recruiter IS NOT NULL),
        CONSTRAINT complaints_contact_key_ck CHECK ((contact_ciphertext IS NULL) = (contact_key_id IS NULL)),
        CONSTRAINT complaints_closed_ck CHECK ((status = 'closed') = (closed_at IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX complaints_reference_uq ON complaints (reference)`);
    // The regulator's queue: one jurisdiction, optionally one status, oldest first.
    await db.query(
      `CREATE INDEX complaints_queue_idx ON complaints (jurisdiction, status, received_at, id)`,
    );
    await db.query(
      `CREATE INDEX complaints_jurisdiction_received_idx ON complaints (jurisdiction, received_at, id)`,
    );
    await db.query(
      `CREATE INDEX complaints_recruiter_idx ON complaints (recruiter_id) WHERE recruiter_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX complaints_categories_idx ON complaints USING gin (categories)`);

    await db.query(`
      CREATE TABLE complaint_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        kind text NOT NULL CHECK (kind IN ('submitted','status_changed','referred','message','evidence_added')),
        actor text NOT NULL CHECK (actor IN ('complainant','regulator')),
        actor_user_id uuid REFERENCES users(id),
        from_status text CHECK (from_status IN (${STATUSES})),
        to_status text CHECK (to_status IN (${STATUSES})),
        from_jurisdiction char(2),
        to_jurisdiction char(2),
        reason text,
        message text CHECK (char_length(message) <= 5000),
        evidence_id uuid
      )`);
    await db.query(
      `CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, id)`,
    );

    await db.query(`
      CREATE TABLE complaint_evidence (
        id uuid PRIMARY KEY,
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        storage_key text NOT NULL UNIQUE,
        file_name text CHECK (char_length(file_name) <= 255),
        content_type text NOT NULL CHECK (content_type IN (${EVIDENCE_TYPES})),
        size_bytes int NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        received_sha256 text NOT NULL CHECK (received_sha256 ~ '^[0-9a-f]{64}$'),
        added_by text NOT NULL CHECK (added_by IN ('complainant','regulator')),
        added_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX complaint_evidence_complaint_idx ON complaint_evidence (complaint_id, added_at)`,
    );

    // Only a hash of the client's key, and the first answer sealed with a key derived from the
    // client's key: the table alone gives neither the key nor the receipt code it protects.
    await db.query(`
      CREATE TABLE idempotency_keys (
        key_hash text PRIMARY KEY CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
        complaint_id uuid NOT NULL REFERENCES complaints(id) ON DELETE CASCADE,
        response_ciphertext bytea NOT NULL,
        response_key_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT idempotency_keys_expiry_ck CHECK (expires_at > created_at)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_expiry_idx ON idempotency_keys (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE complaint_evidence`);
    await db.query(`DROP TABLE complaint_events`);
    await db.query(`DROP TABLE complaints`);
  }
}
