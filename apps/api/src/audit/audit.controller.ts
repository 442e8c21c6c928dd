import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../auth/auth.guard.js';
import { AuditLogService } from './audit-log.service.js';
import {
  AuditChainParamDto,
  AuditCheckpointDto,
  AuditEventPageDto,
  AuditEventsQuery,
} from './dto/audit.dto.js';

const CHECKPOINT_DESCRIPTION = `A signed statement of a chain's size and last hash, public for every chain.

The signature is Ed25519 (key \`keyId\` of \`GET /api/v1/snapshot/keys\`) over the UTF-8 bytes of
exactly these five lines joined by "\\n", with no trailing newline:

    fair-recruit-audit-checkpoint/v1
    <chain>
    <size>
    <headHash>
    <issuedAt>

\`size\` in decimal, \`headHash\` as returned (64 lower-case hex digits; 64 zeros for an empty
chain), \`issuedAt\` as returned. Keep a checkpoint: if the chain is ever rewritten before entry
\`size\`, recomputing it from the events no longer reaches \`headHash\` at that entry.
Never served unsigned: 503 when the key is unavailable.`;

const EVENTS_DESCRIPTION = `The entries of a chain in seq order, with everything needed to recompute
each hash: SHA-256 (hex) over the RFC 8785 canonical JSON of
\`{ chain, seq, occurredAt, actorId, action, entityType, entityId, data, prevHash }\`, where the
first \`prevHash\` is 64 zeros and each next one is the hash before it.

Jurisdiction chains are public: they hold what the public records show (a regulator's internal
notes are never written to them). The \`global\` chain (accounts, jurisdictions) needs an administrator's or an
observer's token.`;

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly log: AuditLogService) {}

  @Get(':jurisdiction/checkpoint')
  @ApiOperation({ summary: 'Signed checkpoint of a chain', description: CHECKPOINT_DESCRIPTION })
  @ApiOkResponse({ type: AuditCheckpointDto })
  @ApiServiceUnavailableResponse({ description: 'The signing key is unavailable.' })
  checkpoint(@Param() { jurisdiction }: AuditChainParamDto): Promise<AuditCheckpointDto> {
    return this.log.checkpoint(jurisdiction);
  }

  @Get(':jurisdiction/events')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Entries of a chain, paged by seq', description: EVENTS_DESCRIPTION })
  @ApiOkResponse({ type: AuditEventPageDto })
  events(
    @Param() { jurisdiction }: AuditChainParamDto,
    @Query() query: AuditEventsQuery,
    @Req() request: FastifyRequest,
  ): Promise<AuditEventPageDto> {
    return this.log.events(jurisdiction, query, bearerToken(request));
  }
}
