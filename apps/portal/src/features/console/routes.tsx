import type { RouteObject } from 'react-router';
import { ConsoleLayout } from '../../components/console-layout';

/**
 * The regulators' console: login (outside the frame, it has no session yet), registry
 * management, CSV import and administration. `/console`, complaints and reports are declared
 * by their own feature beside these.
 */
export const consoleRoutes: RouteObject[] = [
  {
    path: 'console/login',
    lazy: async () => ({ Component: (await import('./login-page')).LoginPage }),
  },
  {
    path: 'console',
    element: <ConsoleLayout />,
    children: [
      {
        path: 'recruiters',
        lazy: async () => ({ Component: (await import('./recruiters-page')).RecruitersPage }),
      },
      {
        path: 'recruiters/new',
        lazy: async () => ({
          Component: (await import('./recruiter-new-page')).RecruiterNewPage,
        }),
      },
      {
        path: 'recruiters/:id',
        lazy: async () => ({ Component: (await import('./recruiter-page')).RecruiterPage }),
      },
      {
        path: 'imports',
        lazy: async () => ({ Component: (await import('./imports-page')).ImportsPage }),
      },
      {
        path: 'admin',
        lazy: async () => ({ Component: (await import('./admin-page')).AdminPage }),
      },
    ],
  },
];
