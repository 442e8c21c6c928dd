/**
 * Route decorators are evaluated when the module loads, before configuration exists; the limit is
 * read through this holder, which bootstrap sets from LOGIN_RATE_LIMIT_PER_MINUTE.
 */
export const LOGIN_RATE_LIMIT = { perMinute: 10 };
