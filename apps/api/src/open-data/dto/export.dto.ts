import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';
import { RecruiterDto, StatusChangeDto } from '../../recruiters/dto/recruiter.dto.js';

export class ExportQueryDto {
  @ApiPropertyOptional({ example: 'GB', description: 'Only this jurisdiction’s registry.' })
  @IsOptional()
  @IsJurisdictionCode()
  jurisdiction?: string;
}

/** One record of the JSON export: the public record with its whole status history. */
export class ExportedRecruiterDto extends OmitType(RecruiterDto, ['history'] as const) {
  @ApiProperty({ type: [StatusChangeDto], description: 'Every status decision, oldest first.' })
  history!: StatusChangeDto[];
}
