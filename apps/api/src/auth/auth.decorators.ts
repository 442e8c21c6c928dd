import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@fair-recruit/domain';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal.js';

export const ROLES_KEY = 'fair-recruit:roles';

/** Requires a bearer token of one of these roles; without it a route is public. */
export const RequireRole = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<FastifyRequest & { principal: Principal }>().principal,
);
