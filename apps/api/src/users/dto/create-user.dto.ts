import { ROLES, type Role } from '@fair-recruit/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsJurisdictionCode } from '../../common/validators/is-jurisdiction-code.js';

export class CreateUserDto {
  @ApiProperty() @IsEmail() @MaxLength(254) email!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(256)
  password!: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role!: Role;

  @ApiPropertyOptional({ type: [String], example: ['GB'] })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(250)
  @IsJurisdictionCode({ each: true })
  jurisdictions?: string[];
}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) jurisdictions!: string[];
  @ApiProperty() disabled!: boolean;
  @ApiProperty() createdAt!: string;
}
