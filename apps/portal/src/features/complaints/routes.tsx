import type { RouteObject } from 'react-router';

/** Complaint intake and follow-up, for health workers without an account. */
export const complaintRoutes: RouteObject[] = [];
