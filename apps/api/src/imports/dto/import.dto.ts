import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';

export class ImportQueryDto {
  @ApiProperty({ example: 'GB', description: 'The registry the file is imported into.' })
  @IsJurisdictionCode()
  jurisdiction!: string;

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description: 'true: check the file and say what would change, writing nothing.',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun: boolean = false;
}

export class ImportErrorDto {
  @ApiProperty({ description: 'The row a spreadsheet shows; the header is row 1.' }) row!: number;
  @ApiProperty({ description: 'The column, or (file) / (row).' }) field!: string;
  @ApiProperty() message!: string;
}

export class ImportResultDto {
  @ApiProperty() dryRun!: boolean;
  @ApiPropertyOptional({
    description:
      'Set when an import wrote something: the `importId` of its audit entries (`recruiters.imported` sums it up).',
  })
  importId?: string;
  @ApiProperty({ description: 'Data rows in the file (blank rows not counted).' }) rows!: number;
  @ApiProperty() valid!: number;
  @ApiProperty() invalid!: number;
  @ApiProperty({ description: 'New records (created, when not a dry run).' }) toCreate!: number;
  @ApiProperty({ description: 'Records whose fields or status change.' }) toUpdate!: number;
  @ApiProperty({ description: 'Records identical to their row: left untouched.' })
  unchanged!: number;
  @ApiProperty({
    description:
      'Problems found in the file, all of them (`errors` lists the first 1,000; `POST /imports/problems.csv` gives every one).',
  })
  problemCount!: number;
  @ApiProperty({
    type: [ImportErrorDto],
    description: 'Every problem, by row (the first 1,000; `invalid` counts every bad row).',
  })
  errors!: ImportErrorDto[];
}
