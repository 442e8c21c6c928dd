import { useEffect, useRef, useState, type FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { api, ApiError, upload } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { countryName, formatDate, formatDateTime } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { fileSize } from './currencies';
import { ACCEPTED_FILES, MAX_FILE_BYTES, MAX_FILES } from './draft';
import type { ComplaintFollowUp, TimelineEntry } from './types';
import './complaints.css';

interface Credentials {
  reference: string;
  code: string;
}

/**
 * A health worker follows a complaint with its reference and receipt code. The code is held in
 * this component's memory only (never stored, never in a URL) and sent in X-Receipt-Code.
 */
export function FollowUpPage() {
  const { t } = useTranslation('complaints');
  usePageTitle(t('followUp.title'));
  const [reference, setReference] = useState('');
  const [code, setCode] = useState('');
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [data, setData] = useState<ComplaintFollowUp | null>(null);
  const [checking, setChecking] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<{ reference: boolean; code: boolean }>({
    reference: false,
    code: false,
  });
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (data) headingRef.current?.focus();
    // Only when a complaint is opened, not on each change of it.
  }, [data?.reference]);

  const open = async (event: FormEvent) => {
    event.preventDefault();
    const wanted = { reference: reference.trim(), code: code.trim() };
    const empty = { reference: !wanted.reference, code: !wanted.code };
    setMissing(empty);
    if (empty.reference || empty.code) return;
    setChecking(true);
    setError(null);
    try {
      const found = await api<ComplaintFollowUp>(
        `/complaints/${encodeURIComponent(wanted.reference)}`,
        { headers: { 'X-Receipt-Code': wanted.code } },
      );
      setCredentials({ reference: found.reference, code: wanted.code });
      setData(found);
      setCode('');
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? caught
          : new ApiError({ status: 0, title: String(caught), code: 'client_error' }),
      );
    } finally {
      setChecking(false);
    }
  };

  const forget = () => {
    setCredentials(null);
    setData(null);
    setCode('');
    setReference('');
    setError(null);
  };

  if (credentials && data) {
    return (
      <ComplaintView
        credentials={credentials}
        data={data}
        setData={setData}
        onClose={forget}
        headingRef={headingRef}
      />
    );
  }

  const wrongCode = error && (error.status === 404 || error.status === 400);
  return (
    <div className="follow-up">
      <h1>{t('followUp.title')}</h1>
      <p>{t('followUp.intro')}</p>
      {wrongCode ? (
        <div className="notice notice-error" role="alert">
          <p>{t('followUp.notFound')}</p>
        </div>
      ) : (
        <ErrorNotice error={error} />
      )}
      <form noValidate onSubmit={(e) => void open(e)} className="card">
        <Field
          label={t('followUp.reference')}
          hint={t('followUp.referenceHint')}
          errors={missing.reference ? [t('check.required')] : []}
          required
        >
          <input
            value={reference}
            onChange={(e) => setReference(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
        </Field>
        <Field
          label={t('followUp.code')}
          hint={t('followUp.codeHint')}
          errors={missing.code ? [t('check.required')] : []}
          required
        >
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
        </Field>
        <button type="submit" disabled={checking} aria-busy={checking || undefined}>
          {checking ? t('followUp.opening') : t('followUp.open')}
        </button>
      </form>
    </div>
  );
}

/** One timeline entry in words. */
function EventText({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation('complaints');
  switch (entry.kind) {
    case 'submitted':
      return <>{t('event.submitted')}</>;
    case 'status_changed':
      return (
        <>{t('event.status_changed', { status: t(`status.${entry.status ?? 'received'}`) })}</>
      );
    case 'referred':
      return <>{t('event.referred', { country: countryName(entry.jurisdiction ?? '') })}</>;
    case 'message':
      return <>{t(`event.message_${entry.by}`)}</>;
    case 'evidence_added':
      return <>{t(`event.evidence_added_${entry.by}`)}</>;
    default:
      return <>{String(entry.kind)}</>;
  }
}

function ComplaintView({
  credentials,
  data,
  setData,
  onClose,
  headingRef,
}: {
  credentials: Credentials;
  data: ComplaintFollowUp;
  setData: (data: ComplaintFollowUp) => void;
  onClose: () => void;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  const { t } = useTranslation('complaints');
  const path = `/complaints/${encodeURIComponent(credentials.reference)}`;
  const headers = { 'X-Receipt-Code': credentials.code };
  const closed = data.status === 'closed';
  const messages = data.timeline.filter((entry) => entry.kind === 'message');

  const [message, setMessage] = useState('');
  const [sendingMessage, setSendingMessage] = useState(false);
  const [messageError, setMessageError] = useState<ApiError | null>(null);
  const [messageSent, setMessageSent] = useState(false);

  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  const [localFileError, setLocalFileError] = useState<string | null>(null);
  const [uploaded, setUploaded] = useState(false);

  const asApiError = (caught: unknown) =>
    caught instanceof ApiError
      ? caught
      : new ApiError({ status: 0, title: String(caught), code: 'client_error' });

  const sendMessage = async (event: FormEvent) => {
    event.preventDefault();
    setMessageSent(false);
    if (!message.trim()) {
      setMessageError(
        new ApiError({
          status: 400,
          title: 'Invalid',
          code: 'validation_failed',
          errors: [{ field: 'message', message: t('check.required') }],
        }),
      );
      return;
    }
    setSendingMessage(true);
    setMessageError(null);
    try {
      const entry = await api<TimelineEntry>(`${path}/messages`, {
        method: 'POST',
        body: { message: message.trim() },
        headers,
      });
      setData({ ...data, timeline: [...data.timeline, entry] });
      setMessage('');
      setMessageSent(true);
    } catch (caught) {
      setMessageError(asApiError(caught));
    } finally {
      setSendingMessage(false);
    }
  };

  const sendFiles = async (event: FormEvent) => {
    event.preventDefault();
    setUploaded(false);
    setUploadError(null);
    const room = MAX_FILES - data.evidence.length;
    if (files.length === 0) {
      setLocalFileError(t('check.required'));
      return;
    }
    if (files.length > room) {
      setLocalFileError(t('check.tooManyFiles', { max: MAX_FILES }));
      return;
    }
    if (files.some((file) => file.size > MAX_FILE_BYTES)) {
      setLocalFileError(t('check.fileTooLarge', { size: MAX_FILE_BYTES / 1024 / 1024 }));
      return;
    }
    setLocalFileError(null);
    const form = new FormData();
    for (const file of files) form.append('evidence', file, file.name);
    setProgress(0);
    try {
      const next = await upload<ComplaintFollowUp>(`${path}/evidence`, form, {
        headers,
        onProgress: (fraction) => flushSync(() => setProgress(fraction)),
      });
      setData(next);
      setFiles([]);
      setUploaded(true);
    } catch (caught) {
      setUploadError(asApiError(caught));
    } finally {
      setProgress(null);
    }
  };

  const messageFieldErrors = messageError?.messagesFor('message') ?? [];
  const fileFieldErrors = [
    ...(localFileError ? [localFileError] : []),
    ...(uploadError?.messagesFor('evidence', true) ?? []),
  ];

  return (
    <div className="follow-up stack">
      <h1 ref={headingRef} tabIndex={-1}>
        {data.reference}
      </h1>
      <dl className="summary card">
        <div>
          <dt>{t('followUp.status')}</dt>
          <dd>
            <strong className="complaint-status" data-status={data.status}>
              {t(`status.${data.status}`)}
            </strong>
            {data.status !== data.outcome && data.outcome ? (
              <> — {t('followUp.decision', { outcome: t(`status.${data.outcome}`) })}</>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t('followUp.authority')}</dt>
          <dd>
            {data.authority.name} ({countryName(data.jurisdiction)})
          </dd>
        </div>
        {data.recruiterName ? (
          <div>
            <dt>{t('followUp.about')}</dt>
            <dd>{data.recruiterName}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t('followUp.problems')}</dt>
          <dd>
            {data.categories.map((c) => t(`category.${c}.label`, { defaultValue: c })).join(' · ')}
          </dd>
        </div>
        <div>
          <dt>{t('followUp.received')}</dt>
          <dd>{formatDate(data.receivedAt)}</dd>
        </div>
      </dl>
      <button type="button" className="button-secondary" onClick={onClose}>
        {t('followUp.close')}
      </button>

      <h2>{t('followUp.timeline')}</h2>
      <ol className="timeline" data-testid="timeline">
        {data.timeline.map((entry, index) => (
          <li key={`${entry.at}-${index}`}>
            <time dateTime={entry.at} className="muted">
              {formatDateTime(entry.at)}
            </time>
            <p>
              <EventText entry={entry} />
            </p>
          </li>
        ))}
      </ol>

      <h2>{t('followUp.messages')}</h2>
      {messages.length === 0 ? (
        <p>{t('followUp.noMessages')}</p>
      ) : (
        <ul className="messages">
          {messages.map((entry, index) => (
            <li
              key={`${entry.at}-${index}`}
              className={`message message-${entry.by}`}
              data-by={entry.by}
            >
              <p className="message-meta">
                <strong>
                  {entry.by === 'regulator' ? t('followUp.fromRegulator') : t('followUp.fromYou')}
                </strong>{' '}
                <time dateTime={entry.at} className="muted">
                  {formatDateTime(entry.at)}
                </time>
              </p>
              <p className="pre-wrap">{entry.message}</p>
            </li>
          ))}
        </ul>
      )}

      {closed ? (
        <p className="notice">{t('followUp.closed')}</p>
      ) : (
        <form noValidate onSubmit={(e) => void sendMessage(e)} className="card">
          <h3>{t('followUp.reply')}</h3>
          {messageError && messageFieldErrors.length === 0 ? (
            messageError.code === 'complaint_closed' ? (
              <p className="notice notice-error" role="alert">
                {t('errors.complaint_closed')}
              </p>
            ) : (
              <ErrorNotice error={messageError} />
            )
          ) : null}
          <Field
            label={t('followUp.replyLabel')}
            hint={t('followUp.replyHint')}
            errors={messageFieldErrors}
            required
          >
            <textarea
              value={message}
              onChange={(e) => setMessage(e.target.value)}
              maxLength={5000}
            />
          </Field>
          <button type="submit" disabled={sendingMessage} aria-busy={sendingMessage || undefined}>
            {t('followUp.send')}
          </button>
          <p role="status" className="muted">
            {messageSent ? t('followUp.sent') : ''}
          </p>
        </form>
      )}

      <h2>{t('followUp.evidence')}</h2>
      {data.evidence.length === 0 ? (
        <p>{t('followUp.noEvidence')}</p>
      ) : (
        <ul className="file-list" data-testid="evidence-list">
          {data.evidence.map((file) => (
            <li key={file.id}>
              <span className="file-name">{file.fileName ?? t('followUp.noName')}</span>{' '}
              <span className="muted">
                ({fileSize(file.size)},{' '}
                {file.addedBy === 'regulator'
                  ? t('followUp.addedByRegulator')
                  : t('followUp.addedByYou')}
                , {formatDate(file.addedAt)})
              </span>
            </li>
          ))}
        </ul>
      )}
      {!closed && data.evidence.length < MAX_FILES ? (
        <form noValidate onSubmit={(e) => void sendFiles(e)} className="card">
          <h3>{t('followUp.addEvidence')}</h3>
          <p className="hint">
            {t('evidence.limits', { max: MAX_FILES, size: MAX_FILE_BYTES / 1024 / 1024 })}
          </p>
          {uploadError && fileFieldErrors.length === 0 ? (
            uploadError.code === 'complaint_closed' ? (
              <p className="notice notice-error" role="alert">
                {t('errors.complaint_closed')}
              </p>
            ) : (
              <ErrorNotice error={uploadError} />
            )
          ) : null}
          <Field label={t('evidence.choose')} errors={fileFieldErrors}>
            <input
              type="file"
              multiple
              accept={ACCEPTED_FILES}
              onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
            />
          </Field>
          {progress !== null ? (
            <label className="upload-progress">
              {t('followUp.uploadProgress', { percent: Math.round(progress * 100) })}
              <progress max={1} value={progress} />
            </label>
          ) : null}
          <button type="submit" disabled={progress !== null}>
            {t('followUp.upload')}
          </button>
          <p role="status" className="muted">
            {uploaded ? t('followUp.uploaded') : ''}
          </p>
        </form>
      ) : null}
    </div>
  );
}
