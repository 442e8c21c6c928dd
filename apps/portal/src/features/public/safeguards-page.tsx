import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { countryName } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { useApi } from '../../components/use-api';
import './public.css';
import type { SafeguardsList } from './types';

const REGIONS = ['AFR', 'AMR', 'EMR', 'SEAR', 'WPR'] as const;

/** The WHO Health Workforce Support and Safeguards List in force, and what it means in plain words. */
export function SafeguardsPage() {
  const { t } = useTranslation('public');
  usePageTitle(t('safeguards.title'));
  const list = useApi((signal) => api<SafeguardsList>('/safeguards-list', { signal }), []);
  const countries = list.data?.countries ?? [];
  const regions = [...REGIONS, ...new Set(countries.map((c) => c.whoRegion))].filter(
    (region, i, all) => all.indexOf(region) === i && countries.some((c) => c.whoRegion === region),
  );
  return (
    <>
      <h1>{t('safeguards.title')}</h1>
      <p>{t('safeguards.what')}</p>
      <div className="notice notice-warning">
        <p>
          <strong>{t('safeguards.rule')}</strong>
        </p>
        <p>{t('safeguards.workers')}</p>
        <p>{t('safeguards.report')}</p>
      </div>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <p aria-busy="true">{t('common:loading')}</p> : null}
      {list.data ? (
        <>
          <dl className="facts">
            <dt>{t('safeguards.edition')}</dt>
            <dd>{list.data.edition}</dd>
            <dt>{t('safeguards.source')}</dt>
            <dd>{list.data.source}</dd>
            <dt>{t('safeguards.count')}</dt>
            <dd>{countries.length}</dd>
          </dl>
          {regions.map((region) => (
            <section key={region} aria-labelledby={`region-${region}`}>
              <h2 id={`region-${region}`}>
                {t(`safeguards.regions.${region}`, { defaultValue: region })}
              </h2>
              <ul className="country-list">
                {countries
                  .filter((c) => c.whoRegion === region)
                  .map((c) => ({ code: c.code, name: countryName(c.code) || c.name }))
                  .sort((a, b) => a.name.localeCompare(b.name))
                  .map((c) => (
                    <li key={c.code}>{c.name}</li>
                  ))}
              </ul>
            </section>
          ))}
        </>
      ) : null}
    </>
  );
}
