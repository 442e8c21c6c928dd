import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ComplaintStatsDto, ComplaintStatsQuery } from './complaint-stats.dto.js';
import { ComplaintStatsService } from './complaint-stats.service.js';

@ApiTags('complaints')
@Controller('stats')
export class ComplaintStatsController {
  constructor(private readonly stats: ComplaintStatsService) {}

  @Get()
  @ApiOkResponse({ type: ComplaintStatsDto })
  get(
    @Query() query: ComplaintStatsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintStatsDto> {
    void reply.header('Cache-Control', 'public, max-age=60');
    return this.stats.stats(query);
  }
}
