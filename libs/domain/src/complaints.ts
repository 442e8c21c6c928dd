/** Vocabulary of complaint intake and case handling (ARCHITECTURE.md, "Complaint"). */

/** What a health worker can complain about, following the Code's articles. */
export const COMPLAINT_CATEGORIES = [
  'worker_fees', // Art. 4.8: recruitment must be free of charge to health personnel
  'misleading_information', // Art. 4.1, 4.3
  'unfair_contract', // Art. 4.4, contract substitution included
  'document_retention', // passports and diplomas kept by the recruiter
  'unequal_treatment', // Art. 4.2, 4.5, 4.6
  'fraud',
  'unregistered_operation', // Art. 9.5/9.6: recruiting without the authority's authorization
  'safeguards_list_recruitment', // active recruitment from a safeguards-list country
  'other',
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

export const COMPLAINT_STATUSES = [
  'received',
  'triaged',
  'investigating',
  'substantiated',
  'unsubstantiated',
  'referred',
  'withdrawn',
  'closed',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** The decisions a case ends with before it is closed; public figures count these. */
export const COMPLAINT_OUTCOMES = [
  'substantiated',
  'unsubstantiated',
  'referred',
  'withdrawn',
] as const satisfies readonly ComplaintStatus[];
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/**
 * The case machine. A complaint can be dismissed at triage (unsubstantiated) or withdrawn at any
 * open step. Referral to another jurisdiction hands the case over (it starts again as `received`
 * there); `referred` as a stored status means handed to a body outside the registries (police,
 * labour inspectorate), after which the case is closed.
 */
export const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintStatus, readonly ComplaintStatus[]>> =
  {
    received: ['triaged', 'referred', 'withdrawn'],
    triaged: ['investigating', 'unsubstantiated', 'referred', 'withdrawn'],
    investigating: ['substantiated', 'unsubstantiated', 'referred', 'withdrawn'],
    substantiated: ['closed'],
    unsubstantiated: ['closed'],
    referred: ['closed'],
    withdrawn: ['closed'],
    closed: [],
  };

export function canTransitionComplaint(from: ComplaintStatus, to: ComplaintStatus): boolean {
  return COMPLAINT_TRANSITIONS[from].includes(to);
}

export function isOutcome(status: ComplaintStatus): status is ComplaintOutcome {
  return (COMPLAINT_OUTCOMES as readonly string[]).includes(status);
}

/** How a fee was paid (ILO General principles and operational guidelines for fair recruitment). */
export const FEE_PAYMENT_METHODS = [
  'cash',
  'bank_transfer',
  'mobile_money',
  'card',
  'wage_deduction',
  'other',
] as const;
export type FeePaymentMethod = (typeof FEE_PAYMENT_METHODS)[number];
