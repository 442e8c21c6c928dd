import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGLITE_TEMPLATE_ENV } from './pglite-process.mjs';

export default function globalTeardown() {
  const template = process.env[PGLITE_TEMPLATE_ENV];
  if (template) rmSync(dirname(template), { recursive: true, force: true });
}
