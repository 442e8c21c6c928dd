import { useTranslation } from 'react-i18next';
import { Navigate, useSearchParams } from 'react-router';
import { api, type Page } from '../../api/client';
import { usePageTitle } from '../../components/page-title';
import { useApi } from '../../components/use-api';
import { RecruiterLoadError, RecruiterNotFound } from './recruiter-page';
import type { Recruiter } from './types';

/**
 * `/recruiters/lookup?jurisdiction=GB&registrationNumber=GB-REC-1042`: a registration named by its
 * registry and number, as the browser extension knows it (its snapshot has no record ids), sent on
 * to the recruiter's own page. The number is matched as the registry matches it (case, spaces and
 * dashes aside).
 */
export function RecruiterLookupPage() {
  const { t } = useTranslation('public');
  const [params] = useSearchParams();
  const jurisdiction = params.get('jurisdiction')?.trim().toUpperCase() ?? '';
  const registrationNumber = params.get('registrationNumber')?.trim() ?? '';
  const named = /^[A-Z]{2}$/.test(jurisdiction) && registrationNumber !== '';
  const found = useApi(
    (signal) =>
      named
        ? api<Page<Recruiter>>('/recruiters', {
            query: { jurisdiction, registrationNumber, pageSize: 1 },
            signal,
          })
        : Promise.resolve(undefined),
    [jurisdiction, registrationNumber],
  );
  const missing = !named || (found.data !== undefined && found.data.items.length === 0);
  usePageTitle(missing ? t('recruiter.notFoundTitle') : undefined);

  if (missing) return <RecruiterNotFound />;
  if (found.error) return <RecruiterLoadError error={found.error} retry={() => found.reload()} />;
  const recruiter = found.data?.items[0];
  if (!recruiter || found.loading) return <p aria-busy="true">{t('common:loading')}</p>;
  return <Navigate to={`/recruiters/${encodeURIComponent(recruiter.id)}`} replace />;
}
