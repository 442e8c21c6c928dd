import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../../auth/auth.decorators.js';
import type { Principal } from '../../auth/principal.js';
import { IdParamDto } from '../../common/dto/id-param.dto.js';
import type { TimelineEntryDto } from '../dto/complaint-view.dto.js';
import { ComplaintMessageDto } from '../dto/create-complaint.dto.js';
import {
  ComplaintCaseDto,
  ComplaintQueueQuery,
  ComplaintTransitionDto,
  EvidenceParams,
} from '../dto/regulator-complaints.dto.js';
import { ComplaintCasesService, type Page } from './complaint-cases.service.js';
import type { ComplaintQueueItemDto } from '../dto/regulator-complaints.dto.js';

/**
 * Case handling for the regulators of the complaint's jurisdiction. Observers are kept out:
 * complaints hold personal data that read-only oversight does not need.
 */
@ApiTags('regulator: complaints')
@ApiBearerAuth()
@RequireRole('admin', 'regulator')
@Controller('regulator/complaints')
export class RegulatorComplaintsController {
  constructor(private readonly cases: ComplaintCasesService) {}

  @Get()
  queue(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ComplaintQueueQuery,
  ): Promise<Page<ComplaintQueueItemDto>> {
    return this.cases.queue(principal, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ComplaintCaseDto })
  get(@CurrentPrincipal() principal: Principal, @Param() { id }: IdParamDto) {
    return this.cases.get(principal, id);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @ApiOkResponse({ type: ComplaintCaseDto })
  transition(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: ComplaintTransitionDto,
  ): Promise<ComplaintCaseDto> {
    return this.cases.transition(principal, id, body);
  }

  @Post(':id/messages')
  @HttpCode(201)
  message(
    @CurrentPrincipal() principal: Principal,
    @Param() { id }: IdParamDto,
    @Body() body: ComplaintMessageDto,
  ): Promise<TimelineEntryDto> {
    return this.cases.message(principal, id, body.message);
  }

  @Get(':id/evidence/:evidenceId')
  async evidence(
    @CurrentPrincipal() principal: Principal,
    @Param() { id, evidenceId }: EvidenceParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const file = await this.cases.evidence(principal, id, evidenceId);
    const name = file.fileName ?? `evidence-${evidenceId}`;
    void reply
      .header('Content-Type', file.contentType)
      .header('Cache-Control', 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff')
      // Attachment, never inline: an uploaded file must not run as a page of this origin.
      .header(
        'Content-Disposition',
        `attachment; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
    return file.bytes;
  }
}
