import {
  COMPLAINT_CATEGORIES,
  FEE_PAYMENT_METHODS,
  type ComplaintCategory,
  type FeePaymentMethod,
} from '@fair-recruit/domain';

/**
 * A complaint as the worker is writing it, step by step. Everything is a string as typed, so the
 * draft survives a reload (sessionStorage, never the files nor the contact details: on a shared
 * computer the next person must not find them) and is turned into the API's body only
 * at the end (`toRequest`). Client checks (`checkStep`) use the API's own field names
 * (`fees[0].amount`), so a 400 from the server lands beside the same field as a local mistake.
 */

export { COMPLAINT_CATEGORIES, FEE_PAYMENT_METHODS };
export type { ComplaintCategory, FeePaymentMethod };

export interface FeeDraft {
  /** Stable React key for the row. */
  key: string;
  chargedBy: string;
  purpose: string;
  amount: string;
  currency: string;
  paidOn: string;
  method: FeePaymentMethod | '';
  debtAmount: string;
  debtCurrency: string;
  debtOwedTo: string;
}

export interface ComplaintDraft {
  /** Sent as Idempotency-Key: a double click or a retry never files twice. */
  idempotencyKey: string;
  step: StepId;
  who: 'registered' | 'unregistered';
  recruiterId: string;
  /** The registered recruiter's name and registry, to show which one was chosen. */
  recruiterLabel: string;
  recruiterJurisdiction: string;
  recruiter: { name: string; website: string; email: string; phone: string };
  jurisdiction: string;
  categories: ComplaintCategory[];
  description: string;
  adUrl: string;
  fees: FeeDraft[];
  anonymous: boolean;
  contact: { name: string; email: string; phone: string };
}

export const STEP_IDS = ['who', 'what', 'fees', 'evidence', 'contact', 'review'] as const;
export type StepId = (typeof STEP_IDS)[number];

/** The steps this draft goes through: the fees step only when fees are complained of. */
export function stepsOf(draft: ComplaintDraft): StepId[] {
  return STEP_IDS.filter((id) => id !== 'fees' || draft.categories.includes('worker_fees'));
}

export const MAX_FILES = 10;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 10_000;
export const ACCEPTED_FILES =
  'image/png,image/jpeg,image/webp,application/pdf,text/plain,.txt,.pdf';
const ACCEPTED_TYPE = /^(image\/(png|jpeg|webp)|application\/pdf|text\/plain)$/;
const ACCEPTED_NAME = /\.(png|jpe?g|webp|pdf|txt)$/i;

const STORAGE_KEY = 'fair-recruit.complaint-draft';

/** A random UUID; `crypto.randomUUID` exists only on HTTPS pages, `getRandomValues` everywhere. */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function emptyFee(): FeeDraft {
  return {
    key: newKey(),
    chargedBy: '',
    purpose: '',
    amount: '',
    currency: '',
    paidOn: '',
    method: '',
    debtAmount: '',
    debtCurrency: '',
    debtOwedTo: '',
  };
}

export function newDraft(): ComplaintDraft {
  return {
    idempotencyKey: newKey(),
    step: 'who',
    who: 'unregistered',
    recruiterId: '',
    recruiterLabel: '',
    recruiterJurisdiction: '',
    recruiter: { name: '', website: '', email: '', phone: '' },
    jurisdiction: '',
    categories: [],
    description: '',
    adUrl: '',
    fees: [emptyFee()],
    anonymous: true,
    contact: { name: '', email: '', phone: '' },
  };
}

