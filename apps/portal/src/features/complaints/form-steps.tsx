import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Page } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { countryName, formatDate, formatMoney } from '../../components/format';
import { currencyOptions, fileSize } from './currencies';
import {
  ACCEPTED_FILES,
  COMPLAINT_CATEGORIES,
  DESCRIPTION_MAX,
  DESCRIPTION_MIN,
  emptyFee,
  FEE_PAYMENT_METHODS,
  MAX_FILE_BYTES,
  MAX_FILES,
  type ComplaintDraft,
  type ComplaintRequest,
  type FeeDraft,
} from './draft';
import type { Jurisdiction, RecruiterSummary } from './types';

export interface StepProps {
  draft: ComplaintDraft;
  update: (change: (draft: ComplaintDraft) => ComplaintDraft) => void;
  /** Messages for a field (client checks and the API's 400), already in words. */
  errors: (field: string) => string[];
}

/** A group of radios or checkboxes under one question, with its errors announced with it. */
function Choices({
  legend,
  errors,
  children,
}: {
  legend: ReactNode;
  errors: string[];
  children: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset
      className={errors.length > 0 ? 'field-invalid' : undefined}
      aria-describedby={errors.length > 0 ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {children}
      {errors.length > 0 ? (
        <p className="field-error" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      ) : null}
    </fieldset>
  );
}

/** One radio or checkbox with its label and an optional explanation under it. */
function Choice({
  type,
  name,
  checked,
  onChange,
  label,
  hint,
}: {
  type: 'radio' | 'checkbox';
  name: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: ReactNode;
  hint?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="choice">
      <input
        type={type}
        id={id}
        name={name}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id}>{label}</label>
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function WhoStep({
  draft,
  update,
  errors,
  jurisdictions,
  recruiterError,
}: StepProps & { jurisdictions: Jurisdiction[]; recruiterError: boolean }) {
  const { t } = useTranslation('complaints');
  const setRecruiter = (name: keyof ComplaintDraft['recruiter'], value: string) =>
    update((d) => ({ ...d, recruiter: { ...d.recruiter, [name]: value } }));
  return (
    <>
      <Choices legend={t('who.choice')} errors={[]}>
        <Choice
          type="radio"
          name="who"
          checked={draft.who === 'registered'}
          onChange={() => update((d) => ({ ...d, who: 'registered' }))}
          label={t('who.registered')}
        />
        <Choice
          type="radio"
          name="who"
          checked={draft.who === 'unregistered'}
          onChange={() => update((d) => ({ ...d, who: 'unregistered' }))}
          label={t('who.unregistered')}
        />
      </Choices>
      {draft.who === 'registered' ? (
        <RegisteredRecruiter
          draft={draft}
          update={update}
          errors={errors}
          recruiterError={recruiterError}
        />
      ) : (
        <>
          <p>{t('who.unregisteredIntro')}</p>
          {errors('recruiter').length > 0 ? (
            <p className="field-error" role="alert">
              {errors('recruiter').join(' ')}
            </p>
          ) : null}
          <Field label={t('who.name')} errors={errors('recruiter.name')}>
            <input
              value={draft.recruiter.name}
              onChange={(e) => setRecruiter('name', e.target.value)}
              maxLength={300}
              autoComplete="off"
            />
          </Field>
          <Field
            label={t('who.website')}
            hint={t('who.websiteHint')}
            errors={errors('recruiter.website')}
          >
            <input
              value={draft.recruiter.website}
              onChange={(e) => setRecruiter('website', e.target.value)}
              maxLength={500}
              inputMode="url"
              autoComplete="off"
            />
          </Field>
          <Field label={t('who.email')} errors={errors('recruiter.email')}>
            <input
              type="email"
              value={draft.recruiter.email}
              onChange={(e) => setRecruiter('email', e.target.value)}
              maxLength={254}
              autoComplete="off"
            />
          </Field>
          <Field
            label={t('who.phone')}
            hint={t('who.phoneHint')}
            errors={errors('recruiter.phone')}
          >
            <input
              type="tel"
              value={draft.recruiter.phone}
              onChange={(e) => setRecruiter('phone', e.target.value)}
              autoComplete="off"
            />
          </Field>
          <Field
            label={t('who.country')}
            hint={t('who.countryHint')}
            errors={errors('jurisdiction')}
          >
            <select
              value={draft.jurisdiction}
              onChange={(e) => update((d) => ({ ...d, jurisdiction: e.target.value }))}
            >
              <option value="">{t('who.countryUnknown')}</option>
              {jurisdictions.map((j) => (
                <option key={j.code} value={j.code}>
                  {countryName(j.code)} — {j.authority.name}
                </option>
              ))}
            </select>
          </Field>
        </>
      )}
    </>
  );
}

function RegisteredRecruiter({
  draft,
  update,
  errors,
  recruiterError,
}: StepProps & { recruiterError: boolean }) {
  const { t } = useTranslation('complaints');
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<RecruiterSummary[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [searching, setSearching] = useState(false);

  const search = async () => {
    if (!query.trim()) return;
    setSearching(true);
    setSearchError(null);
    try {
      const page = await api<Page<RecruiterSummary>>('/recruiters', {
        query: { q: query.trim(), pageSize: 10 },
      });
      setResults(page.items);
    } catch (error) {
      setSearchError(error);
    } finally {
      setSearching(false);
    }
  };

  if (draft.recruiterId) {
    return (
      <div className="card stack">
        <p>{t('who.chosen')}</p>
        {draft.recruiterLabel ? (
          <p className="chosen-recruiter">
            <strong>{draft.recruiterLabel}</strong>
            {draft.recruiterJurisdiction ? (
              <>
                {' '}
                <span className="muted">
                  ({t('who.registry', { country: countryName(draft.recruiterJurisdiction) })})
                </span>
              </>
            ) : null}
          </p>
        ) : (
          <p aria-busy="true">{t('who.loadingRecruiter')}</p>
        )}
        {errors('recruiterId').length > 0 ? (
          <p className="field-error" role="alert">
            {errors('recruiterId').join(' ')}
          </p>
        ) : null}
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            update((d) => ({
              ...d,
              recruiterId: '',
              recruiterLabel: '',
              recruiterJurisdiction: '',
            }))
          }
        >
          {t('who.change')}
        </button>
      </div>
    );
  }
  return (
    <div className="stack">
      {recruiterError ? (
        <p className="notice notice-warning" role="status">
          {t('who.recruiterNotFound')}
        </p>
      ) : null}
      <Field label={t('who.searchLabel')} hint={t('who.searchHint')} errors={errors('recruiterId')}>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
        />
      </Field>
      <button
        type="button"
        className="button-secondary"
        onClick={() => void search()}
        disabled={searching}
      >
        {t('who.searchButton')}
      </button>
      <ErrorNotice error={searchError} />
      {results !== null ? (
        <section aria-live="polite">
          <h3>{t('who.results')}</h3>
          {results.length === 0 ? (
            <p>{t('who.noResults')}</p>
          ) : (
            <ul className="result-list">
              {results.map((r) => (
                <li key={r.id} className="card">
                  <p>
                    <strong>{r.legalName}</strong>
                    <br />
                    <span className="muted">
                      {t('who.registry', { country: countryName(r.jurisdiction) })} ·{' '}
                      {t('who.registrationNumber', { number: r.registrationNumber })}
                    </span>
                  </p>
                  <button
                    type="button"
                    aria-label={`${t('who.choose')}: ${r.legalName}`}
                    onClick={() =>
                      update((d) => ({
                        ...d,
                        recruiterId: r.id,
                        recruiterLabel: r.legalName,
                        recruiterJurisdiction: r.jurisdiction,
                      }))
                    }
                  >
                    {t('who.choose')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function WhatStep({ draft, update, errors }: StepProps) {
  const { t } = useTranslation('complaints');
  const toggle = (category: ComplaintDraft['categories'][number], on: boolean) =>
    update((d) => ({
      ...d,
      categories: on
        ? [...d.categories.filter((c) => c !== category), category]
        : d.categories.filter((c) => c !== category),
    }));
  return (
    <>
      <Choices legend={t('what.categories')} errors={errors('categories')}>
        {COMPLAINT_CATEGORIES.map((category) => (
          <Choice
            key={category}
            type="checkbox"
            name="categories"
            checked={draft.categories.includes(category)}
            onChange={(on) => toggle(category, on)}
            label={t(`category.${category}.label`)}
            hint={t(`category.${category}.hint`)}
          />
        ))}
      </Choices>
      <Field
        label={t('what.description')}
        hint={t('what.descriptionHint', { min: DESCRIPTION_MIN })}
        errors={errors('description')}
        required
      >
        <textarea
          value={draft.description}
          onChange={(e) => update((d) => ({ ...d, description: e.target.value }))}
          maxLength={DESCRIPTION_MAX}
          rows={8}
        />
      </Field>
      <p className="hint counter" aria-live="polite">
        {t('what.characters', { count: draft.description.trim().length })}
      </p>
      <Field label={t('what.adUrl')} hint={t('what.adUrlHint')} errors={errors('adUrl')}>
        <input
          type="url"
          value={draft.adUrl}
          onChange={(e) => update((d) => ({ ...d, adUrl: e.target.value }))}
          maxLength={2000}
          inputMode="url"
          autoComplete="off"
        />
      </Field>
    </>
  );
}

export function FeesStep({ draft, update, errors }: StepProps) {
  const { t } = useTranslation('complaints');
  const currencies = useMemo(currencyOptions, []);
  const setFee = (index: number, change: Partial<FeeDraft>) =>
    update((d) => ({
      ...d,
      fees: d.fees.map((fee, i) => (i === index ? { ...fee, ...change } : fee)),
    }));
  const currencySelect = (value: string, onChange: (value: string) => void) => (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('fees.chooseCurrency')}</option>
      {currencies.map((c) => (
        <option key={c.code} value={c.code}>
          {c.label}
        </option>
      ))}
    </select>
  );
  return (
    <>
      <p>{t('fees.intro')}</p>
      {errors('fees').length > 0 ? (
        <p className="field-error" role="alert">
          {errors('fees').join(' ')}
        </p>
      ) : null}
      {draft.fees.length === 0 ? <p className="muted">{t('fees.none')}</p> : null}
      {draft.fees.map((fee, index) => {
        const at = `fees[${index}]`;
        return (
          <fieldset key={fee.key} className="fee">
            <legend>{t('fees.fee', { number: index + 1 })}</legend>
            <div className="grid grid-2">
              <Field
                label={t('fees.chargedBy')}
                hint={t('fees.chargedByHint')}
                errors={errors(`${at}.chargedBy`)}
                required
              >
                <input
                  value={fee.chargedBy}
                  onChange={(e) => setFee(index, { chargedBy: e.target.value })}
                  maxLength={300}
                />
              </Field>
              <Field
                label={t('fees.purpose')}
                hint={t('fees.purposeHint')}
                errors={errors(`${at}.purpose`)}
                required
              >
                <input
                  value={fee.purpose}
                  onChange={(e) => setFee(index, { purpose: e.target.value })}
                  maxLength={500}
                />
              </Field>
              <Field
                label={t('fees.amount')}
                hint={t('fees.amountHint')}
                errors={errors(`${at}.amount`)}
                required
              >
                <input
                  value={fee.amount}
                  onChange={(e) => setFee(index, { amount: e.target.value })}
                  inputMode="decimal"
                  autoComplete="off"
                />
              </Field>
              <Field label={t('fees.currency')} errors={errors(`${at}.currency`)} required>
                {currencySelect(fee.currency, (currency) => setFee(index, { currency }))}
              </Field>
              <Field label={t('fees.paidOn')} errors={errors(`${at}.paidOn`)}>
                <input
                  type="date"
                  value={fee.paidOn}
                  max={new Date().toISOString().slice(0, 10)}
                  onChange={(e) => setFee(index, { paidOn: e.target.value })}
                />
              </Field>
              <Field label={t('fees.method')} errors={errors(`${at}.method`)}>
                <select
                  value={fee.method}
                  onChange={(e) => setFee(index, { method: e.target.value as FeeDraft['method'] })}
                >
                  <option value="">{t('fees.chooseMethod')}</option>
                  {FEE_PAYMENT_METHODS.map((method) => (
                    <option key={method} value={method}>
                      {t(`method.${method}`)}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <fieldset className="debt">
              <legend>{t('fees.debt')}</legend>
              <div className="grid grid-2">
                <Field label={t('fees.debtAmount')} errors={errors(`${at}.debt.amount`)}>
                  <input
                    value={fee.debtAmount}
                    onChange={(e) => setFee(index, { debtAmount: e.target.value })}
                    inputMode="decimal"
                    autoComplete="off"
                  />
                </Field>
                <Field label={t('fees.debtCurrency')} errors={errors(`${at}.debt.currency`)}>
                  {currencySelect(fee.debtCurrency, (debtCurrency) =>
                    setFee(index, { debtCurrency }),
                  )}
                </Field>
                <Field label={t('fees.debtOwedTo')} errors={errors(`${at}.debt.owedTo`)}>
                  <input
                    value={fee.debtOwedTo}
                    onChange={(e) => setFee(index, { debtOwedTo: e.target.value })}
                    maxLength={300}
                  />
                </Field>
              </div>
            </fieldset>
            <button
              type="button"
              className="button-secondary"
              onClick={() => update((d) => ({ ...d, fees: d.fees.filter((_, i) => i !== index) }))}
            >
              {t('fees.remove', { number: index + 1 })}
            </button>
          </fieldset>
        );
      })}
      {draft.fees.length < 20 ? (
        <button
          type="button"
          className="button-secondary"
          onClick={() => update((d) => ({ ...d, fees: [...d.fees, emptyFee()] }))}
        >
          {t('fees.add')}
        </button>
      ) : null}
    </>
  );
}

export function EvidenceStep({
  files,
  setFiles,
  errors,
}: {
  files: File[];
  setFiles: (files: File[]) => void;
  errors: (field: string) => string[];
}) {
  const { t } = useTranslation('complaints');
  const size = MAX_FILE_BYTES / 1024 / 1024;
  return (
    <>
      <p>{t('evidence.intro')}</p>
      <p className="notice">{t('evidence.limits', { max: MAX_FILES, size })}</p>
      <Field label={t('evidence.choose')} errors={errors('evidence')}>
        <input
          type="file"
          multiple
          accept={ACCEPTED_FILES}
          disabled={files.length >= MAX_FILES}
          onChange={(e) => {
            const chosen = Array.from(e.target.files ?? []);
            e.target.value = '';
            setFiles([...files, ...chosen]);
          }}
        />
      </Field>
      <h3>{t('evidence.chosen')}</h3>
      <p className="muted">{t('evidence.count', { count: files.length, max: MAX_FILES })}</p>
      {files.length === 0 ? (
        <p>{t('evidence.none')}</p>
      ) : (
        <ul className="file-list">
          {files.map((file, index) => {
            const fileErrors = errors(`evidence[${index}]`);
            return (
              <li
                key={`${file.name}-${index}`}
                className={fileErrors.length ? 'field-invalid' : ''}
              >
                <span className="file-name">{file.name}</span>{' '}
                <span className="muted">({fileSize(file.size)})</span>
                {fileErrors.length > 0 ? (
                  <p className="field-error">{fileErrors.join(' ')}</p>
                ) : null}
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => setFiles(files.filter((_, i) => i !== index))}
                >
                  {t('evidence.remove', { name: file.name })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export function ContactStep({ draft, update, errors }: StepProps) {
  const { t } = useTranslation('complaints');
  const setContact = (name: keyof ComplaintDraft['contact'], value: string) =>
    update((d) => ({ ...d, contact: { ...d.contact, [name]: value } }));
  return (
    <>
      <Choices legend={t('contact.choice')} errors={[]}>
        <Choice
          type="radio"
          name="anonymous"
          checked={draft.anonymous}
          onChange={() => update((d) => ({ ...d, anonymous: true }))}
          label={t('contact.anonymous')}
          hint={t('contact.anonymousHint')}
        />
        <Choice
          type="radio"
          name="anonymous"
          checked={!draft.anonymous}
          onChange={() => update((d) => ({ ...d, anonymous: false }))}
          label={t('contact.withContact')}
          hint={t('contact.withContactHint')}
        />
      </Choices>
      <p className="notice">
        {t('contact.privacy')} {t('contact.notKept')}
      </p>
      {!draft.anonymous ? (
        <>
          {errors('contact').length > 0 ? (
            <p className="field-error" role="alert">
              {errors('contact').join(' ')}
            </p>
          ) : null}
          <Field label={t('contact.name')} errors={errors('contact.name')}>
            <input
              value={draft.contact.name}
              onChange={(e) => setContact('name', e.target.value)}
              maxLength={200}
              autoComplete="name"
            />
          </Field>
          <Field label={t('contact.email')} errors={errors('contact.email')}>
            <input
              type="email"
              value={draft.contact.email}
              onChange={(e) => setContact('email', e.target.value)}
              maxLength={254}
              autoComplete="email"
            />
          </Field>
          <Field
            label={t('contact.phone')}
            hint={t('contact.phoneHint')}
            errors={errors('contact.phone')}
          >
            <input
              type="tel"
              value={draft.contact.phone}
              onChange={(e) => setContact('phone', e.target.value)}
              autoComplete="tel"
            />
          </Field>
        </>
      ) : null}
    </>
  );
}

/** Exactly what will be sent, in words, with a way back to each step. */
export function ReviewStep({
  draft,
  body,
  files,
  onEdit,
}: {
  draft: ComplaintDraft;
  body: ComplaintRequest;
  files: File[];
  onEdit: (step: ComplaintDraft['step']) => void;
}) {
  const { t } = useTranslation('complaints');
  const notGiven = <span className="muted">{t('review.notGiven')}</span>;
  const fees = body.fees ?? [];
  const { recruiter, contact } = body;
  const editButton = (step: ComplaintDraft['step'], what: string) => (
    <button
      type="button"
      className="button-secondary edit-button"
      onClick={() => onEdit(step)}
      aria-label={`${t('form.edit')}: ${what}`}
    >
      {t('form.edit')}
    </button>
  );
  return (
    <>
      <p>{t('review.intro')}</p>
      <section className="card review-section">
        <div className="review-head">
          <h3>{t('steps.who')}</h3>
          {editButton('who', t('steps.who'))}
        </div>
        <dl>
          <dt>{t('review.about')}</dt>
          <dd>
            {draft.who === 'registered' ? (
              <>
                {draft.recruiterLabel}
                {draft.recruiterJurisdiction
                  ? ` (${t('who.registry', { country: countryName(draft.recruiterJurisdiction) })})`
                  : ''}
              </>
            ) : (
              <ul className="plain">
                {recruiter?.name ? <li>{recruiter.name}</li> : null}
                {recruiter?.website ? <li>{recruiter.website}</li> : null}
                {recruiter?.email ? <li>{recruiter.email}</li> : null}
                {recruiter?.phone ? <li>{recruiter.phone}</li> : null}
              </ul>
            )}
          </dd>
          {draft.who === 'unregistered' ? (
            <>
              <dt>{t('review.country')}</dt>
              <dd>
                {draft.jurisdiction ? countryName(draft.jurisdiction) : t('review.countryUnknown')}
              </dd>
            </>
          ) : null}
        </dl>
      </section>
      <section className="card review-section">
        <div className="review-head">
          <h3>{t('steps.what')}</h3>
          {editButton('what', t('steps.what'))}
        </div>
        <dl>
          <dt>{t('review.problems')}</dt>
          <dd>
            <ul className="plain">
              {draft.categories.map((c) => (
                <li key={c}>{t(`category.${c}.label`)}</li>
              ))}
            </ul>
          </dd>
          <dt>{t('review.description')}</dt>
          <dd className="pre-wrap">{body.description}</dd>
          <dt>{t('review.adUrl')}</dt>
          <dd className="break">{body.adUrl ?? notGiven}</dd>
        </dl>
      </section>
      {fees.length > 0 ? (
        <section className="card review-section">
          <div className="review-head">
            <h3>{t('steps.fees')}</h3>
            {editButton('fees', t('steps.fees'))}
          </div>
          <ul className="plain stack">
            {fees.map((fee, index) => (
              <li key={index}>
                <strong>{formatMoney(fee.amount, fee.currency)}</strong> — {fee.purpose} (
                {fee.chargedBy}){fee.paidOn ? `, ${formatDate(fee.paidOn)}` : ''}
                {fee.method ? `, ${t(`method.${fee.method}`)}` : ''}
                {fee.debt ? (
                  <>
                    <br />
                    {fee.debt.owedTo
                      ? t('review.debt', {
                          amount: formatMoney(fee.debt.amount, fee.debt.currency),
                          owedTo: fee.debt.owedTo,
                        })
                      : t('review.debtNoOwner', {
                          amount: formatMoney(fee.debt.amount, fee.debt.currency),
                        })}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card review-section">
        <div className="review-head">
          <h3>{t('review.files')}</h3>
          {editButton('evidence', t('review.files'))}
        </div>
        {files.length === 0 ? (
          <p>{t('review.noFiles')}</p>
        ) : (
          <ul className="plain">
            {files.map((file, index) => (
              <li key={`${file.name}-${index}`} className="break">
                {file.name} <span className="muted">({fileSize(file.size)})</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card review-section">
        <div className="review-head">
          <h3>{t('review.contact')}</h3>
          {editButton('contact', t('review.contact'))}
        </div>
        {contact ? (
          <ul className="plain">
            {contact.name ? <li>{contact.name}</li> : null}
            {contact.email ? <li>{contact.email}</li> : null}
            {contact.phone ? <li>{contact.phone}</li> : null}
          </ul>
        ) : (
          <p>{t('review.anonymous')}</p>
        )}
      </section>
    </>
  );
}
