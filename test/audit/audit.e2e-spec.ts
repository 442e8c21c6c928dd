import { jest } from '@jest/globals';
import { fromBase64, type PublishedKey } from '@fair-recruit/snapshot';
import * as ed25519 from '@noble/ed25519';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  GENESIS_HASH,
  hashAuditEntry,
  toAuditEntry,
  verifyChain,
  type AuditEntry,
} from '../../apps/api/src/audit/audit-chain.js';
import { AuditEventEntity } from '../../apps/api/src/audit/audit-event.entity.js';
import { verifyStoredChain } from '../../apps/api/src/audit/audit-verify.js';
import { SigningKeyService } from '../../apps/api/src/signing/signing-key.service.js';
import { newRecruiter } from '../support/factories.js';
import { createTestContext, type TestContext } from '../support/test-app.js';

const CLI = fileURLToPath(new URL('../../apps/api/dist/cli.js', import.meta.url));

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('audit chains', () => {
  let ctx: TestContext;
  let workDir: string;
  let keysFile: string;
  const regulators: Record<string, { token: string; id: string }> = {};
  let admin: string;
  let observer: string;

  /** The built CLI against this test file's database, as an operator would run it. */
  function cli(args: string[]): Promise<CliRun> {
    const env = { ...process.env } as Record<string, string>;
    delete env.NODE_OPTIONS;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, 'audit-verify', ...args], {
        env: { ...env, DATABASE_URL: ctx.database.url, DATA_DIR: join(workDir, 'data') },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  async function checkpoint(chain: string) {
    const res = await ctx.request('GET', `/api/v1/audit/${chain}/checkpoint`);
    expect(res.status).toBe(200);
    return res.body as {
      chain: string;
      size: number;
      headHash: string;
      issuedAt: string;
      keyId: string;
      alg: string;
      signature: string;
    };
  }

  /** Every entry of a chain through the public API, page by page. */
  async function allEvents(chain: string, limit: number, token?: string): Promise<AuditEntry[]> {
    const items: AuditEntry[] = [];
    let afterSeq: number | null = 0;
    while (afterSeq !== null) {
      const res = await ctx.request(
        'GET',
        `/api/v1/audit/${chain}/events?afterSeq=${afterSeq}&limit=${limit}`,
        { token },
      );
      expect(res.status).toBe(200);
      items.push(...(res.body.items as AuditEntry[]));
      afterSeq = res.body.nextAfterSeq as number | null;
    }
    return items;
  }

  async function storedRows(chain: string): Promise<AuditEntry[]> {
    const rows = await ctx.db
      .getRepository(AuditEventEntity)
      .find({ where: { chain }, order: { seq: 'ASC' } });
    return rows.map(toAuditEntry);
  }

  function saveCheckpoint(name: string, body: unknown): string {
    const path = join(workDir, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  }

  /** Edits stored entries as a superuser would, with the append-only trigger switched off. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await ctx.db.transaction(async (tx) => {
      await tx.query(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`);
      await tx.query(sql, params);
      await tx.query(`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`);
    });
  }

  beforeAll(async () => {
    ctx = await createTestContext();
    workDir = mkdtempSync(join(tmpdir(), 'fair-recruit-audit-'));
    for (const code of ['GB', 'PH', 'KE', 'IE', 'NZ']) {
      await ctx.newJurisdiction(code);
      regulators[code] = await ctx.newUser('regulator', [code]);
    }
    admin = (await ctx.newUser('admin')).token;
    observer = (await ctx.newUser('observer')).token;
    // `GET /snapshot/keys` is being built elsewhere; the key it will publish is this one.
    const keys: PublishedKey[] = ctx.app.get(SigningKeyService).publishedKeys;
    keysFile = saveCheckpoint('keys.json', { keys });
  });
  afterAll(async () => {
    await ctx.close();
    rmSync(workDir, { recursive: true, force: true });
  });

  describe('GET /audit/:jurisdiction/events', () => {
    let recruiterId: string;

    beforeAll(async () => {
      recruiterId = await newRecruiter(ctx, regulators.PH.token, 'PH', {}, 'suspended');
    });

    it('holds each registration and status change of the jurisdiction, in order', async () => {
      const res = await ctx.request('GET', '/api/v1/audit/PH/events');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 100, nextAfterSeq: null });
      expect(res.body.items).toMatchObject([
        { seq: 1, action: 'recruiter.registered', data: { status: 'pending' } },
        { seq: 2, action: 'recruiter.status_changed', data: { from: 'pending', to: 'authorized' } },
        {
          seq: 3,
          action: 'recruiter.status_changed',
          data: { from: 'authorized', to: 'suspended' },
        },
      ]);
      for (const item of res.body.items) {
        expect(item).toMatchObject({
          chain: 'PH',
          entityType: 'recruiter',
          entityId: recruiterId,
          actorId: regulators.PH.id,
        });
        expect(Object.keys(item).sort()).toEqual(
          [
            'action',
            'actorId',
            'chain',
            'data',
            'entityId',
            'entityType',
            'hash',
            'occurredAt',
            'prevHash',
            'seq',
          ].sort(),
        );
      }
    });

    it('lets anyone recompute the chain from the public entries and reach the signed head', async () => {
      const entries = await allEvents('PH', 2);
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
      const signed = await checkpoint('PH');
      expect(verifyChain(entries)).toEqual({ ok: true, size: signed.size, head: signed.headHash });
    });

    it('pages by seq with nextAfterSeq, a derived page and the whole total', async () => {
      const first = await ctx.request('GET', '/api/v1/audit/PH/events?limit=2');
      expect(first.body).toMatchObject({ total: 3, page: 1, pageSize: 2, nextAfterSeq: 2 });
      expect(first.body.items.map((i: AuditEntry) => i.seq)).toEqual([1, 2]);
      const second = await ctx.request('GET', '/api/v1/audit/PH/events?afterSeq=2&limit=2');
      expect(second.body).toMatchObject({ total: 3, page: 2, pageSize: 2, nextAfterSeq: null });
      expect(second.body.items.map((i: AuditEntry) => i.seq)).toEqual([3]);
      const beyond = await ctx.request('GET', '/api/v1/audit/PH/events?afterSeq=50');
      expect(beyond.body).toMatchObject({ items: [], total: 3, nextAfterSeq: null });
    });

    it("never shows a regulator's internal notes, to anyone", async () => {
      const notes = 'Director questioned by police about fees charged to nurses';
      await newRecruiter(ctx, regulators.KE.token, 'KE', { internalNotes: notes });
      for (const token of [undefined, regulators.PH.token, regulators.KE.token, observer, admin]) {
        const res = await ctx.request('GET', '/api/v1/audit/KE/events?limit=1000', { token });
        expect(res.status).toBe(200);
        expect(res.text).not.toContain(notes);
        expect(verifyChain(res.body.items)).toMatchObject({ ok: true });
      }
    });

    it('keeps the global chain, which names accounts, to administrators and observers', async () => {
      expect((await ctx.request('GET', '/api/v1/audit/global/events')).status).toBe(401);
      const regulator = await ctx.request('GET', '/api/v1/audit/global/events', {
        token: regulators.PH.token,
      });
      expect(regulator.status).toBe(403);
      expect(regulator.body.code).toBe('forbidden');
      for (const token of [admin, observer]) {
        const res = await ctx.request('GET', '/api/v1/audit/global/events?limit=1000', { token });
        expect(res.status).toBe(200);
        expect(res.body.items.map((i: AuditEntry) => i.action)).toEqual(
          expect.arrayContaining(['jurisdiction.created', 'user.created']),
        );
        expect(verifyChain(res.body.items)).toMatchObject({ ok: true, size: res.body.total });
      }
      const signed = await checkpoint('global');
      expect(signed.size).toBeGreaterThan(0);
    });

    it('refuses a token that does not work rather than answering as to the public', async () => {
      const res = await ctx.request('GET', '/api/v1/audit/PH/events', { token: 'not-a-session' });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    });
  });

  describe('GET /audit/:jurisdiction/checkpoint', () => {
    it('signs the documented statement of size and head with the published key', async () => {
      const signed = await checkpoint('PH');
      const stored = await storedRows('PH');
      expect(signed).toMatchObject({
        chain: 'PH',
        size: stored.length,
        headHash: stored.at(-1)?.hash,
        alg: 'Ed25519',
      });
      expect(Date.parse(signed.issuedAt)).not.toBeNaN();
      const [key] = ctx.app.get(SigningKeyService).publishedKeys;
      expect(signed.keyId).toBe(key.keyId);
      const message = new TextEncoder().encode(
        `fair-recruit-audit-checkpoint/v1\nPH\n${signed.size}\n${signed.headHash}\n${signed.issuedAt}`,
      );
      const publicKey = fromBase64(key.publicKey);
      const signature = fromBase64(signed.signature);
      await expect(ed25519.verifyAsync(signature, message, publicKey)).resolves.toBe(true);
      const forged = new TextEncoder().encode(
        `fair-recruit-audit-checkpoint/v1\nPH\n${signed.size + 1}\n${signed.headHash}\n${signed.issuedAt}`,
      );
      await expect(ed25519.verifyAsync(signature, forged, publicKey)).resolves.toBe(false);
    });

    it('states an empty chain as size 0 at the genesis hash', async () => {
      expect(await checkpoint('NZ')).toMatchObject({ size: 0, headHash: GENESIS_HASH });
    });

    it('answers 404 for a country whose registry is not kept here', async () => {
      const res = await ctx.request('GET', '/api/v1/audit/FR/checkpoint');
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('jurisdiction_not_found');
      expect((await ctx.request('GET', '/api/v1/audit/FR/events')).status).toBe(404);
    });

    it('answers 503 rather than an unsigned checkpoint when signing fails', async () => {
      const signing = ctx.app.get(SigningKeyService);
      const spy = jest.spyOn(signing, 'sign').mockRejectedValueOnce(new Error('key unavailable'));
      try {
        const res = await ctx.request('GET', '/api/v1/audit/PH/checkpoint');
        expect(res.status).toBe(503);
        expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('checkpoint_unavailable');
        expect(res.text).not.toContain('headHash');
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('bad input', () => {
    it.each([
      ['/api/v1/audit/xx/checkpoint', 'jurisdiction'],
      ['/api/v1/audit/ZZ/checkpoint', 'jurisdiction'],
      ['/api/v1/audit/GLOBAL/checkpoint', 'jurisdiction'],
      ['/api/v1/audit/ZZ/events', 'jurisdiction'],
      // Parameters are validated one at a time: the first bad one is named.
      ['/api/v1/audit/ZZ/events?limit=0', 'limit'],
      ['/api/v1/audit/PH/events?limit=0', 'limit'],
      ['/api/v1/audit/PH/events?limit=1001', 'limit'],
      ['/api/v1/audit/PH/events?afterSeq=-1', 'afterSeq'],
      ['/api/v1/audit/PH/events?afterSeq=1.5', 'afterSeq'],
      ['/api/v1/audit/PH/events?afterSeq=1e30', 'afterSeq'],
      ['/api/v1/audit/PH/events?afterSeq=abc', 'afterSeq'],
      ['/api/v1/audit/PH/events?page=2', 'page'],
    ])('GET %s is a 400 naming %s', async (path, field) => {
      const res = await ctx.request('GET', path);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });
  });

  describe('npm run audit:verify', () => {
    it('passes intact chains, naming each with its size and head', async () => {
      await newRecruiter(ctx, regulators.PH.token, 'PH');
      const run = await cli(['--chain', 'PH', '--chain', 'global']);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      const rows = await storedRows('PH');
      expect(run.stdout).toContain(`PH: ${rows.length} entries, head ${rows.at(-1)?.hash} — ok`);
      expect(run.stdout).toMatch(/^global: \d+ entries, head [0-9a-f]{64} — ok$/m);
    });

    it('accepts a saved checkpoint that the chain has since grown past', async () => {
      const saved = saveCheckpoint('ph-checkpoint.json', await checkpoint('PH'));
      await newRecruiter(ctx, regulators.PH.token, 'PH', {}, 'refused');
      const run = await cli(['--chain', 'PH', '--checkpoint', saved, '--keys', keysFile]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^checkpoint PH at size \d+ .*: signature ok, .* — ok$/m);
    });

    it('refuses a checkpoint whose signature does not verify', async () => {
      const signed = await checkpoint('PH');
      const saved = saveCheckpoint('ph-resized.json', { ...signed, size: signed.size - 1 });
      const run = await cli(['--checkpoint', saved, '--keys', keysFile]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('does not hold (bad_signature)');
    });

    it('reads long chains in keyset pages and still verifies them whole', async () => {
      const whole = await verifyStoredChain(ctx.db, 'global');
      const paged = await verifyStoredChain(ctx.db, 'global', { pageSize: 2 });
      expect(whole.verification).toMatchObject({ ok: true });
      expect(paged.verification).toEqual(whole.verification);
    });

    it('refuses a malformed --chain', async () => {
      const run = await cli(['--chain', 'G1']);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('--chain G1');
    });
  });

  describe('a row edited behind the API as a superuser (trigger disabled)', () => {
    let before: Awaited<ReturnType<typeof checkpoint>>;
    let savedBefore: string;
    let cleanRun: CliRun;

    beforeAll(async () => {
      const id = await newRecruiter(ctx, regulators.GB.token, 'GB', {}, 'suspended');
      await newRecruiter(ctx, regulators.GB.token, 'GB');
      expect((await storedRows('GB'))[1]).toMatchObject({
        entityId: id,
        data: { to: 'authorized' },
      });
      before = await checkpoint('GB');
      savedBefore = saveCheckpoint('gb-before.json', before);
      cleanRun = await cli([]);
      await tamper(
        `UPDATE audit_events SET data = data || '{"reason":"authorized on appeal"}'::jsonb
         WHERE chain = 'GB' AND seq = 2`,
        [],
      );
    });

    it('was verified as intact before the edit', () => {
      expect(cleanRun.code).toBe(0);
      expect(cleanRun.stdout).toContain(`GB: ${before.size} entries, head ${before.headHash} — ok`);
    });

    it('makes the CLI name seq 2 of GB and exit 1, while other chains still pass', async () => {
      const run = await cli([]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^GB: broken at seq 2 \(hash_mismatch\)$/m);
      expect(run.stdout).toMatch(/^PH: \d+ entries, head [0-9a-f]{64} — ok$/m);
    });

    it('makes the library verifyChain name seq 2 as well', async () => {
      expect(verifyChain(await storedRows('GB'))).toEqual({
        ok: false,
        size: 1,
        firstBreak: { seq: 2, problem: 'hash_mismatch' },
      });
    });

    it('leaves a checkpoint taken before the edit unconfirmed', async () => {
      const run = await cli(['--chain', 'GB', '--checkpoint', savedBefore, '--keys', keysFile]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain(
        `checkpoint GB at size ${before.size} (issued ${before.issuedAt}): does not hold (broken_before_checkpoint)`,
      );
      const recomputed = verifyChain(await storedRows('GB'));
      expect(recomputed.size).toBeLessThan(before.size);
    });
  });

  describe('a chain rewritten with every later hash recomputed', () => {
    let before: Awaited<ReturnType<typeof checkpoint>>;
    let savedBefore: string;

    beforeAll(async () => {
      await newRecruiter(ctx, regulators.IE.token, 'IE', {}, 'revoked');
      before = await checkpoint('IE');
      savedBefore = saveCheckpoint('ie-before.json', before);
      // The forger changes the decision of seq 2 and re-hashes it and everything after it.
      const rows = await storedRows('IE');
      let prevHash = rows[0].hash;
      for (const row of rows.slice(1)) {
        const { hash: _old, ...content } = row; // eslint-disable-line @typescript-eslint/no-unused-vars
        const forged = {
          ...content,
          prevHash,
          data: row.seq === 2 ? { ...(row.data as object), reason: 'never happened' } : row.data,
        };
        const hash = hashAuditEntry(forged);
        await tamper(
          `UPDATE audit_events SET data = $1::jsonb, prev_hash = $2, hash = $3
           WHERE chain = 'IE' AND seq = $4`,
          [JSON.stringify(forged.data), prevHash, hash, row.seq],
        );
        prevHash = hash;
      }
    });

    it('passes recomputation on its own, which is why checkpoints exist', async () => {
      const run = await cli(['--chain', 'IE']);
      expect(run.code).toBe(0);
      expect(verifyChain(await storedRows('IE'))).toMatchObject({ ok: true, size: before.size });
    });

    it('no longer reaches the head of a checkpoint signed before the rewrite', async () => {
      const recomputed = verifyChain(await storedRows('IE'));
      expect(recomputed).toMatchObject({ ok: true });
      expect(recomputed.ok && recomputed.head).not.toBe(before.headHash);
      const run = await cli(['--chain', 'IE', '--checkpoint', savedBefore, '--keys', keysFile]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('does not hold (head_mismatch)');
    });
  });
});
