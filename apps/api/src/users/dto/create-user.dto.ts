import { ROLES, type Role } from '@fair-recruit/domain';
import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
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

/**
 * A new role or set of registries for an account; what is left out stays as it is. Moving an
 * account away from `regulator` clears its registries (giving some is refused).
 */
export class UpdateUserDto extends PartialType(
  PickType(CreateUserDto, ['role', 'jurisdictions']),
) {}

export class UserDto {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: [String] }) jurisdictions!: string[];
  @ApiProperty() disabled!: boolean;
  @ApiProperty() createdAt!: string;
}
