import type { WhoRegion } from '@fair-recruit/domain';
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsObject,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';

export const WHO_REGIONS: readonly WhoRegion[] = ['AFR', 'AMR', 'EMR', 'SEAR', 'WPR'];

export class SafeguardsListCountryDto {
  @ApiProperty({ example: 'GH', description: 'ISO 3166-1 alpha-2 code.' })
  @IsJurisdictionCode()
  code!: string;

  @ApiProperty({ example: 'Ghana' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: WHO_REGIONS, example: 'AFR' })
  @IsIn(WHO_REGIONS)
  whoRegion!: WhoRegion;
}

/** A new edition of the list, replacing the one in force. */
export class SafeguardsListDto {
  @ApiProperty({ example: '2023' })
  @IsString()
  @Matches(/\S/, { message: 'edition must not be blank' })
  @MaxLength(100)
  edition!: string;

  @ApiProperty({
    example:
      'WHO Health Workforce Support and Safeguards List 2023, World Health Organization, ISBN 9789240069787',
  })
  @IsString()
  @Matches(/\S/, { message: 'source must not be blank' })
  @MaxLength(500)
  source!: string;

  @ApiProperty({ type: [SafeguardsListCountryDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(250)
  @ArrayUnique((country: unknown) => (country as { code?: unknown } | null)?.code, {
    message: 'countries must not list a country code twice',
  })
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => SafeguardsListCountryDto)
  countries!: SafeguardsListCountryDto[];
}
