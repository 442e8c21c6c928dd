import { COMPLAINT_CATEGORIES, type ComplaintCategory } from '@fair-recruit/domain';
import { useEffect, useMemo, useState } from 'react';
import {
  categoryWords,
  complaintBody,
  formFromPrefill,
  submitComplaint,
  type ComplaintForm,
  type ComplaintReceipt,
  type SubmitResult,
} from '../lib/complaint.js';
import type { ReportPrefill } from '../lib/messages.js';
import { loadSettings, type RegistrySetting } from '../lib/settings.js';
import { InLanguage, page, Section, wideField } from '../lib/ui.js';
import { asFields, boundedString, stringList } from '../lib/validate.js';
import { language, t } from '../lib/i18n.js';

function readPrefill(): ReportPrefill {
  try {
    const fields = asFields(JSON.parse(decodeURIComponent(location.hash.slice(1))));
    const text = (key: string) => boundedString(fields?.[key], 4_000) ?? undefined;
    return {
      recruiterName: text('recruiterName') ?? '',
      website: text('website'),
      email: text('email'),
      phone: text('phone'),
      jurisdiction: text('jurisdiction'),
      adUrl: text('adUrl'),
      registryUrl: text('registryUrl'),
      redFlags: stringList(fields?.redFlags, 20, 1_000) ?? [],
      redFlagCodes: stringList(fields?.redFlagCodes, 20, 100) ?? [],
    };
  } catch {
    return { recruiterName: '', redFlags: [] };
  }
}

export default function Report() {
  return (
    <InLanguage title="report_title">
      <ReportPage />
    </InLanguage>
  );
}

