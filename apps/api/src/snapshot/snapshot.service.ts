import type { SafeguardsList } from '@fair-recruit/domain';
import {
  diffSnapshots,
  PACKED_SNAPSHOT_FORMAT,
  serializePayload,
  serializeSnapshotBody,
  signEnvelope,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMATS,
  stampSnapshot,
  type SnapshotFormat,
  type SnapshotBody,
  type SnapshotEntry,
  type SnapshotHeader,
  type SigningKey,
  type SnapshotPayload,
} from '@fair-recruit/snapshot';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { constants as zlib, gzip } from 'node:zlib';
import { DomainError } from '../common/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { SafeguardsListService } from '../open-data/safeguards-list.service.js';
import { RegistryEvents } from '../recruiters/registry-events.js';
import { SigningKeyService } from '../signing/signing-key.service.js';
import { toSnapshotEntries } from './snapshot-entries.js';
import { matchesEtag } from './snapshot-http.js';
import { SnapshotStore } from './snapshot-store.js';

const gzipAsync = promisify(gzip);

/** Older versions kept in memory to answer `?since=` with a delta; older clients get it all. */
const HELD_VERSIONS = 20;
/** How often an instance looks for a version another instance published, or a due refresh. */
const SYNC_INTERVAL_MS = 60_000;
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 10 * 60_000;
const HOUR_MS = 3_600_000;

/** One encoded answer, ready to send: the envelope's JSON and its gzip, both computed once. */
export interface SnapshotRepresentation {
  identity: Buffer;
  gzip: Buffer;
}

/** The version being served: its payload (kept for deltas) and its bytes in each format. */
interface Build {
  version: number;
  payload: SnapshotPayload;
  full: Record<SnapshotFormat, SnapshotRepresentation>;
  /** Deltas to this version by format and the version they start from, made on first request. */
  deltas: Map<string, Promise<SnapshotRepresentation>>;
}

/**
 * Each format's bytes differ, so each has its own ETag: format 1's is the bare version (as before
 * format 2 existed), format 2's is suffixed.
 */
export function snapshotEtag(version: number, format: SnapshotFormat): string {
  return format === SNAPSHOT_FORMAT ? `"${version}"` : `"${version}-f${format}"`;
}

export type SnapshotAnswer =
  | { status: 304; etag: string }
  | { status: 200; etag: string; kind: 'full' | 'delta'; representation: SnapshotRepresentation };

const unavailable = (detail: string) =>
  new DomainError('snapshot_unavailable', 503, 'Snapshot unavailable', detail);

/**
 * The signed registry snapshot (GET /snapshot), built in the background and served from memory.
 *
 * A build starts at boot and after registry changes, `SNAPSHOT_DEBOUNCE_MS` after the first change
 * of a burst (later changes of the burst are read by that build; changes during a build cause one
 * more). A request never builds: the first ones wait for the first build.
 *
 * Versions live in `snapshot_versions` so that they only go up, across restarts and instances. A
 * build whose content equals the latest row's reuses that row's version and dates, and so gives the
 * same bytes; a new version is made when the content changed, and when half of the validity has
 * passed, so that clients always hold a snapshot far from expiring.
 */
