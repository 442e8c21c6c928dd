import type { PublishedKey } from '@fair-recruit/snapshot';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MoreThan, type DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { SigningKeyService } from '../signing/signing-key.service.js';
import {
  ChainVerifier,
  GENESIS_HASH,
  toAuditEntry,
  type AuditEntry,
  type ChainVerification,
} from './audit-chain.js';
import {
  parseCheckpoint,
  verifyCheckpointSignature,
  type AuditCheckpoint,
} from './audit-checkpoint.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { GLOBAL_CHAIN } from './audit.service.js';

/** Rows per keyset page: memory stays flat however long a chain grows. */
export const VERIFY_PAGE_SIZE = 5000;

/** Every chain that has entries, without scanning the table (a loose index scan of the key). */
export async function listChains(db: DataSource): Promise<string[]> {
  const rows: { chain: string }[] = await db.query(`
    WITH RECURSIVE chains(chain) AS (
      SELECT min(chain) FROM audit_events
      UNION ALL
      SELECT (SELECT min(chain) FROM audit_events WHERE chain > chains.chain)
      FROM chains WHERE chains.chain IS NOT NULL
    )
    SELECT chain FROM chains WHERE chain IS NOT NULL`);
  return rows.map((r) => r.chain);
}

/** A chain's entries in seq order, read in keyset pages (`seq > last`), never OFFSET. */
export async function* readChain(
  db: DataSource,
  chain: string,
  pageSize = VERIFY_PAGE_SIZE,
): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const page = await db.getRepository(AuditEventEntity).find({
      where: { chain, seq: MoreThan(after) },
      order: { seq: 'ASC' },
      take: pageSize,
    });
    for (const row of page) yield toAuditEntry(row);
    if (page.length < pageSize) return;
    after = page[page.length - 1].seq;
  }
}

export interface StoredChainVerification {
  chain: string;
  verification: ChainVerification;
  /** The hash of the entry at the seq a checkpoint asked for, if the chain holds up to there. */
  hashAt?: string;
}

/** Recomputes a stored chain from its first entry and stops at the first one that fails. */
export async function verifyStoredChain(
  db: DataSource,
  chain: string,
  options: { pageSize?: number; hashAt?: number } = {},
): Promise<StoredChainVerification> {
  const verifier = new ChainVerifier();
  let hashAt: string | undefined;
  for await (const entry of readChain(db, chain, options.pageSize)) {
    if (!verifier.push(entry)) break;
    if (entry.seq === options.hashAt) hashAt = entry.hash;
  }
  return { chain, verification: verifier.result, ...(hashAt ? { hashAt } : {}) };
}

export type CheckpointMatch =
  | { ok: true }
  | {
      ok: false;
      problem:
        'bad_signature' | 'broken_before_checkpoint' | 'shorter_than_checkpoint' | 'head_mismatch';
    };

/**
 * A checkpoint still holds when its signature is good and the current chain, recomputed from
 * the start, reaches the signed head at the signed size: then nothing before it was rewritten.
 */
export function matchCheckpoint(
  checkpoint: AuditCheckpoint,
  signatureOk: boolean,
  stored: StoredChainVerification,
): CheckpointMatch {
  if (!signatureOk) return { ok: false, problem: 'bad_signature' };
  if (checkpoint.size === 0) {
    return checkpoint.headHash === GENESIS_HASH
      ? { ok: true }
      : { ok: false, problem: 'head_mismatch' };
  }
  const { verification } = stored;
  if (verification.size < checkpoint.size) {
    return {
      ok: false,
      problem: verification.ok ? 'shorter_than_checkpoint' : 'broken_before_checkpoint',
    };
  }
  return stored.hashAt === checkpoint.headHash
    ? { ok: true }
    : { ok: false, problem: 'head_mismatch' };
}

export interface AuditVerifyOptions {
  /** Chains to check; every chain with entries when absent. */
  chains?: string[];
  /** A saved `GET /audit/:chain/checkpoint` answer to hold the chain to. */
  checkpointFile?: string;
  /** A saved `GET /snapshot/keys` answer; the registry's own key when absent. */
  keysFile?: string;
  pageSize?: number;
}

