import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { DomainError } from '../../common/domain-error.js';

/** Route config that puts a route behind the anonymous-intake limits (see `limitIntake`). */
export const COMPLAINT_INTAKE_LIMIT = { complaintIntake: true };

// Client addresses are counted in memory under a salted hash that dies with the process: the
// limiter needs to tell clients apart, not to know who they are.
const SALT = randomBytes(16);
const clientKey = (request: FastifyRequest) =>
  createHash('sha256').update(SALT).update(request.ip).digest('base64url');

/**
 * Anonymous submission and receipt checks are limited twice: per client, and for everyone
 * together, so a flood from many addresses still meets a ceiling. Both counters are in memory;
 * several instances each keep their own. (@fastify/rate-limit, used for login, runs only the
 * first of several limiters on a request, so it cannot hold both.)
 */
export function limitIntake(
  fastify: FastifyInstance,
  perClientPerMinute: number,
  globalPerMinute: number,
): void {
  const perClient = new RateLimiterMemory({ points: perClientPerMinute, duration: 60 });
  const everyone = new RateLimiterMemory({ points: globalPerMinute, duration: 60 });
  const limit = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await perClient.consume(clientKey(request));
      await everyone.consume('all');
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      void reply.header('Retry-After', String(seconds));
      throw new DomainError(
        'rate_limited',
        429,
        'Too many requests',
        `Too many attempts. Try again in ${seconds} seconds.`,
      );
    }
  };
  fastify.addHook('onRoute', (route) => {
    const config = route.config as { complaintIntake?: boolean } | undefined;
    if (!config?.complaintIntake) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [...existing, limit];
  });
}
