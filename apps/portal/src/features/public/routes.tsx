import type { RouteObject } from 'react-router';

/** Public pages for health workers: search, recruiter page, authorities, safeguards list, extension. */
export const publicRoutes: RouteObject[] = [
  { index: true, lazy: async () => ({ Component: (await import('./search-page')).SearchPage }) },
  {
    path: 'recruiters/:id',
    lazy: async () => ({ Component: (await import('./recruiter-page')).RecruiterPage }),
  },
  {
    path: 'authorities',
    lazy: async () => ({ Component: (await import('./authorities-page')).AuthoritiesPage }),
  },
  {
    path: 'safeguards-list',
    lazy: async () => ({ Component: (await import('./safeguards-page')).SafeguardsPage }),
  },
  {
    path: 'extension',
    lazy: async () => ({ Component: (await import('./extension-page')).ExtensionPage }),
  },
];
