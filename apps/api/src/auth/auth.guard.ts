import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@fair-recruit/domain';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../common/domain-error.js';
import { ROLES_KEY } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import type { Principal } from './principal.js';

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** Global guard: routes marked with @RequireRole need a valid bearer token of that role. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const token = bearerToken(request);
    const principal = token ? await this.auth.authenticate(token) : null;
    if (!principal) {
      throw new DomainError(
        'unauthenticated',
        401,
        'Unauthorized',
        'Log in and send the token as "Authorization: Bearer <token>".',
      );
    }
    if (!roles.includes(principal.role)) {
      throw new DomainError(
        'forbidden',
        403,
        'Forbidden',
        `This needs one of the roles: ${roles.join(', ')}.`,
      );
    }
    request.principal = principal;
    return true;
  }
}
