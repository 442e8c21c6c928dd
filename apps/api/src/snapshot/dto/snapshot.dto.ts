import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

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

  @ApiPropertyOptional({
    description:
      "The payload format: 1 (the default) writes a string per value; 2 packs each field's values into one string, which a client reads several times faster (libs/snapshot/README.md). Each format has its own ETag.",
    enum: ['1', '2'],
    example: '2',
  })
  @IsOptional()
  @IsIn(['1', '2'], { message: 'format must be 1 or 2' })
  format?: '1' | '2';
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
