import type { RouteObject } from 'react-router';
import { preloadWords } from '../../i18n/i18n';
import { prefetchRecruiter } from './recruiter-prefetch';

// Loaders start what a page needs (its words, its record) when the navigation starts, in parallel
// with the page's code; they return at once, so nothing waits on them.
const publicWords = preloadWords('public');

/**
 * Public pages for health workers: search, recruiter page (also found by registry and number, for
 * the extension's links), authorities, safeguards list, extension.
 */
export const publicRoutes: RouteObject[] = [
  {
    index: true,
    loader: publicWords,
    lazy: async () => ({ Component: (await import('./search-page')).SearchPage }),
  },
  {
    // Before `recruiters/:id` in reading order; the router prefers the fixed segment anyway.
    path: 'recruiters/lookup',
    loader: publicWords,
    lazy: async () => ({
      Component: (await import('./recruiter-lookup-page')).RecruiterLookupPage,
    }),
  },
  {
    path: 'recruiters/:id',
    loader: ({ params }) => {
      if (params.id) prefetchRecruiter(params.id);
      return publicWords();
    },
    lazy: async () => ({ Component: (await import('./recruiter-page')).RecruiterPage }),
  },
  {
    path: 'authorities',
    loader: publicWords,
    lazy: async () => ({ Component: (await import('./authorities-page')).AuthoritiesPage }),
  },
  {
    path: 'safeguards-list',
    loader: publicWords,
    lazy: async () => ({ Component: (await import('./safeguards-page')).SafeguardsPage }),
  },
  {
    path: 'extension',
    loader: publicWords,
    lazy: async () => ({ Component: (await import('./extension-page')).ExtensionPage }),
  },
];