function ReportPage() {
  const prefill = useMemo(readPrefill, []);
  const [form, setForm] = useState<ComplaintForm>(() => formFromPrefill(prefill));
  const [registries, setRegistries] = useState<RegistrySetting[]>([]);
  const [registryUrl, setRegistryUrl] = useState(prefill.registryUrl ?? '');
  const [result, setResult] = useState<SubmitResult | undefined>();
  const [sending, setSending] = useState(false);
  // One key per form: a retry after a lost answer files the same complaint, not a second one.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  useEffect(() => {
    void loadSettings().then((settings) => {
      setRegistries(settings.registries);
      setRegistryUrl((current) =>
        settings.registries.some((r) => r.url === current)
          ? current
          : (settings.registries[0]?.url ?? ''),
      );
    });
  }, []);

  const built = complaintBody(form);
  const set = (key: keyof ComplaintForm) => (value: string) => setForm({ ...form, [key]: value });
  const toggle = (category: ComplaintCategory, on: boolean) =>
    setForm({
      ...form,
      categories: on
        ? [...form.categories, category]
        : form.categories.filter((c) => c !== category),
    });

  const send = async () => {
    if (!('body' in built) || registryUrl === '') return;
    setSending(true);
    setResult(await submitComplaint(registryUrl, built.body, idempotencyKey));
    setSending(false);
  };

  if (result?.ok) return <Receipt receipt={result.receipt} registryUrl={registryUrl} />;

  const field = (
    key: 'recruiterName' | 'website' | 'email' | 'phone' | 'jurisdiction' | 'adUrl',
    label: string,
  ) => (
    <p>
      <label>
        {label}
        <br />
        <input
          name={key}
          value={form[key]}
          onChange={(event) => set(key)(event.target.value)}
          style={wideField}
        />
      </label>
    </p>
  );

  return (
    <main style={{ ...page, maxWidth: 720 }}>
      <h1 style={{ fontSize: 18 }}>{t('report_title')}</h1>
      <p>{t('report_intro')}</p>
      <Section title={t('report_recruiter')}>
        {field('recruiterName', t('report_name'))}
        {field('website', t('report_website'))}
        {field('email', t('report_email'))}
        {field('phone', t('report_phone'))}
        {field('jurisdiction', t('report_jurisdiction'))}
        {field('adUrl', t('report_adUrl'))}
      </Section>
      <Section title={t('report_whatIsWrong')}>
        {COMPLAINT_CATEGORIES.map((category) => (
          <label key={category} style={{ display: 'block' }}>
            <input
              type="checkbox"
              name="category"
              value={category}
              checked={form.categories.includes(category)}
              onChange={(event) => toggle(category, event.target.checked)}
            />{' '}
            {categoryWords(category)}
          </label>
        ))}
        <p>
          <label>
            {t('report_whatHappened')}
            <br />
            <textarea
              name="description"
              value={form.description}
              onChange={(event) => set('description')(event.target.value)}
              rows={8}
              style={wideField}
            />
          </label>
        </p>
      </Section>
      <Section title={t('report_sendTo')}>
        <select
          style={{ maxWidth: '100%' }}
          name="registry"
          aria-label={t('report_registrySelect')}
          value={registryUrl}
          onChange={(event) => setRegistryUrl(event.target.value)}
        >
          {registries.map((registry) => (
            <option key={registry.url} value={registry.url}>
              {registry.url}
            </option>
          ))}
        </select>
      </Section>
      <Section title={t('report_preview')}>
        {'body' in built ? (
          <pre
            data-testid="complaint-preview"
            style={{ background: '#f3f4f6', padding: 8, whiteSpace: 'pre-wrap' }}
          >
            {`POST ${registryUrl}/api/v1/complaints\nIdempotency-Key: ${idempotencyKey}\n\n${JSON.stringify(built.body, null, 2)}`}
          </pre>
        ) : (
          <ul style={{ color: '#b45309' }}>
            {built.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </Section>
      {result && !result.ok ? (
        <p role="alert" style={{ color: '#b91c1c' }}>
          {result.message}
          {result.fields?.map((f) => ` ${f.field}: ${f.message}.`).join('')}
        </p>
      ) : null}
      <button
        type="button"
        disabled={!('body' in built) || registryUrl === '' || sending}
        onClick={() => void send()}
      >
        {sending ? t('report_sending') : t('report_send')}
      </button>
    </main>
  );
}

/**
 * The reference and receipt code, shown this once: a file to keep them in, and where to use them.
 */
function Receipt({ receipt, registryUrl }: { receipt: ComplaintReceipt; registryUrl: string }) {
  // The registry that took the report serves its portal beside its API; it opens in the
  // extension's language (the portal's `?lang=`).
  const followUpUrl = `${registryUrl}/complaints/follow-up?lang=${language()}`;
  const file = useMemo(() => {
    const text = [
      t('receipt_fileTitle'),
      '',
      t('receipt_reference', receipt.reference),
      t('receipt_code', receipt.receipt),
      t('receipt_fileAuthority', receipt.authority.name, receipt.jurisdiction),
      t('receipt_fileFollowUp', followUpUrl),
      '',
      t('receipt_fileWarning'),
      '',
    ].join('\r\n');
    return URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  }, [receipt, followUpUrl]);
  return (
    <main style={{ ...page, maxWidth: 640 }}>
      <h1 style={{ fontSize: 18 }}>{t('receipt_title')}</h1>
      <p>
        {t('receipt_reference', '')}
        <strong data-testid="complaint-reference">{receipt.reference}</strong>
        <br />
        {t('receipt_code', '')}
        <strong data-testid="complaint-receipt">{receipt.receipt}</strong>
      </p>
      <p style={{ background: '#fef3c7', padding: 8 }}>
        {t('receipt_keep')}{' '}
        <a data-testid="complaint-receipt-file" href={file} download={`${receipt.reference}.txt`}>
          {t('receipt_saveFile')}
        </a>
      </p>
      <p>
        {t(
          'receipt_goesTo',
          `${receipt.authority.name} (${receipt.jurisdiction})${receipt.authority.website ? `, ${receipt.authority.website}` : ''}`,
          receipt.status === 'received' ? t('receipt_statusReceived') : receipt.status,
        )}
      </p>
      <p>
        <a data-testid="complaint-follow-up" href={followUpUrl} target="_blank" rel="noreferrer">
          {t('receipt_followUp')}
        </a>{' '}
        {t('receipt_followUpRest')}
      </p>
    </main>
  );
}
