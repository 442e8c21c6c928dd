/** The complaint API's answers, as the portal reads them (apps/api/src/complaints/dto). */

export interface ComplaintAuthority {
  name: string;
  website: string | null;
  email: string | null;
}

/** POST /complaints → 201. The receipt code appears here once and nowhere else. */
export interface ComplaintReceipt {
  reference: string;
  receipt: string;
  jurisdiction: string;
  authority: ComplaintAuthority;
  status: string;
}

export interface TimelineEntry {
  at: string;
  kind: 'submitted' | 'status_changed' | 'referred' | 'message' | 'evidence_added';
  by: 'complainant' | 'regulator';
  status?: string;
  jurisdiction?: string;
  message?: string;
  evidenceId?: string;
}

export interface EvidenceSummary {
  id: string;
  fileName: string | null;
  contentType: string;
  size: number;
  addedBy: 'complainant' | 'regulator';
  addedAt: string;
}

/** GET /complaints/:reference with X-Receipt-Code. */
export interface ComplaintFollowUp {
  reference: string;
  status: string;
  /** The decision a case ended with; null while none is taken. */
  outcome: string | null;
  jurisdiction: string;
  authority: ComplaintAuthority;
  categories: string[];
  recruiterName: string | null;
  receivedAt: string;
  updatedAt: string;
  timeline: TimelineEntry[];
  evidence: EvidenceSummary[];
}

export interface Jurisdiction {
  code: string;
  name: string;
  authority: { name: string; website?: string; email?: string };
}

export interface RecruiterSummary {
  id: string;
  jurisdiction: string;
  registrationNumber: string;
  legalName: string;
  tradingNames: string[];
  effectiveStatus: string;
}
