import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { invalidInput, type FieldError } from './domain-error.js';
import { findTooDeep, findUnstorableText, MAX_INPUT_DEPTH } from './nul-bytes.js';

/** Flattens nested class-validator errors into `{ field: 'fees[0].amount', message }`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property (\S+) should not exist$/, 'unknown field'),
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** The one global pipe: unknown fields are rejected, query strings become typed DTOs. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => invalidInput(flattenValidationErrors(errors)),
  });
}

/**
 * The global pipe's rules, for input that does not arrive as a JSON body (the JSON part of a
 * multipart upload): the same DTO, the same unknown-field rule, the same error shape.
 */
export async function validateInput<T extends object>(
  type: new () => T,
  plain: unknown,
): Promise<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw invalidInput([{ field: '(body)', message: 'must be a JSON object' }]);
  }
  // The JSON body hook (bootstrap) never saw this input: apply its depth and text rules here.
  const deep = findTooDeep(plain);
  if (deep) {
    throw invalidInput([
      { field: deep, message: `is nested more than ${MAX_INPUT_DEPTH} levels deep` },
    ]);
  }
  const unstorable = findUnstorableText(plain);
  if (unstorable) throw invalidInput([unstorable]);
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw invalidInput(flattenValidationErrors(errors));
  return instance;
}
