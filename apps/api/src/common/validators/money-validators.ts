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

/** Large enough for any fee or debt in any currency, small enough to stay exact in a double. */
export const MAX_AMOUNT = 1e12;

/**
 * A positive amount of money with at most four decimals. Checked on the number's own decimal
 * form: class-validator's `maxDecimalPlaces` throws on exponent forms such as -5e-324.
 */
export function isMoneyAmount(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    value <= MAX_AMOUNT &&
    /^\d+(\.\d{1,4})?$/.test(String(value))
  );
}

export function IsMoneyAmount(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMoneyAmount',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be a positive amount of at most ${MAX_AMOUNT} with at most 4 decimals`,
        ...options,
      },
      validator: { validate: isMoneyAmount },
    });
}
