import { STATUS_TRANSITIONS, type StoredStatus } from '@fair-recruit/domain';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { api, apiResponse, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { formatDate, formatDateTime } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { StatusBadge } from '../../components/status-badge';
import {
  canWrite,
  useConsoleApi,
  type AuditEvent,
  type Jurisdiction,
  type Recruiter,
} from './console-data';
import { bodyOf, draftOf, RecruiterForm, type RecruiterDraft } from './recruiter-form';
import './console.css';

interface Loaded {
  recruiter: Recruiter;
  etag: string;
}

/** One record of a registry: edit it, change its status, read its history and audit trail. */
export function RecruiterPage() {
  const { t } = useTranslation('console');
  const { id = '' } = useParams();
  const location = useLocation();
  const { token, principal, expired } = useSession();
  // What the page last read; replaced by each successful write (which answers the new version).
  const [current, setCurrent] = useState<Loaded | null>(null);
  const [notice, setNotice] = useState<string | null>(
    (location.state as { created?: boolean } | null)?.created ? t('detail.created') : null,
  );
  const loaded = useConsoleApi(
    async (signal, token) => {
      const response = await apiResponse(`/regulator/recruiters/${id}`, { signal, token });
      const value = {
        recruiter: (await response.json()) as Recruiter,
        etag: response.headers.get('etag') ?? '',
      };
      setCurrent(value);
      return value;
    },
    [id],
  );
  const audit = useConsoleApi(
    async (signal, token) => {
      const jurisdiction = loaded.data?.recruiter.jurisdiction;
      if (!jurisdiction) return null;
      return api<{ items: AuditEvent[] }>(`/audit/${jurisdiction}/events`, {
        signal,
        token,
        query: { entityType: 'recruiter', entityId: id, limit: 200 },
      });
    },
    [id, loaded.data?.recruiter.jurisdiction, current?.etag],
  );
  const recruiter = current?.recruiter;
  usePageTitle(recruiter?.legalName ?? t('detail.title'));

  const [editError, setEditError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);

  function written(response: Response, body: Recruiter, message: string) {
    setCurrent({ recruiter: body, etag: response.headers.get('etag') ?? '' });
    setNotice(message);
  }

  async function save(draft: RecruiterDraft) {
    if (!current) return;
    setEditing(true);
    setEditError(null);
    setNotice(null);
    try {
      const response = await apiResponse(`/recruiters/${id}`, {
        method: 'PATCH',
        token,
        headers: { 'if-match': current.etag },
        body: bodyOf(draft, 'edit'),
      });
      written(response, (await response.json()) as Recruiter, t('detail.saved'));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) expired();
      setEditError(failure);
    } finally {
      setEditing(false);
    }
  }

  function reload() {
    setEditError(null);
    setNotice(null);
    loaded.reload();
  }

  if (loaded.error && !current) {
    const hidden = loaded.error.status === 404 || loaded.error.status === 403;
    return (
      <>
        <p>
          <Link to="/console/recruiters">{t('recruiters.back')}</Link>
        </p>
        <h1>{t('detail.title')}</h1>
        {hidden ? (
          <div className="notice notice-error" role="alert">
            <p>{t('detail.notAvailable')}</p>
          </div>
        ) : (
          <ErrorNotice error={loaded.error} />
        )}
      </>
    );
  }
  if (!current || !recruiter) return <p aria-busy="true">{t('loading', { ns: 'common' })}</p>;

  const writable = canWrite(principal, recruiter.jurisdiction);
  const conflict = editError instanceof ApiError && editError.status === 412;
  const jurisdictionOnly: Jurisdiction[] = [];

  return (
    <>
      <p>
        <Link to="/console/recruiters">{t('recruiters.back')}</Link>
      </p>
      <h1>{recruiter.legalName}</h1>
      <p className="row">
        <StatusBadge status={recruiter.effectiveStatus} />
        <span>
          {recruiter.jurisdiction} · {recruiter.registrationNumber}
        </span>
        <Link to={`/recruiters/${recruiter.id}`}>{t('detail.publicPage')}</Link>
      </p>
      {notice ? (
        <div className="notice notice-success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      {!writable ? <p className="notice">{t('readOnly')}</p> : null}

      <section aria-labelledby="status-heading">
        <h2 id="status-heading">{t('detail.statusTitle')}</h2>
        <p>
          {t('detail.currentStatus')} <StatusBadge status={recruiter.status} />
          {recruiter.effectiveStatus !== recruiter.status ? (
            <span className="muted"> {t('detail.expiredNote')}</span>
          ) : null}
        </p>
        {writable ? (
          <StatusChangeForm
            key={current.etag}
            recruiter={recruiter}
            etag={current.etag}
            onChanged={(response, body) => written(response, body, t('detail.statusChanged'))}
            onReload={reload}
          />
        ) : null}
      </section>

      <section aria-labelledby="edit-heading">
        <h2 id="edit-heading">{t('detail.editTitle')}</h2>
        {conflict ? (
          <div className="notice notice-warning" role="alert">
            <p>{t('detail.conflict')}</p>
            <button type="button" className="button-secondary" onClick={reload}>
              {t('detail.reload')}
            </button>
          </div>
        ) : (
          <ErrorNotice error={editError} />
        )}
        <RecruiterForm
          key={current.etag}
          mode="edit"
          initial={draftOf(recruiter)}
          jurisdictions={jurisdictionOnly}
          error={editError}
          busy={editing}
          readOnly={!writable}
          submitLabel={t('detail.save')}
          onSubmit={(draft) => void save(draft)}
        />
      </section>

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('detail.historyTitle')}</h2>
        {recruiter.history && recruiter.history.length > 0 ? (
          <ol className="timeline">
            {[...recruiter.history].reverse().map((change) => (
              <li key={`${change.changedAt}-${change.toStatus}`}>
                <p>
                  <strong>{formatDateTime(change.changedAt)}</strong> ·{' '}
                  {change.fromStatus
                    ? t('detail.fromTo', {
                        from: t(`status.${change.fromStatus}`, { ns: 'common' }),
                        to: t(`status.${change.toStatus}`, { ns: 'common' }),
                      })
                    : t(`status.${change.toStatus}`, { ns: 'common' })}
                </p>
                <p>{change.reason}</p>
                {change.reference ? (
                  <p className="muted">{t('detail.reference', { reference: change.reference })}</p>
                ) : null}
              </li>
            ))}
          </ol>
        ) : (
          <p className="muted">{t('detail.noHistory')}</p>
        )}
        {recruiter.authorizedFrom || recruiter.authorizedUntil ? (
          <p>
            {t('detail.period', {
              from: formatDate(recruiter.authorizedFrom) || '—',
              until: formatDate(recruiter.authorizedUntil) || '—',
            })}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="audit-heading">
        <h2 id="audit-heading">{t('audit.title')}</h2>
        <p className="muted">{t('audit.intro')}</p>
        <ErrorNotice error={audit.error} />
        {audit.data && audit.data.items.length > 0 ? (
          <div className="table-scroll" tabIndex={0} aria-label={t('audit.title')}>
            <table className="audit-table">
              <caption className="visually-hidden">{t('audit.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('audit.seq')}</th>
                  <th scope="col">{t('audit.action')}</th>
                  <th scope="col">{t('audit.actor')}</th>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('audit.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.map((event) => (
                  <tr key={event.seq}>
                    <td>{event.seq}</td>
                    <td>
                      {t(`audit.actions.${event.action}`, { defaultValue: event.action })}
                      <span className="visually-hidden"> ({event.action})</span>
                    </td>
                    <td>
                      {event.actorId === null ? (
                        t('audit.system')
                      ) : event.actorId === principal?.userId ? (
                        t('audit.you')
                      ) : (
                        <code title={event.actorId}>{event.actorId.slice(0, 8)}</code>
                      )}
                    </td>
                    <td>{formatDateTime(event.occurredAt)}</td>
                    <td>
                      <code title={event.hash}>{event.hash.slice(0, 12)}…</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : audit.data ? (
          <p className="muted">{t('audit.empty')}</p>
        ) : null}
      </section>
    </>
  );
}

/** The next statuses the status machine allows, each with a required reason. */
function StatusChangeForm({
  recruiter,
  etag,
  onChanged,
  onReload,
}: {
  recruiter: Recruiter;
  etag: string;
  onChanged: (response: Response, body: Recruiter) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation('console');
  const { token, expired } = useSession();
  const choices = STATUS_TRANSITIONS[recruiter.status];
  const [status, setStatus] = useState<StoredStatus | ''>('');
  const [reason, setReason] = useState('');
  const [reference, setReference] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const legendId = useId();

  if (choices.length === 0) return <p className="muted">{t('detail.final')}</p>;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const absent = [
      ...(status === '' ? ['status'] : []),
      ...(reason.trim() === '' ? ['reason'] : []),
    ];
    setMissing(absent);
    if (absent.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const response = await apiResponse(`/recruiters/${recruiter.id}/status`, {
        method: 'POST',
        token,
        headers: { 'if-match': etag },
        body: {
          status,
          reason: reason.trim(),
          ...(reference.trim() ? { reference: reference.trim() } : {}),
        },
      });
      onChanged(response, (await response.json()) as Recruiter);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) expired();
      setError(failure);
      setBusy(false);
    }
  }

  const apiError = error instanceof ApiError ? error : null;
  const conflict = apiError?.status === 412;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="card">
      {conflict ? (
        <div className="notice notice-warning" role="alert">
          <p>{t('detail.conflict')}</p>
          <button type="button" className="button-secondary" onClick={onReload}>
            {t('detail.reload')}
          </button>
        </div>
      ) : (
        <ErrorNotice error={error} />
      )}
      <fieldset aria-describedby={legendId}>
        <legend>{t('detail.newStatus')}</legend>
        <p className="hint" id={legendId}>
          {t('detail.allowed')}
        </p>
        {choices.map((choice) => (
          <label key={choice} className="choice">
            <input
              type="radio"
              name="status"
              value={choice}
              checked={status === choice}
              onChange={() => setStatus(choice)}
            />
            {t(`actions.${choice}`)}
          </label>
        ))}
        {missing.includes('status') || apiError?.messagesFor('status').length ? (
          <p className="field-error" role="alert">
            {missing.includes('status')
              ? t('detail.chooseStatus')
              : apiError?.messagesFor('status').join(' ')}
          </p>
        ) : null}
      </fieldset>
      <Field
        label={t('fields.reason')}
        hint={t('detail.reasonHint')}
        errors={[
          ...(missing.includes('reason') ? [t('detail.reasonRequired')] : []),
          ...(apiError?.messagesFor('reason') ?? []),
        ]}
        required
      >
        <textarea rows={3} value={reason} onChange={(event) => setReason(event.target.value)} />
      </Field>
      <Field
        label={t('fields.reference')}
        hint={t('detail.referenceHint')}
        errors={apiError?.messagesFor('reference') ?? []}
      >
        <input value={reference} onChange={(event) => setReference(event.target.value)} />
      </Field>
      <button
        type="submit"
        disabled={busy}
        className={status === 'revoked' ? 'button-danger' : undefined}
      >
        {busy ? t('form.saving') : t('detail.changeStatus')}
      </button>
    </form>
  );
}
