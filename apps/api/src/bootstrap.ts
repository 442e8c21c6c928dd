import 'reflect-metadata';
import { ConsoleLogger, RequestMethod, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import { AppModule } from './app.module.js';
import { LOGIN_RATE_LIMIT } from './auth/login-rate-limit.js';
import { DomainError, invalidInput } from './common/domain-error.js';
import { findTooDeep, findUnstorableText, MAX_INPUT_DEPTH } from './common/nul-bytes.js';
import type { AppConfig } from './config/app-config.js';
import type { DatabaseUrls } from './database/data-source-options.js';
import { ProblemFilter, sendProblem } from './common/problem.filter.js';
import { limitIntake } from './complaints/intake/intake-rate-limit.js';
import { MULTIPART_LIMITS } from './complaints/intake/multipart.js';
import { createValidationPipe } from './common/validation.js';
import { acceptCsvBodies } from './imports/csv-body.js';
import { servePortal } from './portal/serve-portal.js';

export const API_PREFIX = 'api/v1';

const NEST_LEVELS: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** A caller's request id is kept only if it looks like one; anything else could inject into logs. */
const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export async function createApp(
  config: AppConfig,
  database: DatabaseUrls,
): Promise<NestFastifyApplication> {
  const logger = new ConsoleLogger({
    json: true,
    logLevels: NEST_LEVELS[config.LOG_LEVEL] ?? NEST_LEVELS.info,
  });
  const adapter = new FastifyAdapter({
    // Errors Fastify finds before routing (a malformed percent-encoding in the path) get the same
    // problem document as everything else.
    frameworkErrors: (error: Error, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, request, error, logger),
    // Requests too broken to parse at all (header too large): answered on the socket directly.
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify({
        type: 'about:blank',
        status,
        title: status === 431 ? 'Request header fields too large' : 'Bad request',
        code: status === 431 ? 'request_header_too_large' : 'bad_request',
      });
      socket.end(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    // Request lines are logged by the hook below, by route template: no query strings, no IDs,
    // no client address (personal data never reaches a log).
    logger: false,
    trustProxy: false,
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, database),
    adapter,
    {
      logger,
    },
  );

  const fastify = app.getHttpAdapter().getInstance();
  LOGIN_RATE_LIMIT.perMinute = config.LOGIN_RATE_LIMIT_PER_MINUTE;
  // Only routes that ask for it (login, complaint intake) are limited; counters live in memory.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new DomainError(
        'rate_limited',
        429,
        'Too many requests',
        `Too many attempts. Try again in ${context.after}.`,
      ),
  });
  limitIntake(
    fastify,
    config.COMPLAINT_RATE_LIMIT_PER_MINUTE,
    config.COMPLAINT_GLOBAL_RATE_LIMIT_PER_MINUTE,
  );
  // Evidence uploads: parsed on demand by the routes that take files (see complaints/intake).
  await app.register(multipart, { limits: MULTIPART_LIMITS });
  // CSV imports: up to 50 MB, on the import route only.
  acceptCsvBodies(fastify);
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header('X-Request-Id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    logger.log(
      {
        requestId: request.id,
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'http',
    );
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const deep = findTooDeep(request.body);
    if (deep) {
      done(
        invalidInput([
          { field: deep, message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` },
        ]),
      );
      return;
    }
    const unstorable = findUnstorableText(request.query) ?? findUnstorableText(request.body);
    done(unstorable ? invalidInput([unstorable]) : undefined);
  });
  // Errors Fastify raises before a route runs (body too large, bad JSON, wrong content type) reach
  // Nest's own Fastify error handler, hence the ProblemFilter: a handler of ours set here would be
  // replaced by Nest's at init (Fastify's FSTWRN004) and never run.

  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fair Recruit API')
      .setDescription(
        'National registries of authorized recruiters of health personnel (WHO Global Code of Practice, draft Art. 9.5/9.6).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
  await servePortal(fastify, config.PORTAL_DIR, logger);
  return app;
}
