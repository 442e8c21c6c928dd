import type { FastifyRequest } from 'fastify';
import { DomainError, invalidInput } from '../common/domain-error.js';
import { IMPORT_MAX_BYTES } from './import-columns.js';

const tooLarge = () =>
  new DomainError(
    'payload_too_large',
    413,
    'Payload too large',
    `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
  );

const code = (error: unknown) =>
  typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;

/** The CSV of a multipart upload: one file in the field `file`, nothing else. */
export async function readUploadedCsv(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new DomainError(
      'unsupported_media_type',
      415,
      'Unsupported media type',
      'Send the CSV as a text/csv body, or as multipart/form-data with one file field "file".',
    );
  }
  let bytes: Buffer | null = null;
  try {
    const parts = request.parts({
      limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 0, parts: 1 },
    });
    for await (const part of parts) {
      if (part.type !== 'file' || part.fieldname !== 'file') {
        if (part.type === 'file') part.file.resume();
        throw invalidInput([
          { field: part.fieldname, message: 'unknown field; the CSV goes in "file"' },
        ]);
      }
      bytes = await part.toBuffer();
      if (part.file.truncated) throw tooLarge();
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (code(error) === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT'].includes(String(code(error)))) {
      throw invalidInput([{ field: '(body)', message: 'must hold one file field "file" only' }]);
    }
    throw invalidInput([{ field: '(body)', message: 'is not a valid multipart/form-data body' }]);
  }
  if (bytes === null) throw invalidInput([{ field: 'file', message: 'is required: the CSV file' }]);
  return bytes;
}
