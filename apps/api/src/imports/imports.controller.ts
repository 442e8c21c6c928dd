import { applyDecorators, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { CSV_BODY, CsvBody } from './csv-body.js';
import { ImportQueryDto, ImportResultDto } from './dto/import.dto.js';
import { IMPORT_CSV_DESCRIPTION, IMPORT_TEMPLATE_CSV } from './import-columns.js';
import { readUploadedCsv } from './import-upload.js';
import { RecruitersImportService } from './recruiters-import.service.js';

/** The routes that read an import file: a text/csv body, or the "file" field of a multipart upload. */
const TakesImportFile = () =>
  applyDecorators(
    RouteConfig(CSV_BODY),
    ApiConsumes('text/csv', 'multipart/form-data'),
    ApiBody({
      description:
        'The CSV as the body, or multipart/form-data with the CSV in one file field "file".',
      schema: { type: 'string', format: 'binary' },
    }),
  );

async function importFileOf(request: FastifyRequest): Promise<Uint8Array> {
  return request.body instanceof CsvBody ? request.body.bytes : readUploadedCsv(request);
}

@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: RecruitersImportService) {}

  @Get('template.csv')
  @ApiOperation({ summary: 'The import template: the header row and one example row' })
  @ApiProduces('text/csv')
  template(@Res() reply: FastifyReply): void {
    void reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="recruiters-import-template.csv"')
      .send(IMPORT_TEMPLATE_CSV);
  }

  @Post()
  @HttpCode(200)
  @ApiBearerAuth()
  @RequireRole('admin', 'regulator')
  @TakesImportFile()
  @ApiOperation({
    summary: "Import recruiters into a jurisdiction's registry from CSV (all rows or none)",
    description: IMPORT_CSV_DESCRIPTION,
  })
  @ApiOkResponse({
    type: ImportResultDto,
    description:
      'What the file does (dry run) or did. A real run with any invalid row answers 400 `import_rows_invalid` with the same `errors` and writes nothing.',
  })
  async import(
    @Query() query: ImportQueryDto,
    @Req() request: FastifyRequest,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ImportResultDto> {
    const bytes = await importFileOf(request);
    return this.imports.import(query.jurisdiction, bytes, query.dryRun, principal);
  }

  @Post('problems.csv')
  @HttpCode(200)
  @ApiBearerAuth()
  @RequireRole('admin', 'regulator')
  @TakesImportFile()
  @ApiOperation({
    summary: 'Every problem in an import file, as CSV (row, field, message); writes nothing',
    description:
      'The same checks as a dry run, without its limit of 1,000 listed problems. `dryRun` is ignored.',
  })
  @ApiProduces('text/csv')
  async problems(
    @Query() query: ImportQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const bytes = await importFileOf(request);
    const problems = await this.imports.problems(query.jurisdiction, bytes, principal);
    void reply
      .type('text/csv; charset=utf-8')
      .header(
        'Content-Disposition',
        `attachment; filename="import-problems-${query.jurisdiction}.csv"`,
      )
      .send(
        stringify(problems, {
          header: true,
          columns: ['row', 'field', 'message'],
          // Only our own words today; should a message ever quote a cell, it stays text.
          escape_formulas: true,
        }),
      );
  }
}
