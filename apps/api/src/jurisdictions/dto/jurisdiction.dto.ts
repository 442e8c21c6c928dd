import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsOptional,
  IsString,
  IsObject,
  IsUrl,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';

export class AuthorityDto {
  @ApiProperty({ example: 'Department of Migrant Workers' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(300)
  name!: string;

  @ApiPropertyOptional({ example: 'https://www.dmw.gov.ph' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(500)
  website?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;
}

export class CreateJurisdictionDto {
  @ApiProperty({ example: 'PH' }) @IsJurisdictionCode() code!: string;

  @ApiProperty({ example: 'Philippines' })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name!: string;

  @ApiProperty({ type: AuthorityDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AuthorityDto)
  authority!: AuthorityDto;
}

/** An administrator's correction: the country's name and its authority, as now designated. */
export class UpdateJurisdictionDto {
  @ApiPropertyOptional({ example: 'Philippines' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    type: AuthorityDto,
    description: 'Replaces the authority whole: a website or e-mail left out is cleared.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => AuthorityDto)
  authority?: AuthorityDto;
}

export class JurisdictionCodeParamDto {
  @IsJurisdictionCode() code!: string;
}

export class JurisdictionDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: AuthorityDto }) authority!: AuthorityDto;
}
