import type { RouteObject } from 'react-router';

/** Public pages for health workers: search, recruiter page, authorities, safeguards list, extension. */
export const publicRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./search-page')).SearchPage }) },
];
