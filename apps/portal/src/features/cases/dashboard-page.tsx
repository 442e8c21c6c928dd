import { COMPLAINT_CATEGORIES, COMPLAINT_OUTCOMES, EFFECTIVE_STATUSES } from '@fair-recruit/domain';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { formatNumber } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { useApi } from '../../components/use-api';
import { i18next } from '../../i18n/i18n';
import { BarChart, StackedColumns } from './charts';
import { JurisdictionPicker, useDefaultJurisdiction } from './jurisdiction-picker';
import type { JurisdictionStats } from '../../api/stats';
import type { RegistrationSeries } from './types';
import './cases.css';

/** A registry at a glance: its records month by month, and its complaints. */
export function DashboardPage() {
  const { t } = useTranslation('cases');
  const { token, expired } = useSession();
  const [params, setParams] = useSearchParams();
  const jurisdiction = useDefaultJurisdiction(params.get('jurisdiction'));
  usePageTitle(t('dashboard.title'));

  const onUnauthorized = (error: unknown) => {
    if (error instanceof ApiError && error.status === 401) expired();
    throw error;
  };
  const series = useApi(
    (signal) =>
      jurisdiction
        ? api<RegistrationSeries>('/reports/registrations', {
            token,
            signal,
            query: { jurisdiction },
          }).catch(onUnauthorized)
        : Promise.resolve(undefined),
    [jurisdiction, token],
  );
  const stats = useApi(
    (signal) =>
      jurisdiction
        ? api<{ jurisdictions: JurisdictionStats[] }>('/stats', {
            signal,
            query: { jurisdiction },
            // The public figures may be cached a minute; an officer who just decided a case
            // expects to see it counted.
            headers: { 'cache-control': 'no-cache' },
          }).then((s) => s.jurisdictions.find((j) => j.jurisdiction === jurisdiction))
        : Promise.resolve(undefined),
    [jurisdiction],
  );
  const s = stats.data;

  return (
    <section className="stack" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t('dashboard.title')}</h1>
      <JurisdictionPicker
        value={jurisdiction}
        onChange={(code) => setParams(code ? { jurisdiction: code } : {})}
      />
      {!jurisdiction ? <p>{t('jurisdiction.pick')}</p> : null}
      {jurisdiction ? <p className="muted">{t('dashboard.for', { code: jurisdiction })}</p> : null}
      {stats.error ? <ErrorNotice error={stats.error} /> : null}
      {s ? (
        <dl className="figures" aria-label={t('dashboard.keyFigures')}>
          <div className="card">
            <dt>{t('dashboard.open')}</dt>
            <dd>{formatNumber(s.open)}</dd>
          </div>
          <div className="card">
            <dt>{t('dashboard.received')}</dt>
            <dd>{formatNumber(s.received)}</dd>
          </div>
          <div className="card">
            <dt>{t('dashboard.closed')}</dt>
            <dd>{formatNumber(s.closed)}</dd>
          </div>
          <div className="card">
            <dt>{t('dashboard.median')}</dt>
            <dd>
              {s.medianDaysToClose === null
                ? t('dashboard.noneClosed')
                : t('dashboard.days', {
                    count: s.medianDaysToClose,
                    number: formatNumber(s.medianDaysToClose),
                  })}
            </dd>
          </div>
        </dl>
      ) : null}

      {series.error ? <ErrorNotice error={series.error} /> : null}
      {series.data ? (
        <StackedColumns
          title={t('dashboard.registrations')}
          columnHeader={t('dashboard.month')}
          totalHeader={t('dashboard.total')}
          series={EFFECTIVE_STATUSES.map((status) => ({
            key: status,
            label: t(`status.${status}`, { ns: 'common' }),
          }))}
          columns={series.data.months.map((m) => ({
            key: m.month,
            label: monthLabel(m.month),
            values: m.byStatus,
          }))}
        />
      ) : null}

      {s ? (
        <div className="grid grid-2">
          <BarChart
            title={t('dashboard.byCategory')}
            labelHeader={t('dashboard.category')}
            valueHeader={t('dashboard.complaints')}
            bars={COMPLAINT_CATEGORIES.map((c) => ({
              key: c,
              label: t(`category.${c}`),
              value: s.byCategory[c] ?? 0,
            }))}
          />
          <BarChart
            title={t('dashboard.byOutcome')}
            labelHeader={t('dashboard.outcome')}
            valueHeader={t('dashboard.complaints')}
            bars={COMPLAINT_OUTCOMES.map((o) => ({
              key: o,
              label: t(`complaintStatus.${o}`),
              value: s.byOutcome[o] ?? 0,
            }))}
          />
        </div>
      ) : null}
    </section>
  );
}

function monthLabel(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  return new Intl.DateTimeFormat(i18next.language, {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  }).format(date);
}
