import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from './auth.guard.js';
import { CurrentPrincipal, RequireRole } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { LoginDto, LoginResponseDto } from './dto/login.dto.js';
import type { Principal } from './principal.js';
import { LOGIN_RATE_LIMIT } from './login-rate-limit.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  // Per client, counted in memory by @fastify/rate-limit (see bootstrap); the address is never stored.
  @RouteConfig({ rateLimit: { max: () => LOGIN_RATE_LIMIT.perMinute, timeWindow: 60_000 } })
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Body() body: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(body.email, body.password);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @RequireRole('admin', 'regulator', 'observer')
  async logout(@Req() request: FastifyRequest): Promise<void> {
    await this.auth.logout(bearerToken(request)!);
  }

  @Get('me')
  @ApiBearerAuth()
  @RequireRole('admin', 'regulator', 'observer')
  me(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }
}
