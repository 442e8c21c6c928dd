import { registrableDomain } from '@fair-recruit/matching';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { registerDecorator, type ValidationOptions } from 'class-validator';

function simpleValidator(
  name: string,
  message: string,
  validate: (value: unknown) => boolean,
): (options?: ValidationOptions) => PropertyDecorator {
  return (options) => (target, propertyName) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message, ...options },
      validator: { validate },
    });
}

/** `YYYY-MM-DD` that is a real calendar day (no 2026-02-30). */
export const IsCalendarDate = simpleValidator(
  'isCalendarDate',
  '$property must be a date written YYYY-MM-DD, between 1900 and 2999',
  (value) => {
    if (typeof value !== 'string' || !/^(19|2\d)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  },
);

/** A phone number in E.164 form (+ country code, digits only) that numbering plans allow. */
export const IsE164Phone = simpleValidator(
  'isE164Phone',
  '$property must be a phone number in E.164 form such as +442079460000',
  (value) =>
    typeof value === 'string' && /^\+[1-9]\d{6,14}$/.test(value) && isValidPhoneNumber(value),
);

/** A website or e-mail domain that has a registrable part under the public suffix list. */
export const IsRegistrableDomain = simpleValidator(
  'isRegistrableDomain',
  '$property must be a domain such as example.org (a public suffix alone is not one)',
  (value) => typeof value === 'string' && value.length <= 253 && registrableDomain(value) !== null,
);
