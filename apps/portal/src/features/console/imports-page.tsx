import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, apiResponse, fileNameOf, saveBlob, upload } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { formatNumber } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { useJurisdictions } from './console-data';
import './console.css';

/** `POST /imports` answers this for a dry run and for an import (apps/api/src/imports/dto). */
interface ImportResult {
  dryRun: boolean;
  importId?: string;
  rows: number;
  valid: number;
  invalid: number;
  toCreate: number;
  toUpdate: number;
  unchanged: number;
  /** Problems in the file, all of them; `errors` lists the first 1,000. */
  problemCount: number;
  errors: RowError[];
}

interface RowError {
  row: number;
  field: string;
  message: string;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'uploading'; dryRun: boolean; fraction: number }
  | { kind: 'processing'; dryRun: boolean }
  | { kind: 'checked'; result: ImportResult }
  | { kind: 'imported'; result: ImportResult }
  | { kind: 'failed'; error: unknown; rows: RowError[] };

/** The row errors a refused file carries (`import_file_invalid`, `import_rows_invalid`). */
function rowErrorsOf(error: unknown): RowError[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors
    .map((e) => e as Partial<RowError>)
    .filter((e): e is RowError => typeof e.row === 'number')
    .map(({ row, field, message }) => ({ row, field, message }));
}

/**
 * Imports an existing registry from CSV: the file is checked first (a dry run lists every bad
 * row and writes nothing); only a file that passes can be imported, with a progress bar.
 */