export class AuditVerifyUsageError extends Error {}

function chainName(value: string): string {
  if (value.toLowerCase() === GLOBAL_CHAIN) return GLOBAL_CHAIN;
  const code = value.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) {
    throw new AuditVerifyUsageError(`--chain ${value}: expected a jurisdiction code or "global"`);
  }
  return code;
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AuditVerifyUsageError(
      `${what} ${path}: ${error instanceof Error ? error.message : 'unreadable'}`,
    );
  }
}

function loadCheckpoint(path: string): AuditCheckpoint {
  const saved = readJson(path, '--checkpoint');
  try {
    return parseCheckpoint(saved);
  } catch (error) {
    throw new AuditVerifyUsageError(`--checkpoint ${path}: ${(error as Error).message}`);
  }
}

async function loadKeys(config: AppConfig, keysFile: string | undefined): Promise<PublishedKey[]> {
  if (keysFile) {
    // `{ keys: [...] }` as GET /snapshot/keys answers it, or a single key.
    const doc = readJson(keysFile, '--keys') as { keys?: unknown } | null;
    const list: unknown[] = Array.isArray(doc?.keys) ? doc.keys : [doc];
    return list.filter(
      (k): k is PublishedKey =>
        typeof k === 'object' &&
        k !== null &&
        typeof (k as PublishedKey).keyId === 'string' &&
        typeof (k as PublishedKey).publicKey === 'string',
    );
  }
  // Without --keys, the registry's own key, but never a freshly generated one.
  if (!config.SIGNING_PRIVATE_KEY && !existsSync(join(config.DATA_DIR, 'signing-key.json'))) {
    throw new AuditVerifyUsageError(
      'no signing key here to check the checkpoint with: pass --keys <file> (a saved GET /api/v1/snapshot/keys)',
    );
  }
  const signing = new SigningKeyService(config);
  await signing.onModuleInit();
  return signing.publishedKeys;
}

/**
 * `audit-verify`: recomputes each chain from the database and prints one line per chain (and one
 * for the checkpoint). Returns false when anything does not hold.
 */
export async function auditVerify(
  db: DataSource,
  config: AppConfig,
  options: AuditVerifyOptions,
  print: (line: string) => void,
): Promise<boolean> {
  const checkpoint = options.checkpointFile ? loadCheckpoint(options.checkpointFile) : undefined;
  const keys = checkpoint ? await loadKeys(config, options.keysFile) : [];

  const [{ table }] = await db.query<{ table: string | null }[]>(
    `SELECT to_regclass('audit_events')::text AS table`,
  );
  if (table === null) {
    throw new AuditVerifyUsageError('this database has no audit log yet: run npm run db:migrate');
  }

  const chains = options.chains?.length
    ? [...new Set(options.chains.map(chainName))]
    : await listChains(db);
  if (checkpoint && !chains.includes(checkpoint.chain)) chains.push(checkpoint.chain);
  if (chains.length === 0) {
    print('no audit entries yet — ok');
    return true;
  }

  let allOk = true;
  for (const chain of chains) {
    const hashAt = checkpoint?.chain === chain ? checkpoint.size : undefined;
    const stored = await verifyStoredChain(db, chain, { pageSize: options.pageSize, hashAt });
    const { verification } = stored;
    if (verification.ok) {
      print(`${chain}: ${verification.size} entries, head ${verification.head} — ok`);
    } else {
      allOk = false;
      const { seq, problem } = verification.firstBreak;
      print(`${chain}: broken at seq ${seq} (${problem})`);
    }
    if (checkpoint?.chain === chain) {
      const signatureOk = await verifyCheckpointSignature(checkpoint, keys);
      const match = matchCheckpoint(checkpoint, signatureOk, stored);
      const label = `checkpoint ${chain} at size ${checkpoint.size} (issued ${checkpoint.issuedAt})`;
      if (match.ok) {
        print(`${label}: signature ok, the current chain extends it — ok`);
      } else {
        allOk = false;
        print(`${label}: does not hold (${match.problem})`);
      }
    }
  }
  return allOk;
}
