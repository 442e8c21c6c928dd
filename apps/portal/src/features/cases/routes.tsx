import type { RouteObject } from 'react-router';

/** The regulators' complaint queue and case pages, the dashboard and the national report. */
export const casesRoutes: RouteObject[] = [];