export function ImportsPage() {
  const { t } = useTranslation('console');
  usePageTitle(t('imports.title'));
  const { token, principal, expired } = useSession();
  const jurisdictions = useJurisdictions('write');
  const [chosen, setChosen] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [missingFile, setMissingFile] = useState(false);
  const [templateError, setTemplateError] = useState<unknown>(null);
  const [problemsError, setProblemsError] = useState<unknown>(null);
  const progressId = useId();

  const choices = jurisdictions.data ?? [];
  const jurisdiction =
    chosen || (choices.length === 1 ? choices[0].code : (principal?.jurisdictions[0] ?? ''));
  const busy = phase.kind === 'uploading' || phase.kind === 'processing';

  async function downloadTemplate() {
    setTemplateError(null);
    try {
      const response = await apiResponse('/imports/template.csv', {
        headers: { accept: 'text/csv' },
      });
      saveBlob(await response.blob(), fileNameOf(response, 'recruiters-import-template.csv'));
    } catch (failure) {
      setTemplateError(failure);
    }
  }

  /** Every problem of the file as CSV: the check lists the first 1,000 only. */
  async function downloadProblems() {
    if (!file) return;
    setProblemsError(null);
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const response = await apiResponse('/imports/problems.csv', {
        method: 'POST',
        token,
        body,
        query: { jurisdiction },
        headers: { accept: 'text/csv' },
      });
      saveBlob(await response.blob(), fileNameOf(response, 'import-problems.csv'));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) expired();
      setProblemsError(failure);
    }
  }

  async function send(dryRun: boolean) {
    if (!file) {
      setMissingFile(true);
      return;
    }
    setMissingFile(false);
    setPhase({ kind: 'uploading', dryRun, fraction: 0 });
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const result = await upload<ImportResult>('/imports', body, {
        token,
        query: { jurisdiction, dryRun },
        onProgress: (fraction) =>
          setPhase(
            fraction >= 1
              ? { kind: 'processing', dryRun }
              : { kind: 'uploading', dryRun, fraction },
          ),
      });
      setPhase({ kind: dryRun ? 'checked' : 'imported', result });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) expired();
      setPhase({ kind: 'failed', error, rows: rowErrorsOf(error) });
    }
  }

  function check(event: FormEvent) {
    event.preventDefault();
    void send(true);
  }

  const checked = phase.kind === 'checked' ? phase.result : null;
  const imported = phase.kind === 'imported' ? phase.result : null;
  const rows =
    phase.kind === 'failed'
      ? phase.rows
      : checked && checked.errors.length > 0
        ? checked.errors
        : [];

  return (
    <>
      <h1>{t('imports.title')}</h1>
      <p>{t('imports.intro')}</p>
      <ErrorNotice error={jurisdictions.error} />
      {jurisdictions.data && choices.length === 0 ? (
        <p className="notice notice-warning">{t('form.noWritableRegistry')}</p>
      ) : null}

      <section aria-labelledby="template-heading" className="card">
        <h2 id="template-heading">{t('imports.templateTitle')}</h2>
        <p>{t('imports.templateIntro')}</p>
        <ErrorNotice error={templateError} />
        <button type="button" className="button-secondary" onClick={() => void downloadTemplate()}>
          {t('imports.downloadTemplate')}
        </button>
      </section>

      {choices.length > 0 ? (
        <form onSubmit={check} noValidate className="card import-form">
          <h2>{t('imports.fileTitle')}</h2>
          <Field label={t('fields.jurisdiction')} required>
            <select
              value={jurisdiction}
              disabled={busy}
              onChange={(event) => {
                setChosen(event.target.value);
                setPhase({ kind: 'idle' });
              }}
            >
              {choices.map((j) => (
                <option key={j.code} value={j.code}>
                  {j.code} · {j.name}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('imports.file')}
            hint={t('imports.fileHint')}
            errors={missingFile ? [t('imports.chooseFile')] : []}
            required
          >
            <input
              key={fileKey}
              type="file"
              accept=".csv,text/csv"
              disabled={busy}
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setMissingFile(false);
                setPhase({ kind: 'idle' });
              }}
            />
          </Field>
          <div className="row">
            <button type="submit" disabled={busy}>
              {t('imports.check')}
            </button>
            <button
              type="button"
              disabled={busy || !checked || checked.invalid > 0}
              onClick={() => void send(false)}
            >
              {t('imports.import')}
            </button>
          </div>
          {!checked && phase.kind !== 'imported' ? (
            <p className="hint">{t('imports.checkFirst')}</p>
          ) : null}

          {phase.kind === 'uploading' || phase.kind === 'processing' ? (
            <div className="import-progress" aria-live="polite">
              <label htmlFor={progressId}>
                {phase.kind === 'uploading'
                  ? t('imports.uploading', { percent: Math.round(phase.fraction * 100) })
                  : phase.dryRun
                    ? t('imports.checking')
                    : t('imports.processing')}
              </label>
              {phase.kind === 'uploading' ? (
                <progress id={progressId} max={1} value={phase.fraction} />
              ) : (
                <progress id={progressId} />
              )}
            </div>
          ) : null}
        </form>
      ) : null}

      {phase.kind === 'failed' ? <ErrorNotice error={phase.error} /> : null}

      {checked ? (
        <section aria-labelledby="check-heading" className="card">
          <h2 id="check-heading">{t('imports.checkTitle')}</h2>
          <div
            className={`notice ${checked.invalid > 0 ? 'notice-error' : 'notice-success'}`}
            role="status"
          >
            <p>
              {checked.invalid > 0
                ? t('imports.checkBad', {
                    invalid: formatNumber(checked.invalid),
                    rows: formatNumber(checked.rows),
                  })
                : t('imports.checkGood', { rows: formatNumber(checked.rows) })}
            </p>
            <p>{t('imports.nothingWritten')}</p>
          </div>
          <Counts result={checked} dryRun />
        </section>
      ) : null}

      {rows.length > 0 ? (
        <section aria-labelledby="rows-heading">
          <h2 id="rows-heading">{t('imports.rowsTitle')}</h2>
          {checked && checked.problemCount > checked.errors.length ? (
            <p>
              {t('imports.firstProblems', {
                listed: formatNumber(checked.errors.length),
                total: formatNumber(checked.problemCount),
              })}
            </p>
          ) : null}
          {file ? (
            <p>
              <button
                type="button"
                className="button-secondary"
                onClick={() => void downloadProblems()}
              >
                {t('imports.downloadProblems')}
              </button>
            </p>
          ) : null}
          <ErrorNotice error={problemsError} />
          <div className="table-scroll" tabIndex={0} aria-label={t('imports.rowsTitle')}>
            <table className="import-errors">
              <caption className="visually-hidden">{t('imports.rowsTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('imports.row')}</th>
                  <th scope="col">{t('imports.field')}</th>
                  <th scope="col">{t('imports.message')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e, index) => (
                  <tr key={`${e.row}-${e.field}-${index}`}>
                    <td>{e.row}</td>
                    <td>
                      <code>{e.field}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {imported ? (
        <section aria-labelledby="done-heading" className="card">
          <h2 id="done-heading">{t('imports.doneTitle')}</h2>
          <div className="notice notice-success" role="status">
            <p>
              {imported.toCreate + imported.toUpdate === 0
                ? t('imports.doneNothing', { rows: formatNumber(imported.rows) })
                : t('imports.done', { rows: formatNumber(imported.rows) })}
            </p>
          </div>
          <Counts result={imported} dryRun={false} />
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setFile(null);
              setFileKey((k) => k + 1);
              setPhase({ kind: 'idle' });
            }}
          >
            {t('imports.another')}
          </button>
        </section>
      ) : null}
    </>
  );
}

function Counts({ result, dryRun }: { result: ImportResult; dryRun: boolean }) {
  const { t } = useTranslation('console');
  const prefix = dryRun ? 'imports.would' : 'imports.did';
  return (
    <dl className="counts">
      <div>
        <dt>{t(`${prefix}.created`)}</dt>
        <dd data-count="created">{formatNumber(result.toCreate)}</dd>
      </div>
      <div>
        <dt>{t(`${prefix}.updated`)}</dt>
        <dd data-count="updated">{formatNumber(result.toUpdate)}</dd>
      </div>
      <div>
        <dt>{t(`${prefix}.unchanged`)}</dt>
        <dd data-count="unchanged">{formatNumber(result.unchanged)}</dd>
      </div>
      <div>
        <dt>{t('imports.invalidRows')}</dt>
        <dd data-count="invalid">{formatNumber(result.invalid)}</dd>
      </div>
    </dl>
  );
}
