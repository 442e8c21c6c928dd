import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { DomainError, invalidInput } from '../../common/domain-error.js';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from '../../evidence/evidence-inspector.js';
import type { UploadedFile } from './complaint-intake.service.js';

/** What @fastify/multipart is told (see bootstrap): one more file than allowed, to say so. */
export const MULTIPART_LIMITS = {
  fileSize: EVIDENCE_MAX_BYTES,
  files: EVIDENCE_MAX_FILES + 1,
  fields: 4,
  fieldSize: 256 * 1024,
  parts: EVIDENCE_MAX_FILES + 5,
  headerPairs: 200,
};

export interface MultipartComplaint {
  /** The `complaint` field parsed as JSON, when `jsonField` was asked for. */
  json: unknown;
  files: UploadedFile[];
}

/**
 * Reads a multipart body: files in the `evidence` field, and optionally a JSON document in
 * `jsonField`. Every problem is a 400 naming the part; nothing is stored from here.
 */
export async function readMultipart(
  request: FastifyRequest,
  jsonField: string | null,
): Promise<MultipartComplaint> {
  const files: UploadedFile[] = [];
  let json: unknown = undefined;
  // The size-limit error can surface after the part's buffer resolved: remember which file it is.
  let lastFileIndex = 0;
  let parts: AsyncIterableIterator<Multipart>;
  try {
    parts = request.parts();
  } catch {
    throw invalidInput([
      { field: '(body)', message: 'is not a readable multipart/form-data body' },
    ]);
  }
  try {
    for await (const part of parts) {
      if (part.type === 'file' && jsonField !== null && part.fieldname === jsonField) {
        // The JSON sent as a file part (a browser Blob of type application/json).
        json = parseJson((await part.toBuffer()).toString('utf8'), jsonField);
      } else if (part.type === 'file') {
        const field = `evidence[${files.length}]`;
        if (part.fieldname !== 'evidence') {
          part.file.resume();
          throw invalidInput([
            { field: part.fieldname, message: 'unknown field; files go in "evidence"' },
          ]);
        }
        if (files.length >= EVIDENCE_MAX_FILES) {
          throw invalidInput([
            { field: 'evidence', message: `at most ${EVIDENCE_MAX_FILES} files per complaint` },
          ]);
        }
        lastFileIndex = files.length;
        const bytes = await part.toBuffer();
        if (part.file.truncated) throw tooLarge(field);
        files.push({ field, fileName: cleanFileName(part.filename), bytes });
      } else if (jsonField !== null && part.fieldname === jsonField) {
        // A part declared `Content-Type: application/json` arrives already parsed.
        json = typeof part.value === 'string' ? parseJson(part.value, jsonField) : part.value;
      } else {
        throw invalidInput([{ field: part.fieldname, message: 'unknown field' }]);
      }
    }
  } catch (error) {
    if (isCode(error, 'FST_FILES_LIMIT')) {
      throw invalidInput([
        { field: 'evidence', message: `at most ${EVIDENCE_MAX_FILES} files per complaint` },
      ]);
    }
    if (isCode(error, 'FST_INVALID_JSON_FIELD_ERROR')) {
      throw invalidInput([{ field: jsonField ?? '(body)', message: 'must be a JSON document' }]);
    }
    if (isCode(error, 'FST_PARTS_LIMIT') || isCode(error, 'FST_FIELDS_LIMIT')) {
      throw invalidInput([{ field: '(body)', message: 'has too many parts' }]);
    }
    if (isCode(error, 'FST_REQ_FILE_TOO_LARGE')) throw tooLarge(`evidence[${lastFileIndex}]`);
    if (error instanceof DomainError) throw error;
    // Busboy's own errors (a truncated or malformed body) carry no code: all are the client's.
    throw invalidInput([{ field: '(body)', message: 'is not a valid multipart/form-data body' }]);
  }
  if (jsonField !== null && json === undefined) {
    throw invalidInput([{ field: jsonField, message: 'is required: the complaint as JSON' }]);
  }
  return { json, files };
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw invalidInput([{ field, message: 'must be a JSON document' }]);
  }
}

const tooLarge = (field: string) =>
  invalidInput([{ field, message: `is larger than ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB` }]);

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === code;
}

/** A name to show the case officer; no path, no control characters, bounded. */
function cleanFileName(name: string | undefined): string | null {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 255);
  return clean === '' ? null : clean;
}
