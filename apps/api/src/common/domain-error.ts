export interface FieldError {
  field: string;
  message: string;
}

/**
 * A failure the caller can act on. Services throw these with a stable `code`; the problem filter
 * turns them into `application/problem+json`. Tests assert on `code`, never on wording.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string, detail?: string) =>
  new DomainError(
    `${what}_not_found`,
    404,
    'Not found',
    detail ?? `No such ${what.replace(/_/g, ' ')}.`,
  );

export const invalidInput = (errors: FieldError[], detail = 'The request has invalid fields.') =>
  new DomainError('validation_failed', 400, 'Invalid request', detail, errors);

export const forbidden = (detail: string) => new DomainError('forbidden', 403, 'Forbidden', detail);

export const conflict = (code: string, detail: string) =>
  new DomainError(code, 409, 'Conflict', detail);