@Injectable()
export class SnapshotService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SnapshotService.name);
  private current?: Build;
  /** Versions before `current`, oldest first, for deltas. */
  private held: { version: number; payload: SnapshotPayload }[] = [];
  /** Set when the latest build could not be signed: nothing is served until one is. */
  private signingFailure?: DomainError;
  private building?: Promise<void>;
  private pending?: NodeJS.Timeout;
  private changedWhileBuilding = false;
  private failures = 0;
  private syncTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly store: SnapshotStore,
    private readonly signing: SigningKeyService,
    private readonly events: RegistryEvents,
    private readonly safeguardsList: SafeguardsListService,
  ) {}

  onApplicationBootstrap(): void {
    this.events.on('changed', this.onChanged);
    // Not awaited: the application starts at once and early requests wait for this build.
    void this.build();
    this.syncTimer = setInterval(() => void this.sync(), SYNC_INTERVAL_MS);
    this.syncTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.events.off('changed', this.onChanged);
    clearTimeout(this.pending);
    clearInterval(this.syncTimer);
    // Let a running build finish before the database connection closes under it.
    await this.building;
  }

  /**
   * The answer to GET /snapshot in `format`: 304 when `ifNoneMatch` names the current version in
   * that format or the client already holds it (`since`), a delta when `since` is a version held
   * in memory, else everything.
   * @throws DomainError `snapshot_unavailable` (503) when no signed, unexpired snapshot exists.
   */
  async answer(
    since: number | undefined,
    ifNoneMatch: string | undefined,
    format: SnapshotFormat = SNAPSHOT_FORMAT,
  ): Promise<SnapshotAnswer> {
    const build = await this.servable();
    const etag = snapshotEtag(build.version, format);
    if (matchesEtag(ifNoneMatch, etag) || since === build.version) {
      return { status: 304, etag };
    }
    const older = since === undefined ? undefined : this.held.find((h) => h.version === since);
    if (!older) return { status: 200, etag, kind: 'full', representation: build.full[format] };
    return {
      status: 200,
      etag,
      kind: 'delta',
      representation: await this.delta(build, older, format),
    };
  }

  private async sign(payloadText: string): Promise<SnapshotRepresentation> {
    return representEnvelope(payloadText, this.signing.signingKey);
  }

  private async servable(): Promise<Build> {
    if (!this.current && this.building) await this.building;
    if (this.signingFailure) throw this.signingFailure;
    const build = this.current;
    if (!build) throw unavailable('The snapshot has not been built yet. Try again shortly.');
    if (Date.parse(build.payload.expiresAt) < Date.now()) {
      throw unavailable('The snapshot could not be renewed before it expired.');
    }
    return build;
  }

  private delta(
    build: Build,
    older: { version: number; payload: SnapshotPayload },
    format: SnapshotFormat,
  ): Promise<SnapshotRepresentation> {
    const key = `${format}:${older.version}`;
    let representation = build.deltas.get(key);
    if (!representation) {
      representation = (async () =>
        this.sign(serializePayload(diffSnapshots(older.payload, build.payload), format)))();
      build.deltas.set(key, representation);
      // A failure (signing) is not kept: the next request tries again.
      representation.catch(() => build.deltas.delete(key));
    }
    return representation.catch((error: unknown) => {
      this.logger.error(`could not sign a snapshot delta: ${describe(error)}`);
      throw unavailable('The snapshot delta could not be signed. Try again later.');
    });
  }

  private readonly onChanged = () => this.schedule(this.config.SNAPSHOT_DEBOUNCE_MS);

  /** A build in `delayMs`, unless one is already due (it will read this change too) or running. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.building) {
      this.changedWhileBuilding = true;
      return;
    }
    if (this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.build();
    }, delayMs);
  }

  /** Runs one build at a time; never rejects (a failure is logged and retried with backoff). */
  private build(): Promise<void> {
    if (this.building) {
      this.changedWhileBuilding = true;
      return this.building;
    }
    this.changedWhileBuilding = false;
    const run = this.rebuild()
      .then(() => {
        this.failures = 0;
      })
      .catch((error: unknown) => {
        this.failures += 1;
        this.logger.error(`snapshot build failed: ${describe(error)}`);
      })
      .finally(() => {
        this.building = undefined;
        if (this.changedWhileBuilding) this.schedule(this.config.SNAPSHOT_DEBOUNCE_MS);
        else if (this.failures > 0) {
          this.schedule(Math.min(RETRY_FIRST_MS * 2 ** (this.failures - 1), RETRY_MAX_MS));
        }
      });
    this.building = run;
    return run;
  }

  private async sync(): Promise<void> {
    const current = this.current;
    if (this.stopped || this.building || this.pending || !current) return;
    try {
      const latest = await this.store.latestVersion();
      if (
        (latest !== null && latest > current.version) ||
        buildIsDueForRefresh(current, new Date())
      ) {
        this.schedule(0);
      }
    } catch (error) {
      this.logger.warn(`snapshot version check failed: ${describe(error)}`);
    }
  }

  private async rebuild(): Promise<void> {
    // Whole seconds, so that the date read back from the database is the date that was signed.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const rows = await this.store.rows();
    const jurisdictions = await this.store.jurisdictions();
    const safeguardsList = await this.safeguardsList.current();
    const previous = this.current;
    const previousEntries = new Map(previous?.payload.entries.map((e) => [e.id, e]));
    const body: SnapshotBody = {
      issuer: { name: this.config.REGISTRY_NAME, url: this.config.PUBLIC_URL },
      jurisdictions,
      entries: toSnapshotEntries(rows, previousEntries),
      safeguardsList,
    };
    if (
      previous &&
      !this.signingFailure &&
      !buildIsDueForRefresh(previous, now) &&
      sameBody(previous.payload, body)
    ) {
      return;
    }

    const bodyText = serializeSnapshotBody(body);
    const contentHash = createHash('sha256').update(bodyText).digest('hex');
    const row = await this.store.versionFor(
      contentHash,
      now,
      this.config.SNAPSHOT_VALIDITY_HOURS * HOUR_MS,
      (latest) => !isDueForRefresh(latest.generatedAt, latest.expiresAt, now),
    );
    if (previous && row.version === previous.version && !this.signingFailure) return;

    const header: SnapshotHeader = {
      version: row.version,
      generatedAt: row.generatedAt.toISOString(),
      expiresAt: row.expiresAt.toISOString(),
    };
    // Format 1 is what the version's content hash is taken over; format 2 is the same content.
    const bodies: Record<SnapshotFormat, string> = {
      [SNAPSHOT_FORMAT]: bodyText,
      [PACKED_SNAPSHOT_FORMAT]: serializeSnapshotBody(body, PACKED_SNAPSHOT_FORMAT),
    };
    const full = {} as Record<SnapshotFormat, SnapshotRepresentation>;
    try {
      for (const format of SNAPSHOT_FORMATS) {
        full[format] = await this.sign(stampSnapshot(bodies[format], header, format));
      }
    } catch (error) {
      this.signingFailure = unavailable('The snapshot could not be signed. Try again later.');
      throw error;
    }
    this.signingFailure = undefined;
    if (previous && previous.version !== row.version) {
      this.held = [...this.held, { version: previous.version, payload: previous.payload }].slice(
        -(HELD_VERSIONS - 1),
      );
    }
    this.current = {
      version: row.version,
      payload: { format: SNAPSHOT_FORMAT, ...header, ...body },
      full,
      deltas: new Map(),
    };
  }
}

