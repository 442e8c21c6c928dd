import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError, NETWORK_ERROR_CODE, upload, type FieldError } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { usePageTitle } from '../../components/page-title';
import { useApi } from '../../components/use-api';
import './complaints.css';
import {
  checkStep,
  clearDraft,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  loadDraft,
  MAX_FILE_BYTES,
  MAX_FILES,
  newDraft,
  saveDraft,
  stepOfField,
  stepsOf,
  toRequest,
  type ComplaintDraft,
  type Problem,
  type StepId,
} from './draft';
import { ContactStep, EvidenceStep, FeesStep, ReviewStep, WhatStep, WhoStep } from './form-steps';
import type { ComplaintReceipt, Jurisdiction, RecruiterSummary } from './types';

/** Which translated sentence stands for an API field error (indexes folded: `fees[].amount`). */
const SERVER_MESSAGE_KEYS: Record<string, string> = {
  recruiterId: 'recruiterGone',
  recruiter: 'recruiterDetail',
  'recruiter.website': 'website',
  'recruiter.email': 'email',
  'recruiter.phone': 'phone',
  jurisdiction: 'jurisdiction',
  categories: 'categories',
  adUrl: 'adUrl',
  'fees[].amount': 'amount',
  'fees[].currency': 'currency',
  'fees[].debt.amount': 'amount',
  'fees[].debt.currency': 'currency',
  'fees[].paidOn': 'date',
  'contact.email': 'email',
  'contact.phone': 'phoneE164',
};

/** A file the API refused, in the worker's words (the API checks files by their content). */
function fileProblem(error: FieldError): string | undefined {
  if (!/^evidence\[\d+\]$/.test(error.field)) return undefined;
  if (/megapixels/.test(error.message)) return undefined;
  if (/larger than/.test(error.message)) return 'fileTooLarge';
  if (/is empty/.test(error.message)) return 'fileEmpty';
  if (/supported type|complete PDF|not plain text|markup|does not decode/.test(error.message)) {
    return 'fileType';
  }
  return undefined;
}

/** The state the receipt page is given through router state (never in the URL). */
export interface ReceiptState {
  receipt: ComplaintReceipt;
}

/**
 * The complaint form: six short steps (who, what happened, fees, evidence, contact, check and
 * send). Nothing leaves the browser before "Send": the draft is kept in this tab's
 * sessionStorage (files are not), and one Idempotency-Key per draft makes a retry safe.
 */
