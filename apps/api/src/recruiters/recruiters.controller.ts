import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { IdParamDto } from '../common/dto/id-param.dto.js';
import { ChangeStatusDto } from './dto/change-status.dto.js';
import { CreateRecruiterDto, UpdateRecruiterDto } from './dto/recruiter-input.dto.js';
import { RecruiterDto, RecruiterPageDto, RecruiterPrivateDto } from './dto/recruiter.dto.js';
import { SearchRecruitersQuery } from './dto/search-recruiters.query.js';
import { RecruitersSearchService } from './recruiters-search.service.js';
import { RecruitersService, type RecruiterWithEtag } from './recruiters.service.js';

function withEtag<T>(reply: FastifyReply, result: RecruiterWithEtag<T>): T {
  void reply.header('ETag', result.etag);
  return result.body;
}

@ApiTags('recruiters')
@Controller()
export class RecruitersController {
  constructor(
    private readonly recruiters: RecruitersService,
    private readonly search: RecruitersSearchService,
  ) {}

  @Get('recruiters')
  @ApiOkResponse({ type: RecruiterPageDto })
  find(@Query() query: SearchRecruitersQuery): Promise<RecruiterPageDto> {
    return this.search.search(query);
  }

  @Get('recruiters/:id')
  @ApiOkResponse({ type: RecruiterDto })
  async get(@Param() { id }: IdParamDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return withEtag(reply, await this.recruiters.get(id));
  }

  @Post('recruiters')
  @ApiBearerAuth()
  @RequireRole('admin', 'regulator')
  @ApiOkResponse({ type: RecruiterPrivateDto })
  async register(
    @Body() body: CreateRecruiterDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.recruiters.register(body, principal);
    void reply.header('Location', `/api/v1/recruiters/${result.body.id}`);
    return withEtag(reply, result);
  }

  @Patch('recruiters/:id')
  @ApiBearerAuth()
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the version edited.' })
  @RequireRole('admin', 'regulator')
  @ApiOkResponse({ type: RecruiterPrivateDto })
  async update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateRecruiterDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.recruiters.update(id, body, ifMatch, principal));
  }

  @Post('recruiters/:id/status')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiHeader({ name: 'If-Match', required: false })
  @RequireRole('admin', 'regulator')
  @ApiOkResponse({ type: RecruiterPrivateDto })
  async changeStatus(
    @Param() { id }: IdParamDto,
    @Body() body: ChangeStatusDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.recruiters.changeStatus(id, body, ifMatch, principal));
  }

  /** A regulator's view with internal fields; 404 outside the caller's jurisdictions. */
  @Get('regulator/recruiters/:id')
  @ApiBearerAuth()
  @RequireRole('admin', 'regulator', 'observer')
  @ApiOkResponse({ type: RecruiterPrivateDto })
  async getPrivate(
    @Param() { id }: IdParamDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return withEtag(reply, await this.recruiters.getPrivate(id, principal));
  }
}
