import type { RouteObject } from 'react-router';
import { ConsoleLayout } from '../../components/console-layout';

/**
 * The regulators' complaint queue and case pages, the dashboard and the national report, inside
 * the console frame (which requires a session). The pages are lazy: a health worker never loads them.
 */
export const casesRoutes: RouteObject[] = [
  {
    path: 'console',
    element: <ConsoleLayout />,
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('./dashboard-page')).DashboardPage }),
      },
      {
        path: 'complaints',
        lazy: async () => ({ Component: (await import('./queue-page')).QueuePage }),
      },
      {
        path: 'complaints/:id',
        lazy: async () => ({ Component: (await import('./case-page')).CasePage }),
      },
      {
        path: 'reports',
        lazy: async () => ({ Component: (await import('./report-page')).ReportPage }),
      },
    ],
  },
];
