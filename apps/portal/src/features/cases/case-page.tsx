import { COMPLAINT_TRANSITIONS, STORED_STATUSES, type ComplaintStatus } from '@fair-recruit/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link, useParams } from 'react-router';
import { api, apiResponse, ApiError, fileNameOf, saveBlob } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { useApi } from '../../components/use-api';
import type { ComplaintCase, Jurisdiction, TimelineEntry } from './types';
import './cases.css';

/** One complaint's case file: what the worker said, the timeline, messages and decisions. */
export function CasePage() {
  const { t } = useTranslation('cases');
  const { id = '' } = useParams();
  const { token, expired, principal } = useSession();
  const [current, setCurrent] = useState<ComplaintCase | null>(null);
  const loaded = useApi(
    (signal) =>
      api<ComplaintCase>(`/regulator/complaints/${encodeURIComponent(id)}`, { token, signal })
        .then((c) => {
          setCurrent(c);
          return c;
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 401) expired();
          throw error;
        }),
    [id, token],
  );
  const complaint = current && current.id === id ? current : loaded.data;
  const canAct =
    !complaint ||
    principal?.role === 'admin' ||
    (principal?.jurisdictions ?? []).includes(complaint.jurisdiction);
  usePageTitle(complaint ? t('case.title', { reference: complaint.reference }) : t('case.loading'));

  if (loaded.error) {
    const missing = loaded.error.status === 404 || loaded.error.status === 400;
    return (
      <section className="stack">
        <h1>{t('case.unavailable')}</h1>
        {missing ? (
          <div className="notice notice-error" role="alert">
            <p>{t('case.notFound')}</p>
          </div>
        ) : (
          <ErrorNotice error={loaded.error} />
        )}
        <p>
          <Link to="/console/complaints">{t('case.backToQueue')}</Link>
        </p>
      </section>
    );
  }
  if (!complaint) return <p aria-busy="true">{t('loading', { ns: 'common' })}</p>;

  return (
    <article className="stack case" aria-labelledby="case-title">
      <p>
        <Link to="/console/complaints">{t('case.backToQueue')}</Link>
      </p>
      <h1 id="case-title">{t('case.title', { reference: complaint.reference })}</h1>
      <p className="row">
        <span className={`case-status case-status-${complaint.status}`}>
          {t(`complaintStatus.${complaint.status}`)}
        </span>
        <span>
          {t('case.received', {
            date: formatDate(complaint.receivedAt),
            count: ageDays(complaint.receivedAt),
          })}
        </span>
        <span>{t('case.registry', { code: complaint.jurisdiction })}</span>
      </p>

      <div className="grid grid-2">
        <CaseFacts complaint={complaint} />
        <div className="stack">
          <Contact complaint={complaint} />
          <Evidence complaint={complaint} />
        </div>
      </div>

      <Timeline entries={complaint.timeline} />
      {canAct ? (
        <>
          {complaint.status !== 'closed' ? (
            <MessageForm id={complaint.id} onSent={() => loaded.reload()} />
          ) : null}
          <TransitionForm complaint={complaint} onChanged={setCurrent} />
        </>
      ) : (
        // Referred away just now: the other registry acts on it from here on.
        <p className="notice notice-success" role="status">
          {t('case.referredDone', { code: complaint.jurisdiction })}
        </p>
      )}
    </article>
  );
}

const ageDays = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);

