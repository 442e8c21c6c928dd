import type { RouteObject } from 'react-router';
import { preloadWords } from '../../i18n/i18n';

const complaintWords = preloadWords('complaints');

/** Complaint intake and follow-up, for health workers without an account. */
export const complaintRoutes: RouteObject[] = [
  {
    path: 'complaints/new',
    loader: complaintWords,
    lazy: async () => ({ Component: (await import('./complaint-form-page')).ComplaintFormPage }),
  },
  {
    path: 'complaints/receipt',
    loader: complaintWords,
    lazy: async () => ({ Component: (await import('./receipt-page')).ReceiptPage }),
  },
  {
    path: 'complaints/follow-up',
    loader: complaintWords,
    lazy: async () => ({ Component: (await import('./follow-up-page')).FollowUpPage }),
  },
];
