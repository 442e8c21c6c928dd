import { effectiveStatus } from '@fair-recruit/domain';
import {
  buildIndex,
  matchAd,
  nameKey,
  normalizeLicence,
  normalizeName,
  registrableDomain,
  type JobAd,
  type Match,
  type MatchIndex,
  type MatchableRecord,
} from '@fair-recruit/matching';
import type { SnapshotPayload } from '@fair-recruit/snapshot';
import type { AdVerdict, RecordSummary, RegistryStatus } from '../lib/messages.js';
import type { RegistrySetting, Settings } from '../lib/settings.js';
import { language, t } from '../lib/i18n.js';
import { INDEX_MEASURE, measure } from '../lib/timing.js';
import { syncRegistry, type SyncDependencies } from './registry-sync.js';
import type { HeldSnapshot } from './snapshot-store.js';
import { day, explanationOf, labelOf, localizedFlag } from './wording.js';

export interface StatusStorage {
  get(): Promise<Record<string, StoredStatus>>;
  set(statuses: Record<string, StoredStatus>): Promise<void>;
}

export interface StoredStatus {
  lastCheckedAt?: string;
  error?: string;
}

export interface HubDependencies extends SyncDependencies {
  settings: () => Promise<Settings>;
  statuses: StatusStorage;
  /**
   * Told after a refresh that changed what ads are matched against (a new snapshot, a registry
   * followed or dropped), so that pages already checked can be checked again.
   */
  changed?: () => Promise<void>;
}

interface Loaded {
  settings: Settings;
  held: Map<string, HeldSnapshot>;
  index: MatchIndex;
  /** The snapshots matched against: held, and not expired when loaded. */
  usable: HeldSnapshot[];
  registryOf: (record: MatchableRecord) => HeldSnapshot | undefined;
}

function usable(snapshot: HeldSnapshot, now: Date): boolean {
  return Date.parse(snapshot.payload.expiresAt) >= now.getTime();
}

/** Whether two settings follow the same registries with the same keys (badge options aside). */
function sameRegistries(a: Settings, b: Settings): boolean {
  return (
    a.registries.length === b.registries.length &&
    a.registries.every(
      (registry, i) =>
        registry.url === b.registries[i].url && registry.publicKey === b.registries[i].publicKey,
    )
  );
}

/**
 * The worker's view of every followed registry: the last good snapshots, one index over all of
 * them, and their freshness. Built lazily from storage, so a restarted worker answers from what
 * it had without downloading anything.
 */
export class RegistryHub {
  private loaded: Promise<Loaded> | undefined;
  private refreshing: Promise<RegistryStatus[]> | undefined;

  constructor(private readonly deps: HubDependencies) {}

  /**
   * Starts reading the kept snapshots now. A worker is started for a message, an alarm or an
   * install, and nearly all of them need the index: reading it while the first message is still
   * on its way saves that wait (a restarted worker reads some 30 MB for 100,000 recruiters).
   */
  warm(): void {
    void this.load().catch(() => undefined);
  }

  /** Forget what is in memory (settings changed); the next call reloads from storage. */
  invalidate(): void {
    this.loaded = undefined;
  }

  private load(): Promise<Loaded> {
    this.loaded ??= (async () => {
      const started = performance.now();
      const settings = await this.deps.settings();
      const held = new Map<string, HeldSnapshot>();
      for (const registry of settings.registries) {
        const snapshot = await this.deps.store.get(registry.url).catch(() => undefined);
        if (snapshot) held.set(registry.url, snapshot);
      }
      const indexing = performance.now();
      const loaded = this.indexed(settings, held);
      measure(INDEX_MEASURE, started, {
        readMs: indexing - started,
        buildMs: performance.now() - indexing,
        records: loaded.index.records.length,
        // 1 when the index was kept beside the snapshot (one registry), 0 when it was built.
        restored: loaded.usable.length === 1 && loaded.index === loaded.usable[0].index ? 1 : 0,
      });
      return loaded;
    })();
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }

