import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotModifiedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PACKED_SNAPSHOT_FORMAT, SNAPSHOT_FORMAT } from '@fair-recruit/snapshot';
import type { FastifyReply } from 'fastify';
import { SigningKeyService } from '../signing/signing-key.service.js';
import { SignedEnvelopeDto, SnapshotKeysDto, SnapshotQueryDto } from './dto/snapshot.dto.js';
import { acceptsGzip } from './snapshot-http.js';
import { SnapshotService } from './snapshot.service.js';

/** Caches may keep a copy but must ask again (with the ETag) before using it. */
const CACHE_CONTROL = 'public, no-cache';

@ApiTags('snapshot')
@Controller('snapshot')
export class SnapshotController {
  constructor(
    private readonly snapshots: SnapshotService,
    private readonly signing: SigningKeyService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The signed snapshot of every registry, for the browser extension',
    description:
      'Every recruiter of every status, in a signed envelope, in format 1 or (?format=2) the packed format 2. The ETag is the version (and format); send If-None-Match, or ?since=VERSION for a delta. Compressed with gzip when Accept-Encoding allows it.',
  })
  @ApiHeader({ name: 'If-None-Match', required: false })
  @ApiOkResponse({ type: SignedEnvelopeDto })
  @ApiNotModifiedResponse({ description: 'The client holds the current version.' })
  @ApiServiceUnavailableResponse({ description: 'No signed snapshot is available yet.' })
  async snapshot(
    @Query() { since, format }: SnapshotQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const answer = await this.snapshots.answer(
      since === undefined ? undefined : Number(since),
      ifNoneMatch,
      format === '2' ? PACKED_SNAPSHOT_FORMAT : SNAPSHOT_FORMAT,
    );
    void reply
      .header('ETag', answer.etag)
      .header('Cache-Control', CACHE_CONTROL)
      .header('Vary', 'Accept-Encoding');
    if (answer.status === 304) {
      void reply.code(304).send();
      return;
    }
    const gzip = acceptsGzip(acceptEncoding);
    if (gzip) void reply.header('Content-Encoding', 'gzip');
    void reply
      .type('application/json; charset=utf-8')
      .send(gzip ? answer.representation.gzip : answer.representation.identity);
  }

  @Get('keys')
  @ApiOperation({ summary: 'The public keys that sign snapshots, for clients to pin' })
  @ApiOkResponse({ type: SnapshotKeysDto })
  keys(): SnapshotKeysDto {
    return { keys: this.signing.publishedKeys };
  }
}
