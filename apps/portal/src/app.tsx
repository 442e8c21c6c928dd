import { createBrowserRouter, type RouteObject } from 'react-router';
import { Layout, NotFoundPage } from './components/layout';
import { casesRoutes } from './features/cases/routes';
import { complaintRoutes } from './features/complaints/routes';
import { consoleRoutes } from './features/console/routes';
import { publicRoutes } from './features/public/routes';

/**
 * The whole site map. Each feature folder declares its own routes (`features/<name>/routes.tsx`),
 * with pages loaded lazily, so a health worker's first page never downloads the console.
 * Console routes share the `/console` prefix and require a session (see auth/session.tsx).
 */
const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      ...publicRoutes,
      ...complaintRoutes,
      ...consoleRoutes,
      ...casesRoutes,
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
