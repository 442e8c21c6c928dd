import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ExportedRecruiterDto, ExportQueryDto } from './dto/export.dto.js';
import {
  EXPORT_CSV_DESCRIPTION,
  RecruitersExportService,
  type ExportFormat,
} from './recruiters-export.service.js';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

@ApiTags('open data')
@Controller('export')
export class OpenDataController {
  constructor(private readonly exports: RecruitersExportService) {}

  @Get('recruiters.csv')
  @ApiOperation({
    summary: 'The whole registry (every status) as CSV, streamed',
    description: EXPORT_CSV_DESCRIPTION,
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'An attachment named recruiters[-XX]-YYYY-MM-DD.csv.',
    content: { 'text/csv': { schema: { type: 'string' } } },
  })
  csv(@Query() query: ExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.send('csv', query, reply);
  }

  @Get('recruiters.json')
  @ApiOperation({
    summary: 'The whole registry (every status) as a JSON array, streamed',
    description:
      'One object per recruiter, ordered by id: its public fields and `history`, every status change oldest first.',
  })
  @ApiOkResponse({
    type: [ExportedRecruiterDto],
    description: 'An attachment named recruiters[-XX]-YYYY-MM-DD.json.',
  })
  json(@Query() query: ExportQueryDto, @Res() reply: FastifyReply): Promise<void> {
    return this.send('json', query, reply);
  }

  private async send(format: ExportFormat, { jurisdiction }: ExportQueryDto, reply: FastifyReply) {
    const stream = await this.exports.open(format, jurisdiction);
    void reply
      .type(CONTENT_TYPES[format])
      .header(
        'Content-Disposition',
        `attachment; filename="${this.exports.fileName(format, jurisdiction)}"`,
      )
      .send(stream);
  }
}