export function loadDraft(): ComplaintDraft | null {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    const stored = JSON.parse(text) as Partial<ComplaintDraft>;
    const fresh = newDraft();
    if (typeof stored.idempotencyKey !== 'string') return null;
    let step = STEP_IDS.includes(stored.step as StepId) ? (stored.step as StepId) : 'who';
    // Contact details are not stored: a worker who gives them is asked for them again.
    if (stored.anonymous === false && STEP_IDS.indexOf(step) > STEP_IDS.indexOf('contact')) {
      step = 'contact';
    }
    return {
      ...fresh,
      ...stored,
      recruiter: { ...fresh.recruiter, ...stored.recruiter },
      contact: { ...fresh.contact, ...stored.contact },
      fees: Array.isArray(stored.fees) ? stored.fees.map((f) => ({ ...emptyFee(), ...f })) : [],
      categories: (stored.categories ?? []).filter((c) => COMPLAINT_CATEGORIES.includes(c)),
      step,
    };
  } catch {
    return null;
  }
}

const NO_CONTACT: ComplaintDraft['contact'] = { name: '', email: '', phone: '' };

/** Keeps the draft for a reload, without the contact details (they stay in memory only). */
export function saveDraft(draft: ComplaintDraft): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ ...draft, contact: NO_CONTACT }));
  } catch {
    // Private mode or a full storage: the form still works, a reload would lose the draft.
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing to clear
  }
}

/** An amount as a person types it: `1500`, `1500.50`, `1500,50`, `1 500`. */
export function parseAmount(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+([.,]\d+)?$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) && value > 0 ? value : null;
}

const trimmed = (value: string) => value.trim();

/** The filled-in fields of a group, trimmed. */
function compact(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value.trim() !== '') out[name] = value.trim();
  }
  return out;
}

export interface FeeRequest {
  chargedBy: string;
  purpose: string;
  amount: number | string;
  currency: string;
  paidOn?: string;
  method?: FeePaymentMethod;
  debt?: { amount: number | string; currency: string; owedTo?: string };
}

/** POST /complaints's body (CreateComplaintDto). */
export interface ComplaintRequest {
  recruiterId?: string;
  recruiter?: Record<string, string>;
  jurisdiction?: string;
  categories: ComplaintCategory[];
  description: string;
  adUrl?: string;
  fees?: FeeRequest[];
  contact?: Record<string, string>;
}
const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** The body of POST /complaints, exactly as it will be sent. */
export function toRequest(draft: ComplaintDraft): ComplaintRequest {
  const body: ComplaintRequest = {
    categories: COMPLAINT_CATEGORIES.filter((c) => draft.categories.includes(c)),
    description: draft.description.trim(),
  };
  if (draft.who === 'registered') {
    body.recruiterId = draft.recruiterId;
  } else {
    const recruiter = compact(draft.recruiter);
    if (Object.keys(recruiter).length > 0) body.recruiter = recruiter;
    if (draft.jurisdiction) body.jurisdiction = draft.jurisdiction;
  }
  if (optional(draft.adUrl)) body.adUrl = draft.adUrl.trim();
  if (draft.categories.includes('worker_fees') && draft.fees.length > 0) {
    body.fees = draft.fees.map((fee) => {
      const out: FeeRequest = {
        chargedBy: trimmed(fee.chargedBy),
        purpose: trimmed(fee.purpose),
        amount: parseAmount(fee.amount) ?? fee.amount.trim(),
        currency: fee.currency,
      };
      if (fee.paidOn) out.paidOn = fee.paidOn;
      if (fee.method) out.method = fee.method;
      if (hasDebt(fee)) {
        const debt: NonNullable<FeeRequest['debt']> = {
          amount: parseAmount(fee.debtAmount) ?? fee.debtAmount.trim(),
          currency: fee.debtCurrency,
        };
        if (optional(fee.debtOwedTo)) debt.owedTo = fee.debtOwedTo.trim();
        out.debt = debt;
      }
      return out;
    });
  }
  if (!draft.anonymous) {
    const contact = compact(draft.contact);
    if (Object.keys(contact).length > 0) body.contact = contact;
  }
  return body;
}

export function hasDebt(fee: FeeDraft): boolean {
  return Boolean(fee.debtAmount.trim() || fee.debtCurrency || fee.debtOwedTo.trim());
}

