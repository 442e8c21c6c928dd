import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import {
  CreateJurisdictionDto,
  JurisdictionCodeParamDto,
  JurisdictionDto,
  UpdateJurisdictionDto,
} from './dto/jurisdiction.dto.js';
import { JurisdictionsService } from './jurisdictions.service.js';

@ApiTags('jurisdictions')
@Controller('jurisdictions')
export class JurisdictionsController {
  constructor(private readonly jurisdictions: JurisdictionsService) {}

  /** The register of designated national authorities. */
  @Get()
  async list(): Promise<{
    items: JurisdictionDto[];
    total: number;
    page: number;
    pageSize: number;
  }> {
    const items = await this.jurisdictions.list();
    // One page always: there are fewer than 250 countries.
    return { items, total: items.length, page: 1, pageSize: items.length };
  }

  @Get(':code')
  get(@Param() { code }: JurisdictionCodeParamDto): Promise<JurisdictionDto> {
    return this.jurisdictions.get(code);
  }

  @Post()
  @ApiBearerAuth()
  @RequireRole('admin')
  create(
    @Body() body: CreateJurisdictionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JurisdictionDto> {
    return this.jurisdictions.create(body, principal.userId);
  }

  @Patch(':code')
  @ApiBearerAuth()
  @RequireRole('admin')
  update(
    @Param() { code }: JurisdictionCodeParamDto,
    @Body() body: UpdateJurisdictionDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<JurisdictionDto> {
    return this.jurisdictions.update(code, body, principal.userId);
  }
}