function CaseFacts({ complaint }: { complaint: ComplaintCase }) {
  const { t } = useTranslation('cases');
  const reported = complaint.reportedRecruiter ?? {};
  return (
    <section className="card stack" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('case.facts')}</h2>
      <dl className="facts">
        <dt>{t('case.recruiter')}</dt>
        <dd>
          {complaint.recruiterId ? (
            <Link to={`/recruiters/${complaint.recruiterId}`}>
              {complaint.recruiterName ?? complaint.recruiterId}
            </Link>
          ) : (
            (complaint.recruiterName ?? reported.name ?? t('queue.unnamed'))
          )}
          {complaint.recruiterId ? null : (
            <span className="muted"> ({t('case.unregistered')})</span>
          )}
        </dd>
        {Object.entries(reported)
          .filter(([k]) => k !== 'name')
          .map(([k, v]) => (
            <div key={k} className="facts-pair">
              <dt>{t(`case.reported.${k}`, { defaultValue: k })}</dt>
              <dd className="break">{v}</dd>
            </div>
          ))}
        <dt>{t('case.categories')}</dt>
        <dd>{complaint.categories.map((c) => t(`category.${c}`)).join(', ')}</dd>
        {complaint.adUrl ? (
          <>
            <dt>{t('case.adUrl')}</dt>
            <dd className="break">{complaint.adUrl}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('case.description')}</h3>
      <p className="said">{complaint.description}</p>
      <h3>{t('case.fees')}</h3>
      {complaint.fees.length === 0 ? (
        <p>{t('case.noFees')}</p>
      ) : (
        <ul className="fees">
          {complaint.fees.map((fee, i) => (
            <li key={i}>
              <strong>{formatMoney(fee.amount, fee.currency)}</strong>
              {fee.purpose ? ` · ${fee.purpose}` : ''}
              {fee.chargedBy ? ` · ${t('case.chargedBy', { name: fee.chargedBy })}` : ''}
              {fee.paidOn ? ` · ${formatDate(fee.paidOn)}` : ''}
              {fee.method ? ` · ${t(`method.${fee.method}`, { defaultValue: fee.method })}` : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Contact({ complaint }: { complaint: ComplaintCase }) {
  const { t } = useTranslation('cases');
  const contact = complaint.contact;
  return (
    <section className="card stack" aria-labelledby="contact-title">
      <h2 id="contact-title">{t('case.contact')}</h2>
      {contact && (contact.name || contact.email || contact.phone) ? (
        <dl className="facts">
          {contact.name ? (
            <>
              <dt>{t('case.contactName')}</dt>
              <dd>{contact.name}</dd>
            </>
          ) : null}
          {contact.email ? (
            <>
              <dt>{t('case.contactEmail')}</dt>
              <dd className="break">
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </dd>
            </>
          ) : null}
          {contact.phone ? (
            <>
              <dt>{t('case.contactPhone')}</dt>
              <dd>{contact.phone}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p>{t('case.anonymous')}</p>
      )}
    </section>
  );
}

function Evidence({ complaint }: { complaint: ComplaintCase }) {
  const { t } = useTranslation('cases');
  const { token } = useSession();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function download(evidenceId: string, fallback: string) {
    setError(null);
    setBusy(evidenceId);
    try {
      const response = await apiResponse(
        `/regulator/complaints/${complaint.id}/evidence/${evidenceId}`,
        { token, headers: { accept: '*/*' } },
      );
      saveBlob(await response.blob(), fileNameOf(response, fallback));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="card stack" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{t('case.evidence')}</h2>
      {error ? <ErrorNotice error={error} /> : null}
      {complaint.evidence.length === 0 ? (
        <p>{t('case.noEvidence')}</p>
      ) : (
        <ul className="evidence-list">
          {complaint.evidence.map((file) => {
            const name = file.fileName ?? `evidence-${file.id}`;
            return (
              <li key={file.id}>
                <span className="break">{name}</span>{' '}
                <span className="muted">
                  ({t('case.size', { kb: formatNumber(Math.ceil(file.size / 1024)) })},{' '}
                  {t(`case.addedBy.${file.addedBy}`)}, {formatDateTime(file.addedAt)})
                </span>{' '}
                <button
                  type="button"
                  className="button-secondary"
                  disabled={busy === file.id}
                  onClick={() => void download(file.id, name)}
                >
                  {t('case.download', { name })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t } = useTranslation('cases');
  return (
    <section className="card stack" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('case.timeline')}</h2>
      <ol className="timeline">
        {entries.map((entry, i) => (
          <li key={i} className={entry.kind === 'message' ? `message message-${entry.by}` : ''}>
            <p>
              <strong>{timelineTitle(t, entry)}</strong>{' '}
              <span className="muted">
                · {t(`case.by.${entry.by}`)} ·{' '}
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </span>
            </p>
            {entry.message ? <p className="said">{entry.message}</p> : null}
            {entry.reason ? (
              <p>
                <span className="muted">{t('case.reason')}:</span> {entry.reason}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function timelineTitle(t: TFunction<'cases'>, e: TimelineEntry) {
  switch (e.kind) {
    case 'submitted':
      return t('case.event.submitted');
    case 'status_changed':
      return t('case.event.status', { status: t(`complaintStatus.${e.status ?? ''}`) });
    case 'referred':
      return t('case.event.referred', { code: e.jurisdiction ?? '' });
    case 'message':
      return e.by === 'regulator' ? t('case.event.messageSent') : t('case.event.messageReceived');
    case 'evidence_added':
      return t('case.event.evidence');
    default:
      return e.kind;
  }
}

function MessageForm({ id, onSent }: { id: string; onSent: () => void }) {
  const { t } = useTranslation('cases');
  const { token } = useSession();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function send(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSent(false);
    setBusy(true);
    try {
      await api(`/regulator/complaints/${id}/messages`, {
        method: 'POST',
        token,
        body: { message },
      });
      setMessage('');
      setSent(true);
      onSent();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const fieldErrors = error instanceof ApiError ? error.messagesFor('message') : [];
  return (
    <section className="card stack" aria-labelledby="message-title">
      <h2 id="message-title">{t('case.messageTitle')}</h2>
      <form onSubmit={(e) => void send(e)} noValidate>
        <Field
          label={t('case.messageLabel')}
          hint={t('case.messageHint')}
          errors={fieldErrors}
          required
        >
          <textarea value={message} onChange={(e) => setMessage(e.target.value)} maxLength={5000} />
        </Field>
        {error ? <ErrorNotice error={error} /> : null}
        <div aria-live="polite">
          {sent ? <p className="notice notice-success">{t('case.messageSent')}</p> : null}
        </div>
        <button type="submit" disabled={busy}>
          {t('case.send')}
        </button>
      </form>
    </section>
  );
}

function TransitionForm({
  complaint,
  onChanged,
}: {
  complaint: ComplaintCase;
  onChanged: (c: ComplaintCase) => void;
}) {
  const { t } = useTranslation('cases');
  const { token } = useSession();
  const registries = useApi(
    (signal) => api<{ items: Jurisdiction[] }>('/jurisdictions', { signal }).then((r) => r.items),
    [],
  );
  const allowed = COMPLAINT_TRANSITIONS[complaint.status as ComplaintStatus] ?? [];
  const [status, setStatus] = useState<string>('');
  const [reason, setReason] = useState('');
  const [referTo, setReferTo] = useState('');
  const [recruiterStatus, setRecruiterStatus] = useState('');
  const [publicReason, setPublicReason] = useState('');
  const [decisionReference, setDecisionReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (allowed.length === 0) {
    return (
      <section className="card" aria-labelledby="decide-title">
        <h2 id="decide-title">{t('case.decide')}</h2>
        <p>{t('case.noTransitions')}</p>
        {done ? (
          <p className="notice notice-success" role="status">
            {done}
          </p>
        ) : null}
      </section>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const body: Record<string, unknown> = { status, reason };
      if (status === 'referred' && referTo.trim()) body.referTo = referTo.trim().toUpperCase();
      if (status === 'substantiated' && recruiterStatus) {
        body.recruiterStatus = {
          status: recruiterStatus,
          reason: publicReason,
          ...(decisionReference.trim() ? { reference: decisionReference.trim() } : {}),
        };
      }
      const updated = await api<ComplaintCase>(
        `/regulator/complaints/${complaint.id}/transitions`,
        {
          method: 'POST',
          token,
          body,
        },
      );
      const movedAway = updated.jurisdiction !== complaint.jurisdiction;
      setDone(
        movedAway
          ? t('case.referredDone', { code: updated.jurisdiction })
          : t('case.changed', { status: t(`complaintStatus.${updated.status}`) }),
      );
      setStatus('');
      setReason('');
      setReferTo('');
      setRecruiterStatus('');
      setPublicReason('');
      setDecisionReference('');
      onChanged(updated);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const errorsFor = (field: string) => (error instanceof ApiError ? error.messagesFor(field) : []);
  const others = (registries.data ?? []).filter((j) => j.code !== complaint.jurisdiction);
  return (
    <section className="card stack" aria-labelledby="decide-title">
      <h2 id="decide-title">{t('case.decide')}</h2>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset>
          <legend>{t('case.nextStatus')}</legend>
          {allowed.map((s) => (
            <label key={s} className="choice">
              <input
                type="radio"
                name="next-status"
                value={s}
                checked={status === s}
                onChange={() => setStatus(s)}
              />
              {t(`complaintStatus.${s}`)}{' '}
              <span className="muted">— {t(`transitionHint.${s}`)}</span>
            </label>
          ))}
          {errorsFor('status').length > 0 ? (
            <p className="field-error">{errorsFor('status').join(' ')}</p>
          ) : null}
        </fieldset>
        <Field
          label={t('case.reasonLabel')}
          hint={t('case.reasonHint')}
          errors={errorsFor('reason')}
          required
        >
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />
        </Field>
        {status === 'referred' ? (
          <Field
            label={t('case.referTo')}
            hint={t('case.referToHint')}
            errors={errorsFor('referTo')}
          >
            <input
              value={referTo}
              onChange={(e) => setReferTo(e.target.value)}
              maxLength={2}
              autoComplete="off"
              spellCheck={false}
              list="refer-codes"
            />
          </Field>
        ) : null}
        <datalist id="refer-codes">
          {others.map((j) => (
            <option key={j.code} value={j.code}>
              {j.name}
            </option>
          ))}
        </datalist>
        {status === 'substantiated' && complaint.recruiterId ? (
          <fieldset>
            <legend>{t('case.sanction')}</legend>
            <p className="hint">{t('case.sanctionHint')}</p>
            <Field label={t('case.recruiterStatus')} errors={errorsFor('recruiterStatus.status')}>
              <select value={recruiterStatus} onChange={(e) => setRecruiterStatus(e.target.value)}>
                <option value="">{t('case.noSanction')}</option>
                {STORED_STATUSES.filter((s) => s !== 'pending').map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`, { ns: 'common' })}
                  </option>
                ))}
              </select>
            </Field>
            {recruiterStatus ? (
              <>
                <Field
                  label={t('case.publicReason')}
                  hint={t('case.publicReasonHint')}
                  errors={[...errorsFor('recruiterStatus.reason'), ...errorsFor('recruiterStatus')]}
                  required
                >
                  <textarea
                    value={publicReason}
                    onChange={(e) => setPublicReason(e.target.value)}
                    maxLength={2000}
                  />
                </Field>
                <Field
                  label={t('case.decisionReference')}
                  errors={errorsFor('recruiterStatus.reference')}
                >
                  <input
                    value={decisionReference}
                    onChange={(e) => setDecisionReference(e.target.value)}
                    maxLength={200}
                  />
                </Field>
              </>
            ) : null}
          </fieldset>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
        <div aria-live="polite">
          {done ? <p className="notice notice-success">{done}</p> : null}
        </div>
        <button type="submit" disabled={busy || !status}>
          {t('case.apply')}
        </button>
      </form>
    </section>
  );
}
