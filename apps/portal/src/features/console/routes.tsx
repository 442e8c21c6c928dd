import type { RouteObject } from 'react-router';

/** The regulators' console: login, registry management, CSV import, administration. */
export const consoleRoutes: RouteObject[] = [];
