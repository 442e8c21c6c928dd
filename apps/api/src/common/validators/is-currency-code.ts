import { registerDecorator, type ValidationOptions } from 'class-validator';

/** ISO 4217 codes as the runtime's ICU data knows them (current codes only). */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && CURRENCIES.has(value);
}

export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an ISO 4217 currency code such as GBP', ...options },
      validator: { validate: isCurrencyCode },
    });
}
