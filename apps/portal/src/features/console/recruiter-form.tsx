import { RECRUITER_KINDS, SECTORS } from '@fair-recruit/domain';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Field } from '../../components/field';
import type { Jurisdiction, Recruiter } from './console-data';

/** The form's state: every field as the user types it (lists one value a line). */
export interface RecruiterDraft {
  jurisdiction: string;
  registrationNumber: string;
  kind: string;
  sector: string;
  legalName: string;
  tradingNames: string;
  domains: string;
  emailDomains: string;
  phones: string;
  street: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  authorizedFrom: string;
  authorizedUntil: string;
  conditions: string;
}

export function emptyDraft(jurisdiction = ''): RecruiterDraft {
  return {
    jurisdiction,
    registrationNumber: '',
    kind: 'recruiter',
    sector: 'private',
    legalName: '',
    tradingNames: '',
    domains: '',
    emailDomains: '',
    phones: '',
    street: '',
    city: '',
    region: '',
    postalCode: '',
    country: jurisdiction,
    authorizedFrom: '',
    authorizedUntil: '',
    conditions: '',
  };
}

export function draftOf(r: Recruiter): RecruiterDraft {
  return {
    jurisdiction: r.jurisdiction,
    registrationNumber: r.registrationNumber,
    kind: r.kind,
    sector: r.sector,
    legalName: r.legalName,
    tradingNames: r.tradingNames.join('\n'),
    domains: r.domains.join('\n'),
    emailDomains: r.emailDomains.join('\n'),
    phones: r.phones.join('\n'),
    street: r.address?.street ?? '',
    city: r.address?.city ?? '',
    region: r.address?.region ?? '',
    postalCode: r.address?.postalCode ?? '',
    country: r.address?.country ?? '',
    authorizedFrom: r.authorizedFrom ?? '',
    authorizedUntil: r.authorizedUntil ?? '',
    conditions: r.conditions ?? '',
  };
}

const lines = (value: string) =>
  value
    .split(/[\n,]/)
    .map((v) => v.trim())
    .filter((v) => v.length > 0);

/**
 * The API body from a draft. A new record leaves empty optional fields out; an edit sends
 * `null` (or an empty list) so that clearing a field clears it.
 */
export function bodyOf(draft: RecruiterDraft, mode: 'create' | 'edit'): Record<string, unknown> {
  const empty = mode === 'create' ? undefined : null;
  const text = (value: string) => (value.trim() === '' ? empty : value.trim());
  const address = Object.fromEntries(
    (['street', 'city', 'region', 'postalCode', 'country'] as const)
      .map((key) => [key, draft[key].trim()] as const)
      .filter(([, value]) => value !== ''),
  );
  const body: Record<string, unknown> = {
    kind: draft.kind,
    sector: draft.sector,
    legalName: draft.legalName.trim(),
    tradingNames: lines(draft.tradingNames),
    domains: lines(draft.domains),
    emailDomains: lines(draft.emailDomains),
    phones: lines(draft.phones).map((p) => p.replace(/[\s().-]/g, '')),
    address: Object.keys(address).length > 0 ? address : empty,
    authorizedFrom: text(draft.authorizedFrom),
    authorizedUntil: text(draft.authorizedUntil),
    conditions: text(draft.conditions),
  };
  if (mode === 'create') {
    body.jurisdiction = draft.jurisdiction;
    body.registrationNumber = draft.registrationNumber.trim();
  }
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
}

/**
 * Every field of a registration, with the API's messages beside each one. Used to register a
 * recruiter and to edit one (where jurisdiction and registration number are fixed).
 */
