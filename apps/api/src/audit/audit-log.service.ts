import { SIGNATURE_ALGORITHM } from '@fair-recruit/snapshot';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { DomainError, notFound } from '../common/domain-error.js';
import { JurisdictionEntity } from '../jurisdictions/jurisdiction.entity.js';
import { SigningKeyService } from '../signing/signing-key.service.js';
import { GENESIS_HASH, toAuditEntry } from './audit-chain.js';
import { checkpointMessage } from './audit-checkpoint.js';
import { AuditEventEntity } from './audit-event.entity.js';
import { GLOBAL_CHAIN } from './audit.service.js';
import type {
  AuditCheckpointDto,
  AuditEventDto,
  AuditEventPageDto,
  AuditEventsQuery,
} from './dto/audit.dto.js';

const unauthenticated = () =>
  new DomainError(
    'unauthenticated',
    401,
    'Unauthorized',
    'Log in and send the token as "Authorization: Bearer <token>".',
  );

/** Publishes the chains: signed checkpoints for anyone, entries for whoever may read them. */
@Injectable()
export class AuditLogService {
  private readonly logger = new Logger(AuditLogService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly signing: SigningKeyService,
    private readonly auth: AuthService,
  ) {}

  async checkpoint(chain: string): Promise<AuditCheckpointDto> {
    await this.assertChainExists(chain);
    const head = await this.head(chain);
    const statement = {
      chain,
      size: head?.seq ?? 0,
      headHash: head?.hash ?? GENESIS_HASH,
      issuedAt: new Date().toISOString(),
    };
    try {
      const { keyId } = this.signing.signingKey;
      const signature = await this.signing.sign(checkpointMessage(statement));
      return { ...statement, keyId, alg: SIGNATURE_ALGORITHM, signature };
    } catch (error) {
      // The problem filter logs the 503 with the request id; this line keeps the cause.
      this.logger.warn(
        `could not sign a checkpoint of the ${chain} chain: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
      // An unsigned checkpoint would be worthless to a verifier, and misleading.
      throw new DomainError(
        'checkpoint_unavailable',
        503,
        'Service unavailable',
        'The checkpoint could not be signed just now; try again later.',
      );
    }
  }

  /**
   * Jurisdiction chains are public (they hold only what the public record shows: internal notes
   * are never written to them). The global chain names accounts (e-mails), so it is for
   * administrators and observers only; its checkpoint stays public.
   */
  async events(
    chain: string,
    query: AuditEventsQuery,
    token: string | null,
  ): Promise<AuditEventPageDto> {
    const principal = token ? await this.auth.authenticate(token) : null;
    // A token that does not work is refused rather than silently read as "the public".
    if (token && !principal) throw unauthenticated();
    if (chain === GLOBAL_CHAIN) {
      if (!principal) throw unauthenticated();
      if (principal.role !== 'admin' && principal.role !== 'observer') {
        throw new DomainError(
          'forbidden',
          403,
          'Forbidden',
          'The global chain is readable by administrators and observers; its checkpoint is public.',
        );
      }
    } else {
      await this.assertChainExists(chain);
    }

    // The page is read up to the head read first, so `total` and `items` agree under appends.
    const total = (await this.head(chain))?.seq ?? 0;
    // One record's trail (entity_type, entity_id are indexed); its entries keep their chain seq.
    const record =
      query.entityId !== undefined
        ? {
            entityId: query.entityId,
            ...(query.entityType ? { entityType: query.entityType } : {}),
          }
        : query.entityType
          ? { entityType: query.entityType }
          : {};
    const filtered = Object.keys(record).length > 0;
    const rows =
      query.afterSeq < total
        ? await this.db.getRepository(AuditEventEntity).find({
            where: { chain, seq: Between(query.afterSeq + 1, total), ...record },
            order: { seq: 'ASC' },
            // One more than asked, to know whether a filtered trail goes on.
            take: filtered ? query.limit + 1 : query.limit,
          })
        : [];
    const more = filtered && rows.length > query.limit;
    const items: AuditEventDto[] = rows.slice(0, query.limit).map(toAuditEntry);
    const last = items.at(-1)?.seq;
    return {
      items,
      total,
      page: Math.floor(query.afterSeq / query.limit) + 1,
      pageSize: query.limit,
      nextAfterSeq:
        last === undefined ? null : filtered ? (more ? last : null) : last < total ? last : null,
    };
  }

  private head(chain: string) {
    return this.db
      .getRepository(AuditEventEntity)
      .findOne({ where: { chain }, order: { seq: 'DESC' }, select: { seq: true, hash: true } });
  }

  private async assertChainExists(chain: string): Promise<void> {
    if (chain === GLOBAL_CHAIN) return;
    if (!(await this.db.getRepository(JurisdictionEntity).existsBy({ code: chain }))) {
      throw notFound('jurisdiction', `No registry for ${chain} is kept here.`);
    }
  }
}
