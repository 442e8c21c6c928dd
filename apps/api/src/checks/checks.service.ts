import {
  buildIndex,
  matchAd,
  type MatchableRecord,
  type MatchIndex,
  type MatchResult,
} from '@fair-recruit/matching';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError, invalidInput } from '../common/domain-error.js';
import { AppConfig } from '../config/app-config.js';
import { SafeguardsListService } from '../open-data/safeguards-list.service.js';
import { RegistryEvents } from '../recruiters/registry-events.js';
import type { CheckRequestDto, CheckResultDto } from './dto/check.dto.js';

/** What `MatchableRecord` needs of every recruiter, whatever its status; nothing else. */
const INDEX_SQL = `SELECT id, jurisdiction, registration_number AS "registrationNumber", legal_name AS "legalName",
  trading_names AS "tradingNames", domains, email_domains AS "emailDomains", phones, status,
  authorized_from::text AS "authorizedFrom", authorized_until::text AS "authorizedUntil"
  FROM recruiters`;

const CHECKABLE_FIELDS = [
  'organizationName',
  'url',
  'domains',
  'emails',
  'phones',
  'text',
] as const;

interface LoadedIndex {
  index: MatchIndex;
  safeguardsCountryCodes: string[];
}

function assertSomethingToCheck(input: CheckRequestDto): void {
  const given = CHECKABLE_FIELDS.some((field) => {
    const value = input[field];
    if (typeof value === 'string') return value.trim() !== '';
    return Array.isArray(value) && value.some((item) => item.trim() !== '');
  });
  if (given) return;
  const message = `give at least one of ${CHECKABLE_FIELDS.join(', ')}`;
  throw invalidInput(
    CHECKABLE_FIELDS.map((field) => ({ field, message })),
    'There is nothing to check the ad by.',
  );
}

export function toCheckResultDto(result: MatchResult): CheckResultDto {
  return {
    verdict: result.verdict,
    matches: result.matches.map((match) => ({
      recruiter: {
        id: match.record.id,
        jurisdiction: match.record.jurisdiction,
        registrationNumber: match.record.registrationNumber,
        legalName: match.record.legalName,
        status: match.record.status,
        effectiveStatus: match.effectiveStatus,
        authorizedUntil: match.record.authorizedUntil ?? null,
      },
      matchedBy: match.matchedBy,
      decisive: match.decisive,
      detail: match.detail,
    })),
    possibleMatches: result.possibleMatches,
    redFlags: result.redFlags.map(({ code, article, explanation, evidence }) => ({
      code,
      article,
      explanation,
      evidence,
    })),
    explanation: result.explanation,
  };
}

/**
 * `POST /checks`: the extension's matcher (`@fair-recruit/matching`), run against an index of the
 * whole registry held in memory. The index is built on the first check and rebuilt after registry changes
 * (folded over SNAPSHOT_DEBOUNCE_MS), never per request; requests that arrive before the first
 * build wait for it. The ad's contents are never logged.
 */
@Injectable()
export class ChecksService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ChecksService.name);
  private loaded: LoadedIndex | null = null;
  private building: Promise<LoadedIndex> | null = null;
  /** A change arrived while a build was reading: build once more after it. */
  private stale = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly onChanged = () => this.scheduleRebuild();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly safeguards: SafeguardsListService,
    private readonly events: RegistryEvents,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Built on the first check, not at start: at 1,000,000 recruiters the index takes ~30 s of
    // one CPU and ~1.5 GB, which an instance that never answers a check should not pay.
    this.events.on('changed', this.onChanged);
  }

  onModuleDestroy(): void {
    this.closed = true;
    this.events.off('changed', this.onChanged);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async check(input: CheckRequestDto): Promise<CheckResultDto> {
    assertSomethingToCheck(input);
    const { index, safeguardsCountryCodes } = await this.current();
    return toCheckResultDto(matchAd(index, input, { safeguardsCountryCodes }));
  }

  private async current(): Promise<LoadedIndex> {
    if (this.loaded) return this.loaded;
    try {
      return await (this.building ?? this.build());
    } catch {
      throw new DomainError(
        'checks_unavailable',
        503,
        'Service unavailable',
        'The registry could not be loaded for checking. Try again in a moment.',
      );
    }
  }

  /** Changes within the window are folded into one rebuild, which the first of them schedules. */
  private scheduleRebuild(): void {
    // Nothing to keep fresh until the first check has asked for an index.
    if (this.closed || this.timer || (!this.loaded && !this.building)) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.build().catch(() => undefined);
    }, this.config.SNAPSHOT_DEBOUNCE_MS);
  }

  /** One build at a time; the index in use is replaced only once the new one is complete. */
  private build(): Promise<LoadedIndex> {
    if (this.building) {
      this.stale = true;
      return this.building;
    }
    this.stale = false;
    const building = this.load()
      .then((loaded) => {
        if (!this.closed) this.loaded = loaded;
        return loaded;
      })
      .catch((error: unknown) => {
        if (!this.closed) {
          this.logger.error(
            `could not build the check index: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        throw error;
      })
      .finally(() => {
        this.building = null;
        if (this.stale && !this.closed) this.build().catch(() => undefined);
      });
    this.building = building;
    return building;
  }

  private async load(): Promise<LoadedIndex> {
    // From the primary, not a replica: a rebuild follows a commit and must see it.
    const [records, safeguards] = await Promise.all([
      this.db.query<MatchableRecord[]>(INDEX_SQL),
      this.safeguards.current(),
    ]);
    return {
      index: buildIndex(records),
      safeguardsCountryCodes: safeguards.countries.map((country) => country.code),
    };
  }
}
