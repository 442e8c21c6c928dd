import { STORED_STATUSES, type StoredStatus } from '@fair-recruit/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class ChangeStatusDto {
  @ApiProperty({ enum: STORED_STATUSES }) @IsIn(STORED_STATUSES) status!: StoredStatus;

  @ApiProperty({ description: 'Why: shown to the public beside the status.' })
  @IsString()
  @Matches(/\S/, { message: 'reason must not be empty' })
  @MaxLength(2000)
  reason!: string;

  @ApiPropertyOptional({ description: "The regulator's decision reference." })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}
