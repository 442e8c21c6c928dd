import { isCountryCode } from '@fair-recruit/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  registerDecorator,
} from 'class-validator';
import { GLOBAL_CHAIN } from '../audit.service.js';

/** A jurisdiction code ("GB") or `global`: the names of the chains. */
function IsAuditChain() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isAuditChain',
      target: target.constructor,
      propertyName,
      options: {
        message: '$property must be an ISO 3166-1 alpha-2 country code such as GB, or global',
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && (value === GLOBAL_CHAIN || isCountryCode(value)),
      },
    });
}

export class AuditChainParamDto {
  @ApiProperty({
    example: 'GB',
    description: 'The chain: a jurisdiction code, or `global` (accounts and jurisdictions).',
  })
  @IsAuditChain()
  jurisdiction!: string;
}

export class AuditEventsQuery {
  @ApiPropertyOptional({
    default: 0,
    description: 'Entries after this seq (keyset paging): 0 for the start, then `nextAfterSeq`.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  afterSeq: number = 0;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 100;

  @ApiPropertyOptional({
    example: 'recruiter',
    description: "Only one record's entries (its audit trail): the kind of record, with entityId.",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{1,40}$/, { message: 'entityType must be a record kind such as recruiter' })
  entityType?: string;

  @ApiPropertyOptional({ description: "Only one record's entries: its id (a recruiter's uuid)." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  entityId?: string;
}

/** One entry of a chain, with every field its hash covers. */
export class AuditEventDto {
  @ApiProperty({ example: 'GB' }) chain!: string;
  @ApiProperty() seq!: number;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ nullable: true, description: 'The account that acted; null for the system.' })
  actorId!: string | null;
  @ApiProperty({ example: 'recruiter.status_changed' }) action!: string;
  @ApiProperty({ example: 'recruiter' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: unknown;
  @ApiProperty({ description: 'The hash of the entry before; 64 zeros for the first.' })
  prevHash!: string;
  @ApiProperty({
    description: 'SHA-256 (hex) of the RFC 8785 canonical JSON of every field above.',
  })
  hash!: string;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ description: 'Entries in the chain (its last seq).' }) total!: number;
  @ApiProperty({ description: 'floor(afterSeq / limit) + 1.' }) page!: number;
  @ApiProperty({ description: 'The limit asked for.' }) pageSize!: number;
  @ApiProperty({ nullable: true, description: 'The afterSeq of the next page; null at the end.' })
  nextAfterSeq!: number | null;
}

export class AuditCheckpointDto {
  @ApiProperty({ example: 'GB' }) chain!: string;
  @ApiProperty({ description: 'Entries in the chain; 0 when empty.' }) size!: number;
  @ApiProperty({ description: 'Hash of entry `size`; 64 zeros when the chain is empty.' })
  headHash!: string;
  @ApiProperty({ example: '2026-03-01T12:00:00.000Z' }) issuedAt!: string;
  @ApiProperty({ description: 'Which key of `GET /snapshot/keys` signed it.' }) keyId!: string;
  @ApiProperty({ enum: ['Ed25519'] }) alg!: 'Ed25519';
  @ApiProperty({ description: 'Base64 of the 64-byte Ed25519 signature.' }) signature!: string;
}
