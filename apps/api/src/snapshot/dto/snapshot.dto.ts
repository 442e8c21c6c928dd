import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class SnapshotQueryDto {
  @ApiPropertyOptional({
    description:
      'The version the client holds. Answered with a signed delta from it when the server still has that version, with 304 when it is the current one, and with the full snapshot otherwise.',
    type: 'integer',
    minimum: 1,
    example: 41,
  })
  @IsOptional()
  // Digits only (Number() would also take " 7", "1e3" or "0x1f"), and at most 15 of them: every
  // such number is a safe integer.
  @Matches(/^[1-9][0-9]{0,14}$/, {
    message: 'since must be a positive integer: the version of the snapshot held',
  })
  since?: string;
}

export class SignedEnvelopeDto {
  @ApiProperty({
    description:
      'The snapshot (or delta) as a JSON string: verify the signature over its UTF-8 bytes, then parse exactly this string. Layout: libs/snapshot/README.md.',
  })
  payload!: string;

  @ApiProperty({ example: '3f2a9c0d4b1e8f76' }) keyId!: string;

  @ApiProperty({ enum: ['Ed25519'] }) alg!: 'Ed25519';

  @ApiProperty({ description: 'Base64 of the 64-byte Ed25519 signature over the payload.' })
  signature!: string;
}

export class PublishedKeyDto {
  @ApiProperty({ example: '3f2a9c0d4b1e8f76' }) keyId!: string;

  @ApiProperty({ enum: ['Ed25519'] }) alg!: 'Ed25519';

  @ApiProperty({ description: 'Base64 of the raw 32-byte Ed25519 public key.' })
  publicKey!: string;
}

export class SnapshotKeysDto {
  @ApiProperty({ type: [PublishedKeyDto] }) keys!: PublishedKeyDto[];
}