/**
 * Signs a payload and encodes the envelope once, for every client: its JSON, and that JSON gzipped.
 * Level 9 takes longer than 6 for about 4% fewer bytes; it runs once per version, in the thread
 * pool, and every download saves the bytes. There is no Brotli: at the qualities cheap enough to
 * run on every change it saved nothing over gzip -9 on this layout (libs/snapshot/README.md).
 */
export async function representEnvelope(
  payloadText: string,
  key: SigningKey,
): Promise<SnapshotRepresentation> {
  const envelope = await signEnvelope(payloadText, key);
  const identity = Buffer.from(JSON.stringify(envelope), 'utf8');
  const gzipped = await gzipAsync(identity, { level: zlib.Z_BEST_COMPRESSION });
  return { identity, gzip: gzipped };
}

/**
 * Past half of its validity, a version is renewed even when nothing changed, so that clients
 * always hold a snapshot far from expiring.
 */
function isDueForRefresh(generatedAt: Date, expiresAt: Date, now: Date): boolean {
  const validity = expiresAt.getTime() - generatedAt.getTime();
  return now.getTime() >= generatedAt.getTime() + validity / 2;
}

function buildIsDueForRefresh(build: Build, now: Date): boolean {
  return isDueForRefresh(
    new Date(build.payload.generatedAt),
    new Date(build.payload.expiresAt),
    now,
  );
}

/** Same content: unchanged entries are the same objects (see `toSnapshotEntries`). */
function sameBody(payload: SnapshotPayload, body: SnapshotBody): boolean {
  return (
    payload.issuer.name === body.issuer.name &&
    payload.issuer.url === body.issuer.url &&
    sameList(payload.jurisdictions, body.jurisdictions) &&
    sameList<SnapshotEntry>(payload.entries, body.entries) &&
    sameSafeguardsList(payload.safeguardsList, body.safeguardsList)
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function sameSafeguardsList(a: SafeguardsList, b: SafeguardsList): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** An error for a log line: its class and message, never a payload. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
