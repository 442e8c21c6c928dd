import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators.js';
import type { Principal } from '../auth/principal.js';
import { IdParamDto } from '../common/dto/id-param.dto.js';
import { CreateUserDto, UpdateUserDto, UserDto } from './dto/create-user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('accounts')
@ApiBearerAuth()
@RequireRole('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() body: CreateUserDto, @CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return this.users.create(body, principal.userId);
  }

  @Get()
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Patch(':id')
  update(
    @Param() { id }: IdParamDto,
    @Body() body: UpdateUserDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<UserDto> {
    return this.users.update(id, body, principal.userId);
  }

  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param() { id }: IdParamDto, @CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return this.users.setDisabled(id, true, principal.userId);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@Param() { id }: IdParamDto, @CurrentPrincipal() principal: Principal): Promise<UserDto> {
    return this.users.setDisabled(id, false, principal.userId);
  }
}
