import type { Logger } from '@nestjs/common';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { notFound } from '../common/domain-error.js';
import { sendProblem } from '../common/problem.filter.js';

/** apps/portal/dist, from apps/api/src/portal (tests) or apps/api/dist/portal (built). */
export const DEFAULT_PORTAL_DIR = resolve(import.meta.dirname, '../../../portal/dist');

/**
 * Only what the portal needs: its own scripts, styles and API; images from itself, data: and
 * blob: (previews); never framed (clickjacking on the complaint form and the console).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(reply: FastifyReply): void {
  void reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  void reply.header('X-Content-Type-Options', 'nosniff');
  // A recruiter's page URL never leaks to the sites it links to.
  void reply.header('Referrer-Policy', 'no-referrer');
  void reply.header('X-Frame-Options', 'DENY');
}

/**
 * Serves the portal at `/` (one process, one port): hashed assets cached for a year, every other
 * path that is not the API answered with index.html, so a deep link (`/recruiters/…`) opens the
 * right page. Unknown `/api/…` paths keep answering problem+json 404s.
 */
export async function servePortal(
  fastify: FastifyInstance,
  portalDir: string | undefined,
  logger: Pick<Logger, 'warn' | 'error'>,
): Promise<void> {
  const root = portalDir ?? DEFAULT_PORTAL_DIR;
  if (!existsSync(join(root, 'index.html'))) {
    logger.warn(`No portal build at ${root}: serving the API only (npm run build:portal).`);
    return;
  }
  await fastify.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    // .br / .gz written at build time (apps/portal/scripts/precompress.mjs).
    preCompressed: true,
    setHeaders: (response, path) => {
      void response.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      void response.header('X-Content-Type-Options', 'nosniff');
    },
  });
  const sendIndex = (reply: FastifyReply) => {
    securityHeaders(reply);
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  };
  fastify.get('/', (_request, reply) => sendIndex(reply));
  fastify.get('/*', (request, reply) => {
    const path = request.url.split('?')[0];
    if (path.startsWith('/api/') || path.startsWith('/health/') || path.startsWith('/assets/')) {
      sendProblem(reply, request, notFound('route', 'No such route.'), logger);
      return reply;
    }
    return sendIndex(reply);
  });
}
