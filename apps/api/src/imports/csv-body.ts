import { errorCodes, type FastifyInstance } from 'fastify';
import { IMPORT_MAX_BYTES } from './import-columns.js';

/** Route config (`@RouteConfig(CSV_BODY)`) of the routes that take a `text/csv` body. */
export const CSV_BODY = { csvBody: true };

/**
 * A `text/csv` body as the handler receives it. The bytes sit in a private field so that the
 * global body hooks, which walk every property of a body, do not walk 50 MB one byte at a time.
 */
export class CsvBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}

/**
 * Accepts `text/csv` bodies of up to IMPORT_MAX_BYTES, on the routes marked CSV_BODY only: every
 * other route refuses the type (415) before reading a byte, and keeps the small JSON limit.
 */
export function acceptCsvBodies(fastify: FastifyInstance): void {
  fastify.addContentTypeParser('text/csv', (request, payload, done) => {
    const config = request.routeOptions.config as { csvBody?: boolean } | undefined;
    if (config?.csvBody !== true) {
      done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), undefined);
      return;
    }
    if (Number(request.headers['content-length']) > IMPORT_MAX_BYTES) {
      done(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), undefined);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (error: Error | null, body?: CsvBody) => {
      if (finished) return;
      finished = true;
      payload.removeAllListeners('data');
      done(error, body);
    };
    payload.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > IMPORT_MAX_BYTES) {
        finish(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE());
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => finish(null, new CsvBody(Buffer.concat(chunks))));
    payload.on('error', (error) => finish(error));
  });
}