  private indexed(settings: Settings, held: Map<string, HeldSnapshot>): Loaded {
    const now = this.deps.now();
    const followed = [...held.values()].filter((snapshot) => usable(snapshot, now));
    if (followed.length <= 1) {
      // One registry (the usual case): no copy of its entries, and no map from 100,000 records.
      const only = followed[0] as HeldSnapshot | undefined;
      // The store keeps the index beside the snapshot: a restarted worker does not build it.
      const index = only?.index ?? buildIndex(only?.payload.entries ?? [], only?.payload.columns);
      return { settings, held, index, usable: followed, registryOf: () => only };
    }
    const records: MatchableRecord[] = [];
    const registryOf = new Map<MatchableRecord, HeldSnapshot>();
    for (const snapshot of followed) {
      for (const entry of snapshot.payload.entries) {
        records.push(entry);
        registryOf.set(entry, snapshot);
      }
    }
    return {
      settings,
      held,
      index: buildIndex(records),
      usable: followed,
      registryOf: (record) => registryOf.get(record),
    };
  }

  /** Downloads every followed registry's snapshot; one refresh at a time. */
  refresh(): Promise<RegistryStatus[]> {
    this.refreshing ??= this.refreshAll().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  private async refreshAll(): Promise<RegistryStatus[]> {
    const settings = await this.deps.settings();
    const statuses = await this.deps.statuses.get();
    const current = this.loaded ? await this.load() : undefined;
    const held = new Map(current?.held ?? []);
    // Settings are read afresh each time: compared by value, so that a refresh that brings nothing
    // new (304 from every registry) neither rebuilds the index nor has open pages checked again.
    let changed =
      !current ||
      !sameRegistries(current.settings, settings) ||
      current.usable.some((snapshot) => !usable(snapshot, this.deps.now()));
    for (const registry of settings.registries) {
      const outcome = await syncRegistry(registry, this.deps);
      const at = this.deps.now().toISOString();
      if (outcome.kind === 'failed') {
        statuses[registry.url] = { lastCheckedAt: at, error: outcome.message };
      } else {
        statuses[registry.url] = { lastCheckedAt: at };
      }
      if (outcome.kind === 'updated') {
        // As the store keeps it (views over packed columns, its index built): not the download.
        held.set(registry.url, outcome.snapshot);
        changed = true;
      } else if (!held.has(registry.url)) {
        const stored = await this.deps.store.get(registry.url).catch(() => undefined);
        if (stored) held.set(registry.url, stored);
      }
    }
    await this.deps.statuses.set(statuses);
    if (changed) {
      const followed = new Map(
        [...held].filter(([url]) => settings.registries.some((r) => r.url === url)),
      );
      this.loaded = Promise.resolve(this.indexed(settings, followed));
      // Open pages check their ads again on this signal; failing to give it fails no refresh.
      await this.deps.changed?.().catch(() => undefined);
    }
    return this.status();
  }

  async status(): Promise<RegistryStatus[]> {
    const { settings, held } = await this.load();
    const statuses = await this.deps.statuses.get();
    const now = this.deps.now();
    return settings.registries.map((registry: RegistrySetting) => {
      const snapshot = held.get(registry.url);
      const stored = statuses[registry.url] ?? {};
      const status: RegistryStatus = {
        url: registry.url,
        usable: snapshot !== undefined && usable(snapshot, now),
        lastCheckedAt: stored.lastCheckedAt,
        error: stored.error,
      };
      if (snapshot) {
        const payload: SnapshotPayload = snapshot.payload;
        Object.assign(status, {
          issuerName: payload.issuer.name,
          version: payload.version,
          generatedAt: payload.generatedAt,
          expiresAt: payload.expiresAt,
          entries: payload.entries.length,
        });
        if (!status.usable) {
          status.error = t('registry_expired', payload.expiresAt.slice(0, 10));
        }
      } else if (!status.error) {
        status.error = t('registry_noSnapshotDownloaded');
      }
      return status;
    });
  }

  async match(ads: readonly JobAd[]): Promise<AdVerdict[]> {
    let loaded = await this.load();
    if (loaded.usable.length === 0 && this.refreshing) {
      // First install: the first download is on its way; an answer a second later beats grey.
      await this.refreshing.catch(() => undefined);
      loaded = await this.load();
    }
    const asOf = this.deps.now();
    if (loaded.usable.length === 0) {
      return ads.map(() => ({
        verdict: 'not_checked',
        label: t('label_notChecked'),
        explanation: t('explanation_notChecked'),
        possibleMatches: [],
        redFlags: [],
      }));
    }
    return ads.map((ad) => this.verdictFor(loaded, ad, asOf));
  }

  private verdictFor(loaded: Loaded, ad: JobAd, asOf: Date): AdVerdict {
    // The worker words the verdict in the reader's language from `reasons`.
    const result = matchAd(loaded.index, ad, { asOf, englishWording: false });
    const top = result.matches[0] as Match | undefined;
    const snapshot = top ? loaded.registryOf(top.record) : undefined;
    const record = top && snapshot ? summarize(top.record, snapshot, asOf) : undefined;
    const newest = loaded.usable[0] as HeldSnapshot | undefined;
    const verdict: AdVerdict = {
      verdict: result.verdict,
      label: '',
      explanation: explanationOf(result.reasons, asOf.toISOString().slice(0, 10)),
      record,
      possibleMatches: result.possibleMatches,
      redFlags: result.redFlags.map(localizedFlag),
      snapshotGeneratedAt: (snapshot ?? newest)?.payload.generatedAt,
    };
    verdict.label = labelOf(verdict);
    return verdict;
  }

  /** Records whose licence number, domain or name matches `query`, exact matches first. */
  async lookup(query: string, limit = 10): Promise<RecordSummary[]> {
    const loaded = await this.load();
    const { index } = loaded;
    const found: MatchableRecord[] = [];
    const add = (records: readonly MatchableRecord[] | undefined) => {
      for (const record of records ?? []) if (!found.includes(record)) found.push(record);
    };
    const trimmed = query.trim();
    if (trimmed === '') return [];
    add(index.byLicence.get(normalizeLicence(trimmed)));
    const domain = registrableDomain(trimmed);
    if (domain) add(index.byDomain.get(domain));
    const name = normalizeName(trimmed);
    if (name !== '') {
      add(index.byNameKey.get(nameKey(trimmed)));
      for (const hit of index.names.search(name, { minSimilarity: 0.3, limit })) add([hit.value]);
    }
    const asOf = this.deps.now();
    return found
      .slice(0, limit)
      .map((record) => summarize(record, loaded.registryOf(record)!, asOf));
  }
}

function summarize(record: MatchableRecord, snapshot: HeldSnapshot, asOf: Date): RecordSummary {
  const until = day(record.authorizedUntil);
  const registryUrl = snapshot.url;
  return {
    legalName: record.legalName,
    jurisdiction: record.jurisdiction,
    registrationNumber: record.registrationNumber,
    status: record.status,
    effectiveStatus: effectiveStatus(record.status, until, asOf.toISOString().slice(0, 10)),
    authorizedUntil: until,
    statusChangedAt: day(record.statusChangedAt),
    statusReason: record.statusReason ?? null,
    registryName: snapshot.payload.issuer.name,
    registryUrl,
    publicUrl: publicPageUrl(registryUrl, record),
  };
}

/**
 * The recruiter's page on its registry's portal, which the registry serves beside its API. The
 * snapshot has no record ids, so the page is asked for by registry and number and sends the reader
 * on to the record (`/recruiters/lookup` in `apps/portal`), in the extension's language.
 */
export function publicPageUrl(
  registryUrl: string,
  record: Pick<MatchableRecord, 'jurisdiction' | 'registrationNumber'>,
): string {
  const query = new URLSearchParams({
    jurisdiction: record.jurisdiction,
    registrationNumber: record.registrationNumber,
    lang: language(),
  });
  return `${registryUrl}/recruiters/lookup?${query}`;
}