export function RecruiterForm({
  initial,
  mode,
  jurisdictions,
  error,
  busy,
  readOnly = false,
  submitLabel,
  onSubmit,
  children,
}: {
  initial: RecruiterDraft;
  mode: 'create' | 'edit';
  jurisdictions: Jurisdiction[];
  error: unknown;
  busy: boolean;
  readOnly?: boolean;
  submitLabel: string;
  onSubmit: (draft: RecruiterDraft) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation('console');
  const [draft, setDraft] = useState(initial);
  const apiError = error instanceof ApiError ? error : null;
  const errorsFor = (...fields: string[]) =>
    apiError ? fields.flatMap((field) => apiError.messagesFor(field, true)) : [];
  const set =
    (key: keyof RecruiterDraft) =>
    (event: { target: { value: string } }): void =>
      setDraft((d) => ({ ...d, [key]: event.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(draft);
  }

  const registrationErrors = [
    ...errorsFor('registrationNumber'),
    ...(apiError?.code === 'registration_number_taken' ? [t('form.numberTaken')] : []),
  ];

  return (
    <form onSubmit={submit} noValidate className="recruiter-form">
      <fieldset disabled={readOnly || busy}>
        <legend>{t('form.identity')}</legend>
        <div className="grid grid-2">
          {mode === 'create' ? (
            <Field label={t('fields.jurisdiction')} errors={errorsFor('jurisdiction')} required>
              <select value={draft.jurisdiction} onChange={set('jurisdiction')}>
                <option value="">{t('form.choose')}</option>
                {jurisdictions.map((j) => (
                  <option key={j.code} value={j.code}>
                    {j.code} · {j.name}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
          {mode === 'create' ? (
            <Field
              label={t('fields.registrationNumber')}
              hint={t('form.registrationNumberHint')}
              errors={registrationErrors}
              required
            >
              <input value={draft.registrationNumber} onChange={set('registrationNumber')} />
            </Field>
          ) : null}
          <Field label={t('fields.legalName')} errors={errorsFor('legalName')} required>
            <input value={draft.legalName} onChange={set('legalName')} />
          </Field>
          <Field label={t('fields.kind')} errors={errorsFor('kind')} required>
            <select value={draft.kind} onChange={set('kind')}>
              {RECRUITER_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('fields.sector')} errors={errorsFor('sector')} required>
            <select value={draft.sector} onChange={set('sector')}>
              {SECTORS.map((s) => (
                <option key={s} value={s}>
                  {t(`sectors.${s}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={readOnly || busy}>
        <legend>{t('form.contact')}</legend>
        <div className="grid grid-2">
          <Field
            label={t('fields.tradingNames')}
            hint={t('form.oneALine')}
            errors={errorsFor('tradingNames')}
          >
            <textarea rows={3} value={draft.tradingNames} onChange={set('tradingNames')} />
          </Field>
          <Field
            label={t('fields.domains')}
            hint={t('form.domainsHint')}
            errors={errorsFor('domains')}
          >
            <textarea rows={3} value={draft.domains} onChange={set('domains')} />
          </Field>
          <Field
            label={t('fields.emailDomains')}
            hint={t('form.oneALine')}
            errors={errorsFor('emailDomains')}
          >
            <textarea rows={3} value={draft.emailDomains} onChange={set('emailDomains')} />
          </Field>
          <Field
            label={t('fields.phones')}
            hint={t('form.phonesHint')}
            errors={errorsFor('phones')}
          >
            <textarea rows={3} value={draft.phones} onChange={set('phones')} />
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={readOnly || busy}>
        <legend>{t('form.address')}</legend>
        {apiError?.messagesFor('address').length ? (
          <p className="field-error">{apiError.messagesFor('address').join(' ')}</p>
        ) : null}
        <div className="grid grid-2">
          <Field label={t('fields.street')} errors={errorsFor('address.street')}>
            <input value={draft.street} onChange={set('street')} autoComplete="off" />
          </Field>
          <Field label={t('fields.city')} errors={errorsFor('address.city')}>
            <input value={draft.city} onChange={set('city')} autoComplete="off" />
          </Field>
          <Field label={t('fields.region')} errors={errorsFor('address.region')}>
            <input value={draft.region} onChange={set('region')} autoComplete="off" />
          </Field>
          <Field label={t('fields.postalCode')} errors={errorsFor('address.postalCode')}>
            <input value={draft.postalCode} onChange={set('postalCode')} autoComplete="off" />
          </Field>
          <Field
            label={t('fields.country')}
            hint={t('form.countryHint')}
            errors={errorsFor('address.country')}
          >
            <input
              value={draft.country}
              onChange={set('country')}
              maxLength={2}
              autoComplete="off"
            />
          </Field>
        </div>
      </fieldset>

      <fieldset disabled={readOnly || busy}>
        <legend>{t('form.authorization')}</legend>
        <div className="grid grid-2">
          <Field label={t('fields.authorizedFrom')} errors={errorsFor('authorizedFrom')}>
            <input type="date" value={draft.authorizedFrom} onChange={set('authorizedFrom')} />
          </Field>
          <Field label={t('fields.authorizedUntil')} errors={errorsFor('authorizedUntil')}>
            <input type="date" value={draft.authorizedUntil} onChange={set('authorizedUntil')} />
          </Field>
        </div>
        <Field label={t('fields.conditions')} errors={errorsFor('conditions')}>
          <textarea rows={3} value={draft.conditions} onChange={set('conditions')} />
        </Field>
      </fieldset>

      {children}
      {readOnly ? null : (
        <button type="submit" disabled={busy}>
          {busy ? t('form.saving') : submitLabel}
        </button>
      )}
    </form>
  );
}
