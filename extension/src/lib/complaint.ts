import type { ComplaintCategory } from '@fair-recruit/domain';
import type { RedFlagCode } from '@fair-recruit/matching';
import { t } from './i18n.js';
import type { ReportPrefill } from './messages.js';

/** The words the form shows for one of the API's categories (`COMPLAINT_CATEGORIES`). */
export function categoryWords(category: ComplaintCategory): string {
  return t(`category_${category}`);
}

/** The complaint category each red flag of the matcher suggests; a new flag must be added here. */
export const CATEGORY_OF_RED_FLAG: Readonly<Record<RedFlagCode, ComplaintCategory>> = {
  candidate_fees: 'worker_fees',
  visa_sponsorship_fee: 'worker_fees',
  messaging_app_only: 'misleading_information',
  free_webmail: 'misleading_information',
  document_retention: 'document_retention',
  safeguards_list_targeting: 'safeguards_list_recruitment',
};

/**
 * The form as "Report this ad" opens it: the ad's recruiter and contacts, the categories its red
 * flags suggest (by code: the explanations are prose), and a description that starts with them.
 */
export function formFromPrefill(prefill: ReportPrefill): ComplaintForm {
  const categories = new Set<ComplaintCategory>();
  for (const code of prefill.redFlagCodes ?? []) {
    if (Object.hasOwn(CATEGORY_OF_RED_FLAG, code)) {
      categories.add(CATEGORY_OF_RED_FLAG[code as RedFlagCode]);
    }
  }
  return {
    recruiterName: prefill.recruiterName,
    website: prefill.website ?? '',
    email: prefill.email ?? '',
    phone: prefill.phone ?? '',
    jurisdiction: prefill.jurisdiction ?? '',
    categories: [...categories],
    description:
      prefill.redFlags.length > 0
        ? `${t('report_warningsIntro')}\n${prefill.redFlags.map((f) => `- ${f}`).join('\n')}\n\n${t('report_whatHappenedPrompt')}`
        : '',
    adUrl: prefill.adUrl ?? '',
  };
}

export const DESCRIPTION_MIN = 10;
export const DESCRIPTION_MAX = 10_000;

export interface ComplaintForm {
  recruiterName: string;
  website: string;
  email: string;
  phone: string;
  jurisdiction: string;
  categories: ComplaintCategory[];
  description: string;
  adUrl: string;
}

export interface ComplaintBody {
  recruiter: { name: string; website?: string; email?: string; phone?: string };
  jurisdiction?: string;
  categories: ComplaintCategory[];
  description: string;
  adUrl?: string;
}

/** The exact JSON that will be sent, or what must be fixed first. */
export function complaintBody(
  form: ComplaintForm,
): { body: ComplaintBody } | { problems: string[] } {
  const problems: string[] = [];
  const name = form.recruiterName.trim();
  if (name === '') problems.push(t('problem_name'));
  if (form.categories.length === 0) problems.push(t('problem_category'));
  const description = form.description.trim();
  if (description.length < DESCRIPTION_MIN || description.length > DESCRIPTION_MAX) {
    problems.push(t('problem_description', DESCRIPTION_MIN, DESCRIPTION_MAX, description.length));
  }
  const jurisdiction = form.jurisdiction.trim().toUpperCase();
  if (jurisdiction !== '' && !/^[A-Z]{2}$/.test(jurisdiction)) {
    problems.push(t('problem_country'));
  }
  if (problems.length > 0) return { problems };
  const recruiter: ComplaintBody['recruiter'] = { name };
  if (form.website.trim() !== '') recruiter.website = form.website.trim();
  if (form.email.trim() !== '') recruiter.email = form.email.trim();
  if (form.phone.trim() !== '') recruiter.phone = form.phone.trim();
  const body: ComplaintBody = { recruiter, categories: [...form.categories], description };
  if (jurisdiction !== '') body.jurisdiction = jurisdiction;
  if (form.adUrl.trim() !== '') body.adUrl = form.adUrl.trim();
  return { body };
}

export interface ComplaintReceipt {
  reference: string;
  receipt: string;
  jurisdiction: string;
  authority: { name: string; website?: string | null; email?: string | null };
  status: string;
}

export type SubmitResult =
  | { ok: true; receipt: ComplaintReceipt }
  | { ok: false; message: string; fields?: { field: string; message: string }[] };

/** POSTs the complaint; the same `idempotencyKey` for retries of one form, so it is filed once. */
export async function submitComplaint(
  registryUrl: string,
  body: ComplaintBody,
  idempotencyKey: string,
  fetchImpl: typeof fetch = fetch,
): Promise<SubmitResult> {
  let response: Response;
  try {
    response = await fetchImpl(`${registryUrl}/api/v1/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: t('submit_unreachable', registryUrl) };
  }
  let answer: unknown;
  try {
    answer = await response.json();
  } catch {
    answer = undefined;
  }
  const fields = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<
    string,
    unknown
  >;
  if (response.status === 201 || response.status === 200) {
    if (typeof fields.reference === 'string' && typeof fields.receipt === 'string') {
      return { ok: true, receipt: fields as unknown as ComplaintReceipt };
    }
    return {
      ok: false,
      message: t('submit_unreadable'),
    };
  }
  const detail = typeof fields.detail === 'string' ? fields.detail : `HTTP ${response.status}`;
  const errors = Array.isArray(fields.errors)
    ? (fields.errors as { field: string; message: string }[])
    : undefined;
  return { ok: false, message: t('submit_refused', detail), fields: errors };
}
