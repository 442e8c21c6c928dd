import { Controller, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { invalidInput } from '../../common/domain-error.js';
import { validateInput } from '../../common/validation.js';
import { ComplaintFollowUpDto, TimelineEntryDto } from '../dto/complaint-view.dto.js';
import {
  ComplaintMessageDto,
  ComplaintReceiptDto,
  CreateComplaintDto,
} from '../dto/create-complaint.dto.js';
import { ComplaintFollowUpService } from './complaint-follow-up.service.js';
import { ComplaintIntakeService, type UploadedFile } from './complaint-intake.service.js';
import { COMPLAINT_INTAKE_LIMIT } from './intake-rate-limit.js';
import { readMultipart } from './multipart.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

export class ReferenceParam {
  @Matches(/^[A-Za-z0-9 -]{8,24}$/, { message: 'reference must look like FR-XXXX-XXXX' })
  reference!: string;
}

const RECEIPT_HEADER = {
  name: 'X-Receipt-Code',
  required: true,
  description: 'The receipt code given when the complaint was filed.',
};

/** Health workers' side: file a complaint, then follow it with reference + receipt code. */
@ApiTags('complaints')
@Controller('complaints')
export class ComplaintsController {
  constructor(
    private readonly intake: ComplaintIntakeService,
    private readonly followUp: ComplaintFollowUpService,
  ) {}

  @Post()
  @HttpCode(201)
  @RouteConfig(COMPLAINT_INTAKE_LIMIT)
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    type: CreateComplaintDto,
    description:
      'JSON; or multipart/form-data with the JSON in a "complaint" field and up to 10 files in "evidence".',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Retrying with the same key and body returns the first answer, never a second complaint.',
  })
  @ApiCreatedResponse({ type: ComplaintReceiptDto })
  async submit(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ): Promise<ComplaintReceiptDto> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw invalidInput([
        { field: 'Idempotency-Key', message: 'must be 8–128 characters of A–Z a–z 0–9 _ . : -' },
      ]);
    }
    let body: unknown = request.body;
    let files: UploadedFile[] = [];
    if (request.isMultipart()) {
      ({ json: body, files } = await readMultipart(request, 'complaint'));
    }
    const input = await validateInput(CreateComplaintDto, body);
    const { answer, replayed } = await this.intake.submit(input, files, idempotencyKey);
    void reply.header('Cache-Control', 'no-store');
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return answer;
  }

  @Get(':reference')
  @RouteConfig(COMPLAINT_INTAKE_LIMIT)
  @ApiHeader(RECEIPT_HEADER)
  @ApiOkResponse({ type: ComplaintFollowUpDto })
  view(
    @Param() { reference }: ReferenceParam,
    @Headers('x-receipt-code') receiptCode: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ComplaintFollowUpDto> {
    void reply.header('Cache-Control', 'no-store');
    return this.followUp.view(reference, receiptCode);
  }

  @Post(':reference/messages')
  @HttpCode(201)
  @RouteConfig(COMPLAINT_INTAKE_LIMIT)
  @ApiHeader(RECEIPT_HEADER)
  @ApiBody({ type: ComplaintMessageDto })
  @ApiCreatedResponse({ type: TimelineEntryDto })
  async addMessage(
    @Param() { reference }: ReferenceParam,
    @Headers('x-receipt-code') receiptCode: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<TimelineEntryDto> {
    const { message } = await validateInput(ComplaintMessageDto, request.body);
    return this.followUp.addMessage(reference, receiptCode, message);
  }

  @Post(':reference/evidence')
  @HttpCode(201)
  @RouteConfig(COMPLAINT_INTAKE_LIMIT)
  @ApiHeader(RECEIPT_HEADER)
  @ApiConsumes('multipart/form-data')
  @ApiCreatedResponse({ type: ComplaintFollowUpDto })
  async addEvidence(
    @Param() { reference }: ReferenceParam,
    @Headers('x-receipt-code') receiptCode: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<ComplaintFollowUpDto> {
    if (!request.isMultipart()) {
      throw invalidInput([
        { field: 'evidence', message: 'send the files as multipart/form-data in "evidence"' },
      ]);
    }
    const { files } = await readMultipart(request, null);
    return this.followUp.addEvidence(reference, receiptCode, files);
  }
}
