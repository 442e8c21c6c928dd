import { COMPLAINT_CATEGORIES, RECRUITER_KINDS, SECTORS } from '@fair-recruit/domain';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, apiResponse, ApiError, fileNameOf, saveBlob } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { useApi } from '../../components/use-api';
import { JurisdictionPicker, useDefaultJurisdiction } from './jurisdiction-picker';
import type { NationalReport } from './types';
import './cases.css';

const today = () => new Date().toISOString().slice(0, 10);

/** The national reporting figures (WHO Code) for a registry and a period, to read and download. */
export function ReportPage() {
  const { t } = useTranslation('cases');
  const { token, expired } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('report.title'));
  const jurisdiction = useDefaultJurisdiction(params.get('jurisdiction'));
  const from = params.get('from') ?? `${today().slice(0, 4)}-01-01`;
  const to = params.get('to') ?? today();
  const [draft, setDraft] = useState({ jurisdiction, from, to });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const query = { jurisdiction, from, to };

  const report = useApi(
    (signal) =>
      jurisdiction
        ? api<NationalReport>('/reports/national', { token, signal, query }).catch(
            (error: unknown) => {
              if (error instanceof ApiError && error.status === 401) expired();
              throw error;
            },
          )
        : Promise.resolve(undefined),
    [jurisdiction, from, to, token],
  );

  function show(event: FormEvent) {
    event.preventDefault();
    setParams({ jurisdiction: draft.jurisdiction, from: draft.from, to: draft.to });
  }

  async function download(format: 'csv' | 'json') {
    setDownloadError(null);
    try {
      const response = await apiResponse('/reports/national', {
        token,
        query: { ...query, format },
        headers: { accept: format === 'csv' ? 'text/csv' : 'application/json' },
      });
      const fallback = `national-report-${jurisdiction}-${from}-${to}.${format}`;
      const blob = await response.blob();
      saveBlob(
        format === 'json' ? new Blob([blob], { type: 'application/json' }) : blob,
        fileNameOf(response, fallback),
      );
    } catch (error) {
      setDownloadError(error);
    }
  }

  const errorsFor = (field: string) => report.error?.messagesFor(field) ?? [];
  const r = report.data;
  return (
    <section className="stack" aria-labelledby="report-title">
      <h1 id="report-title">{t('report.title')}</h1>
      <p className="muted">{t('report.intro')}</p>
      <form className="card" onSubmit={show} aria-label={t('report.period')}>
        <JurisdictionPicker
          value={draft.jurisdiction}
          onChange={(code) => setDraft({ ...draft, jurisdiction: code })}
        />
        <div className="filter-grid">
          <Field label={t('report.from')} errors={errorsFor('from')} required>
            <input
              type="date"
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </Field>
          <Field label={t('report.to')} errors={errorsFor('to')} required>
            <input
              type="date"
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </Field>
        </div>
        <button type="submit">{t('report.show')}</button>
      </form>

      {!jurisdiction ? <p>{t('jurisdiction.pick')}</p> : null}
      {report.error ? <ErrorNotice error={report.error} /> : null}
      {report.loading && !r && jurisdiction ? (
        <p aria-busy="true">{t('loading', { ns: 'common' })}</p>
      ) : null}

      {r ? (
        <>
          <h2>
            {t('report.heading', {
              name: r.jurisdictionName,
              from: formatDate(r.period.from),
              to: formatDate(r.period.to),
            })}
          </h2>
          <p className="muted">
            {r.authority} · {t('report.generated', { at: formatDateTime(r.generatedAt) })}
          </p>
          <div className="row">
            <button type="button" onClick={() => void download('csv')}>
              {t('report.downloadCsv')}
            </button>
            <button
              type="button"
              className="button-secondary"
              onClick={() => void download('json')}
            >
              {t('report.downloadJson')}
            </button>
          </div>
          {downloadError ? <ErrorNotice error={downloadError} /> : null}
          <FigureTable
            id="report-recruiters"
            caption={t('report.recruiters')}
            rows={[
              [
                t('report.authorized', { date: formatDate(r.recruiters.authorized.asOf) }),
                r.recruiters.authorized.total,
              ],
              ...RECRUITER_KINDS.map((k): [string, number] => [
                t('report.byKind', { kind: t(`kind.${k}`) }),
                r.recruiters.authorized.byKind[k] ?? 0,
              ]),
              ...SECTORS.map((s): [string, number] => [
                t('report.bySector', { sector: t(`sector.${s}`) }),
                r.recruiters.authorized.bySector[s] ?? 0,
              ]),
              [t('report.newRegistrations'), r.recruiters.newRegistrations],
              [t('report.authorizationsGranted'), r.recruiters.authorizationsGranted],
              [t('report.suspensions'), r.recruiters.sanctions.suspensions],
              [t('report.revocations'), r.recruiters.sanctions.revocations],
              [t('report.refusals'), r.recruiters.sanctions.refusals],
              [t('report.reinstatements'), r.recruiters.reinstatements],
              [t('report.imported'), r.recruiters.imported],
            ]}
            valueHeader={t('report.value')}
            figureHeader={t('report.figure')}
          />
          <FigureTable
            id="report-complaints"
            caption={t('report.complaints')}
            rows={[
              [t('report.received'), r.complaints.received],
              ...COMPLAINT_CATEGORIES.map((c): [string, number] => [
                t('report.byCategory', { category: t(`category.${c}`) }),
                r.complaints.byCategory[c] ?? 0,
              ]),
              [t('report.referralsReceived'), r.complaints.referralsReceived],
              [t('complaintStatus.substantiated'), r.complaints.substantiated],
              [t('complaintStatus.unsubstantiated'), r.complaints.unsubstantiated],
              [t('report.referredOutside'), r.complaints.referred],
              [t('report.referredToOther'), r.complaints.referredToOtherJurisdiction],
              [t('complaintStatus.withdrawn'), r.complaints.withdrawn],
              [t('report.closed'), r.complaints.closed],
              [
                t('report.median'),
                r.complaints.medianDaysToClose === null
                  ? t('report.noMedian')
                  : t('dashboard.days', {
                      count: r.complaints.medianDaysToClose,
                      number: formatNumber(r.complaints.medianDaysToClose),
                    }),
              ],
            ]}
            valueHeader={t('report.value')}
            figureHeader={t('report.figure')}
          />
        </>
      ) : null}
    </section>
  );
}

function FigureTable({
  id,
  caption,
  rows,
  figureHeader,
  valueHeader,
}: {
  id: string;
  caption: string;
  rows: [string, ReactNode][];
  figureHeader: string;
  valueHeader: string;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="figure-table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{figureHeader}</th>
            <th scope="col" className="numeric">
              {valueHeader}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="numeric">{typeof value === 'number' ? formatNumber(value) : value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
