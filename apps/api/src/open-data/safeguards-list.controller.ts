import type { SafeguardsList } from '@fair-recruit/domain';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { SafeguardsListDto } from './dto/safeguards-list.dto.js';
import { SafeguardsListService } from './safeguards-list.service.js';

@ApiTags('open data')
@Controller('safeguards-list')
export class SafeguardsListController {
  constructor(private readonly safeguards: SafeguardsListService) {}

  @Get()
  @ApiOperation({
    summary: 'The WHO Health Workforce Support and Safeguards List in force',
    description:
      'Countries whose health workers must not be actively recruited (draft Code Box 2, adopted Code 5.1). ' +
      'The 2023 edition (WHO, ISBN 9789240069787) until an administrator publishes another.',
  })
  @ApiOkResponse({ type: SafeguardsListDto })
  current(): Promise<SafeguardsList> {
    return this.safeguards.current();
  }

  @Put()
  @ApiBearerAuth()
  @RequireRole('admin')
  @ApiOperation({ summary: 'Publish a new edition of the list, replacing the one in force' })
  @ApiOkResponse({ type: SafeguardsListDto })
  replace(
    @Body() body: SafeguardsListDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<SafeguardsList> {
    return this.safeguards.replace(body, principal);
  }
}