/** A client-side problem: the API's field name and a translation key (in `complaints:check`). */
export interface Problem {
  field: string;
  key: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WEBSITE = /^(https?:\/\/)?[^\s/$.?#][^\s]*\.[^\s]+$/i;
const PHONE_ANY = /^\+?[0-9][0-9 ().-]{4,30}$/;
const PHONE_E164 = /^\+[1-9]\d{6,14}$/;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** What can be checked before moving on from a step. */
export function checkStep(step: StepId, draft: ComplaintDraft, files: File[]): Problem[] {
  const problems: Problem[] = [];
  const add = (field: string, key: string) => problems.push({ field, key });
  switch (step) {
    case 'who': {
      if (draft.who === 'registered') {
        if (!draft.recruiterId) add('recruiterId', 'chooseRecruiter');
        break;
      }
      const r = draft.recruiter;
      if (!r.name.trim() && !r.website.trim() && !r.email.trim() && !r.phone.trim()) {
        add('recruiter', 'recruiterDetail');
      }
      if (r.website.trim() && !WEBSITE.test(r.website.trim())) add('recruiter.website', 'website');
      if (r.email.trim() && !EMAIL.test(r.email.trim())) add('recruiter.email', 'email');
      if (r.phone.trim() && !PHONE_ANY.test(r.phone.trim())) add('recruiter.phone', 'phone');
      break;
    }
    case 'what': {
      if (draft.categories.length === 0) add('categories', 'categories');
      const length = draft.description.trim().length;
      if (length < DESCRIPTION_MIN) add('description', 'descriptionShort');
      if (length > DESCRIPTION_MAX) add('description', 'descriptionLong');
      if (draft.adUrl.trim() && !isHttpUrl(draft.adUrl.trim())) add('adUrl', 'adUrl');
      break;
    }
    case 'fees': {
      draft.fees.forEach((fee, index) => {
        const at = `fees[${index}]`;
        if (!fee.chargedBy.trim()) add(`${at}.chargedBy`, 'required');
        if (!fee.purpose.trim()) add(`${at}.purpose`, 'required');
        if (parseAmount(fee.amount) === null) add(`${at}.amount`, 'amount');
        if (!fee.currency) add(`${at}.currency`, 'currency');
        if (fee.paidOn && fee.paidOn > new Date().toISOString().slice(0, 10)) {
          add(`${at}.paidOn`, 'future');
        }
        if (hasDebt(fee)) {
          if (parseAmount(fee.debtAmount) === null) add(`${at}.debt.amount`, 'amount');
          if (!fee.debtCurrency) add(`${at}.debt.currency`, 'currency');
        }
      });
      break;
    }
    case 'evidence': {
      if (files.length > MAX_FILES) add('evidence', 'tooManyFiles');
      files.forEach((file, index) => {
        if (file.size > MAX_FILE_BYTES) add(`evidence[${index}]`, 'fileTooLarge');
        else if (file.size === 0) add(`evidence[${index}]`, 'fileEmpty');
        else if (!ACCEPTED_TYPE.test(file.type) && !ACCEPTED_NAME.test(file.name)) {
          add(`evidence[${index}]`, 'fileType');
        }
      });
      break;
    }
    case 'contact': {
      if (draft.anonymous) break;
      const c = draft.contact;
      if (!c.name.trim() && !c.email.trim() && !c.phone.trim()) add('contact', 'contactDetail');
      if (c.email.trim() && !EMAIL.test(c.email.trim())) add('contact.email', 'email');
      if (c.phone.trim() && !PHONE_E164.test(c.phone.trim())) add('contact.phone', 'phoneE164');
      break;
    }
    case 'review':
      break;
  }
  return problems;
}

/** Which step shows a field named by the API (or by `checkStep`). */
export function stepOfField(field: string): StepId {
  if (/^(recruiterId|recruiter|jurisdiction)\b/.test(field)) return 'who';
  if (/^(categories|description|adUrl)\b/.test(field)) return 'what';
  if (/^fees\b/.test(field)) return 'fees';
  if (/^evidence\b/.test(field)) return 'evidence';
  if (/^contact\b/.test(field)) return 'contact';
  return 'review';
}
