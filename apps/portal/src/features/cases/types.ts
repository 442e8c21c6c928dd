/** The API's shapes this feature reads (apps/api/src/complaints/dto, apps/api/src/reports/dto). */

export interface QueueItem {
  id: string;
  reference: string;
  jurisdiction: string;
  status: string;
  categories: string[];
  recruiterId: string | null;
  recruiterName: string | null;
  evidenceCount: number;
  receivedAt: string;
  updatedAt: string;
  ageDays: number;
}

export interface QueuePage {
  items: QueueItem[];
  total: number;
  totalCapped: boolean;
  page: number;
  pageSize: number;
}

export interface TimelineEntry {
  at: string;
  kind: string;
  by: string;
  status?: string;
  jurisdiction?: string;
  message?: string;
  evidenceId?: string;
  reason?: string;
}

export interface EvidenceSummary {
  id: string;
  fileName: string | null;
  contentType: string;
  size: number;
  sha256: string;
  addedBy: string;
  addedAt: string;
}

export interface Fee {
  chargedBy?: string;
  purpose?: string;
  amount: number | string;
  currency: string;
  paidOn?: string;
  method?: string;
}

export interface ComplaintCase {
  id: string;
  reference: string;
  jurisdiction: string;
  authority: { name: string };
  status: string;
  outcome: string | null;
  categories: string[];
  recruiterId: string | null;
  recruiterName: string | null;
  reportedRecruiter: Record<string, string> | null;
  description: string;
  adUrl: string | null;
  fees: Fee[];
  contact: { name?: string; email?: string; phone?: string } | null;
  receivedAt: string;
  updatedAt: string;
  closedAt: string | null;
  timeline: TimelineEntry[];
  evidence: EvidenceSummary[];
}

export interface RegistrationSeries {
  jurisdiction: string;
  months: { month: string; asOf: string; byStatus: Record<string, number>; total: number }[];
}

export interface NationalReport {
  jurisdiction: string;
  jurisdictionName: string;
  authority: string;
  period: { from: string; to: string };
  generatedAt: string;
  recruiters: {
    authorized: {
      asOf: string;
      total: number;
      byKind: Record<string, number>;
      bySector: Record<string, number>;
    };
    newRegistrations: number;
    authorizationsGranted: number;
    sanctions: { suspensions: number; revocations: number; refusals: number };
    reinstatements: number;
    imported: number;
  };
  complaints: {
    received: number;
    byCategory: Record<string, number>;
    referralsReceived: number;
    substantiated: number;
    unsubstantiated: number;
    referred: number;
    referredToOtherJurisdiction: number;
    withdrawn: number;
    closed: number;
    medianDaysToClose: number | null;
  };
}

export interface Jurisdiction {
  code: string;
  name: string;
}
