import type { RouteObject } from 'react-router';

/** Complaint intake and follow-up, for health workers without an account. */
export const complaintRoutes: RouteObject[] = [
  {
    path: 'complaints/new',
    lazy: async () => ({ Component: (await import('./complaint-form-page')).ComplaintFormPage }),
  },
  {
    path: 'complaints/receipt',
    lazy: async () => ({ Component: (await import('./receipt-page')).ReceiptPage }),
  },
  {
    path: 'complaints/follow-up',
    lazy: async () => ({ Component: (await import('./follow-up-page')).FollowUpPage }),
  },
];
