import { isCountryCode } from '@fair-recruit/domain';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** An assigned ISO 3166-1 alpha-2 code, upper case ("GB", not "gb" or "UK"). */
export function IsJurisdictionCode(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isJurisdictionCode',
      target: target.constructor,
      propertyName,
      options: {
        message: '$property must be an ISO 3166-1 alpha-2 country code such as GB',
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCountryCode(value),
      },
    });
}