export function ComplaintFormPage() {
  const { t } = useTranslation('complaints');
  usePageTitle(t('form.title'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [restored] = useState(() => loadDraft());
  const [draft, setDraft] = useState<ComplaintDraft>(() => {
    const start = restored ?? newDraft();
    const recruiterId = params.get('recruiterId');
    const adUrl = params.get('adUrl');
    let next = start;
    if (recruiterId && recruiterId !== start.recruiterId) {
      next = {
        ...next,
        who: 'registered',
        recruiterId,
        recruiterLabel: '',
        recruiterJurisdiction: '',
        step: 'who',
      };
    }
    if (adUrl && !next.adUrl) next = { ...next, adUrl };
    return next;
  });
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [focus, setFocus] = useState<{ target: 'heading' | 'errors'; round: number } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const errorsRef = useRef<HTMLDivElement>(null);

  useEffect(() => saveDraft(draft), [draft]);

  const jurisdictions = useApi(
    (signal) => api<{ items: Jurisdiction[] }>('/jurisdictions', { signal }),
    [],
  );

  // A recruiter chosen by id (from its page's "report" link): show which one.
  const [recruiterMissing, setRecruiterMissing] = useState(false);
  useEffect(() => {
    if (draft.who !== 'registered' || !draft.recruiterId || draft.recruiterLabel) return;
    const controller = new AbortController();
    api<RecruiterSummary>(`/recruiters/${encodeURIComponent(draft.recruiterId)}`, {
      signal: controller.signal,
    }).then(
      (recruiter) =>
        setDraft((d) =>
          d.recruiterId === recruiter.id
            ? {
                ...d,
                recruiterLabel: recruiter.legalName,
                recruiterJurisdiction: recruiter.jurisdiction,
              }
            : d,
        ),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
          setRecruiterMissing(true);
          setDraft((d) => ({ ...d, recruiterId: '', recruiterLabel: '' }));
        }
      },
    );
    return () => controller.abort();
  }, [draft.who, draft.recruiterId, draft.recruiterLabel]);

  const steps = stepsOf(draft);
  const step: StepId = steps.includes(draft.step) ? draft.step : 'who';
  const index = steps.indexOf(step);
  const body = useMemo(() => toRequest(draft), [draft]);

  useEffect(() => {
    if (!focus) return;
    if (focus.target === 'errors' && errorsRef.current) errorsRef.current.focus();
    else headingRef.current?.focus();
  }, [focus]);

  const update = (change: (draft: ComplaintDraft) => ComplaintDraft) => setDraft(change);

  const checkMessage = (key: string) =>
    t(`check.${key}`, {
      min: DESCRIPTION_MIN,
      max: key === 'tooManyFiles' ? MAX_FILES : DESCRIPTION_MAX,
      size: MAX_FILE_BYTES / 1024 / 1024,
    });

  const errors = (field: string): string[] => [
    ...problems.filter((p) => p.field === field).map((p) => checkMessage(p.key)),
    ...serverErrors
      .filter((e) => e.field === field)
      .map((e) => {
        const key = SERVER_MESSAGE_KEYS[e.field.replace(/\[\d+\]/g, '[]')] ?? fileProblem(e);
        return key ? checkMessage(key) : e.message;
      }),
  ];

  const goTo = (next: StepId) => {
    setProblems([]);
    setFailure(null);
    setDraft((d) => ({ ...d, step: next }));
    setFocus((f) => ({ target: 'heading', round: (f?.round ?? 0) + 1 }));
  };

  const showErrors = () => setFocus((f) => ({ target: 'errors', round: (f?.round ?? 0) + 1 }));

  const onContinue = () => {
    const found = checkStep(step, draft, files);
    if (found.length > 0) {
      setProblems(found);
      showErrors();
      return;
    }
    // Answers the server refused on this step are taken as corrected once it passes the checks.
    setServerErrors((list) => list.filter((e) => stepOfField(e.field) !== step));
    goTo(steps[index + 1]);
  };

  const submit = async () => {
    if (sending) return;
    // Every step is checked again: a restored draft may skip one.
    for (const id of steps) {
      const found = checkStep(id, draft, files);
      if (found.length > 0) {
        setProblems(found);
        setDraft((d) => ({ ...d, step: id }));
        showErrors();
        return;
      }
    }
    setSending(true);
    setFailure(null);
    setServerErrors([]);
    setProgress(0);
    const form = new FormData();
    form.append('complaint', JSON.stringify(body));
    for (const file of files) form.append('evidence', file, file.name);
    try {
      const receipt = await upload<ComplaintReceipt>('/complaints', form, {
        headers: { 'Idempotency-Key': draft.idempotencyKey },
        // Drawn at once, so the bar shows each step, the last one included, before the page changes.
        onProgress: (fraction) => flushSync(() => setProgress(fraction)),
      });
      clearDraft();
      void navigate('/complaints/receipt', {
        replace: true,
        state: { receipt } satisfies ReceiptState,
      });
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError({ status: 0, title: String(error), code: 'client_error' });
      setSending(false);
      setProgress(null);
      const placed = apiError.fieldErrors.filter((e) => stepOfField(e.field) !== 'review');
      if (apiError.status === 400 && placed.length > 0) {
        setServerErrors(apiError.fieldErrors);
        const first = steps.find((id) => placed.some((e) => stepOfField(e.field) === id));
        setFailure(apiError);
        if (first) setDraft((d) => ({ ...d, step: first }));
        showErrors();
        return;
      }
      setFailure(apiError);
      showErrors();
    }
  };

  const startOver = () => {
    clearDraft();
    setDraft(newDraft());
    setFiles([]);
    setProblems([]);
    setServerErrors([]);
    setFailure(null);
    setRecruiterMissing(false);
    goTo('who');
  };

  const hasFieldErrors =
    problems.length > 0 || serverErrors.some((e) => stepOfField(e.field) === step);
  const stepProps = { draft, update, errors };

  return (
    <div className="complaint-form">
      <h1>{t('form.title')}</h1>
      <p>{t('form.intro')}</p>
      {restored && restored.idempotencyKey === draft.idempotencyKey ? (
        <div className="notice row">
          <p>{t('form.restored')}</p>
          <button type="button" className="button-secondary" onClick={startOver}>
            {t('form.startOver')}
          </button>
        </div>
      ) : null}
      <nav aria-label={t('form.stepsLabel')}>
        <ol className="steps">
          {steps.map((id, i) => (
            <li
              key={id}
              aria-current={id === step ? 'step' : undefined}
              className={i < index ? 'done' : undefined}
            >
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>{' '}
              {t(`steps.${id}`)}
            </li>
          ))}
        </ol>
      </nav>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (step === 'review') void submit();
          else onContinue();
        }}
      >
        <p className="muted step-progress">
          {t('form.progress', { current: index + 1, total: steps.length })}
        </p>
        <h2 ref={headingRef} tabIndex={-1}>
          {t(`${step}.heading`)}
        </h2>
        <div ref={errorsRef} tabIndex={-1} className="error-focus">
          {hasFieldErrors ? (
            <div className="notice notice-error" role="alert">
              <p>{serverErrors.length > 0 ? t('form.serverErrors') : t('form.fixErrors')}</p>
            </div>
          ) : failure ? (
            <>
              {failure.code === 'complaint_closed' ||
              failure.code === 'idempotency_key_reused' ||
              failure.code === 'idempotency_key_in_flight' ? (
                <div className="notice notice-error" role="alert">
                  <p>{t(`errors.${failure.code}`)}</p>
                </div>
              ) : (
                <ErrorNotice error={failure} showFields={failure.status === 400} />
              )}
              {failure.code === NETWORK_ERROR_CODE || failure.status >= 500 ? (
                <p>{t('review.retry')}</p>
              ) : null}
            </>
          ) : null}
        </div>
        {step === 'who' ? (
          <WhoStep
            {...stepProps}
            jurisdictions={jurisdictions.data?.items ?? []}
            recruiterError={recruiterMissing}
          />
        ) : null}
        {step === 'what' ? <WhatStep {...stepProps} /> : null}
        {step === 'fees' ? <FeesStep {...stepProps} /> : null}
        {step === 'evidence' ? (
          <EvidenceStep files={files} setFiles={setFiles} errors={errors} />
        ) : null}
        {step === 'contact' ? <ContactStep {...stepProps} /> : null}
        {step === 'review' ? (
          <ReviewStep draft={draft} body={body} files={files} onEdit={goTo} />
        ) : null}
        {progress !== null ? (
          <div className="upload-progress">
            <label>
              {t('review.uploadProgress', { percent: Math.round(progress * 100) })}
              <progress max={1} value={progress} />
            </label>
          </div>
        ) : null}
        <div className="row form-actions">
          {index > 0 ? (
            <button
              type="button"
              className="button-secondary"
              onClick={() => goTo(steps[index - 1])}
              disabled={sending}
            >
              {t('form.back')}
            </button>
          ) : null}
          <button type="submit" disabled={sending} aria-busy={sending || undefined}>
            {step === 'review'
              ? sending
                ? t('review.sending')
                : t('review.submit')
              : t('form.next')}
          </button>
        </div>
      </form>
    </div>
  );
}
