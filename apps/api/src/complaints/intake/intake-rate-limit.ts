import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';

/** Route config that puts a route behind the anonymous-intake limits (see `limitIntake`). */
export const COMPLAINT_INTAKE_LIMIT = { complaintIntake: true };

// Client addresses are counted in memory under a salted hash that dies with the process: the
// limiter needs to tell clients apart, not to know who they are.
const SALT = randomBytes(16);
const clientKey = (request: FastifyRequest) =>
  `intake:${createHash('sha256').update(SALT).update(request.ip).digest('base64url')}`;

/**
 * Anonymous submission and receipt checks are limited twice: per client, and for everyone
 * together, so a flood from many addresses still meets a ceiling. Both counters are in memory
 * (@fastify/rate-limit's local store); several instances each keep their own.
 */
export function limitIntake(
  fastify: FastifyInstance & { rateLimit: (options: object) => onRequestHookHandler },
  perClientPerMinute: number,
  globalPerMinute: number,
): void {
  const perClient = fastify.rateLimit({
    max: perClientPerMinute,
    timeWindow: 60_000,
    keyGenerator: clientKey,
  });
  const global = fastify.rateLimit({
    max: globalPerMinute,
    timeWindow: 60_000,
    keyGenerator: () => 'intake:all',
  });
  fastify.addHook('onRoute', (route) => {
    const config = route.config as { complaintIntake?: boolean } | undefined;
    if (!config?.complaintIntake) return;
    const existing = route.onRequest ? [route.onRequest].flat() : [];
    route.onRequest = [...existing, perClient, global];
  });
}
