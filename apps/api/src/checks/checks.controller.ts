import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckRequestDto, CheckResultDto } from './dto/check.dto.js';
import { ChecksService } from './checks.service.js';

@ApiTags('checks')
@Controller('checks')
export class ChecksController {
  constructor(private readonly checks: ChecksService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Check a job ad against the registries',
    description:
      'The same matcher the browser extension runs locally: licence number, then website or e-mail domain, ' +
      'then phone, then the normalized name; plus red flags in the ad text with the Code article each concerns.',
  })
  @ApiOkResponse({ type: CheckResultDto })
  check(@Body() body: CheckRequestDto): Promise<CheckResultDto> {
    return this.checks.check(body);
  }
}
