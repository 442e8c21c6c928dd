import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type ApiError, type Page } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { countryName, formatDate, formatNumber } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { StatusBadge } from '../../components/status-badge';
import { useApi } from '../../components/use-api';
import './public.css';
import { loadRecruiter } from './recruiter-prefetch';
import type { ComplaintStats } from '../../api/stats';
import type { Jurisdiction, Recruiter } from './types';

/**
 * One registration, for a health worker deciding whether to trust a recruiter. It renders as soon
 * as `GET /recruiters/:id` answers; the authority, the firm's other registrations and the complaint
 * figures are separate calls made after, each with its own loading and error state.
 */
export function RecruiterPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('public');
  const recruiter = useApi((signal) => loadRecruiter(id, signal), [id]);
  usePageTitle(
    recruiter.data?.legalName ?? (recruiter.error ? t('recruiter.notFoundTitle') : undefined),
  );

  if (recruiter.error) {
    return <RecruiterLoadError error={recruiter.error} retry={() => recruiter.reload()} />;
  }
  const r = recruiter.data;
  if (!r || r.id !== id) return <p aria-busy="true">{t('common:loading')}</p>;
  return <RecruiterDetails recruiter={r} />;
}

/** Why a recruiter page has no record to show: none at this address, or the call failed. */
export function RecruiterLoadError({ error, retry }: { error: ApiError; retry: () => void }) {
  const { t } = useTranslation('public');
  // A malformed id is as missing as an unknown one, for the reader.
  if (error.status === 404 || error.status === 400) return <RecruiterNotFound />;
  return (
    <>
      <h1>{t('recruiter.errorTitle')}</h1>
      <ErrorNotice error={error} />
      <button type="button" onClick={retry}>
        {t('recruiter.retry')}
      </button>
    </>
  );
}

export function RecruiterNotFound() {
  const { t } = useTranslation('public');
  return (
    <>
      <h1>{t('recruiter.notFoundTitle')}</h1>
      <p>{t('recruiter.notFoundText')}</p>
      <ul>
        <li>
          <Link to="/">{t('recruiter.backToSearch')}</Link>
        </li>
        <li>
          <Link to="/complaints/new">{t('recruiter.reportUnknown')}</Link>
        </li>
      </ul>
    </>
  );
}

function RecruiterDetails({ recruiter: r }: { recruiter: Recruiter }) {
  const { t } = useTranslation('public');
  const history = [...(r.history ?? [])].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  const websites = r.domains;
  const address = r.address
    ? [r.address.street, r.address.postalCode, r.address.city, r.address.region]
        .filter(Boolean)
        .join(', ') + (r.address.country ? ` (${countryName(r.address.country)})` : '')
    : '';
  const period =
    r.authorizedFrom && r.authorizedUntil
      ? t('recruiter.periodFromUntil', {
          from: formatDate(r.authorizedFrom),
          until: formatDate(r.authorizedUntil),
        })
      : r.authorizedFrom
        ? t('recruiter.periodFrom', { from: formatDate(r.authorizedFrom) })
        : r.authorizedUntil
          ? t('recruiter.periodUntil', { until: formatDate(r.authorizedUntil) })
          : t('recruiter.periodNone');
  const meaningClass =
    r.effectiveStatus === 'authorized'
      ? 'notice-success'
      : r.effectiveStatus === 'pending'
        ? ''
        : r.effectiveStatus === 'suspended'
          ? 'notice-warning'
          : 'notice-error';

  return (
    <article className="recruiter">
      <header className="recruiter-head">
        <h1>{r.legalName}</h1>
        <div className="row">
          <StatusBadge status={r.effectiveStatus} />
          <span>{t('recruiter.inRegistry', { country: countryName(r.jurisdiction) })}</span>
        </div>
      </header>
      <div className={`notice ${meaningClass}`} data-status={r.effectiveStatus}>
        <p>
          <strong>
            {t(`recruiter.meaning.${r.effectiveStatus}`, {
              defaultValue: t('recruiter.meaning.unknown'),
              country: countryName(r.jurisdiction),
            })}
          </strong>
        </p>
        <p>{t('recruiter.feesReminder')}</p>
      </div>
      <p>
        <Link to={`/complaints/new?recruiterId=${r.id}`} className="button">
          {t('recruiter.report')}
        </Link>
      </p>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">{t('recruiter.details')}</h2>
        <dl className="facts">
          <dt>{t('recruiter.registrationNumber')}</dt>
          <dd>{r.registrationNumber}</dd>
          <dt>{t('recruiter.registry')}</dt>
          <dd>
            {countryName(r.jurisdiction)} <Authority code={r.jurisdiction} />
          </dd>
          <dt>{t('recruiter.status')}</dt>
          <dd>
            <StatusBadge status={r.effectiveStatus} />{' '}
            {r.effectiveStatus !== r.status ? (
              <span className="muted">
                {t('recruiter.storedStatus', { status: t(`common:status.${r.status}`) })}
              </span>
            ) : (
              <span className="muted">
                {t('recruiter.since', { date: formatDate(r.statusChangedAt) })}
              </span>
            )}
          </dd>
          <dt>{t('recruiter.period')}</dt>
          <dd>{period}</dd>
          <dt>{t('recruiter.kindLabel')}</dt>
          <dd>
            {t(`kind.${r.kind}`, { defaultValue: r.kind })} ·{' '}
            {t(`sector.${r.sector}`, { defaultValue: r.sector })}
          </dd>
          {r.tradingNames.length > 0 ? (
            <>
              <dt>{t('recruiter.tradingNames')}</dt>
              <dd>{r.tradingNames.join(', ')}</dd>
            </>
          ) : null}
          <dt>{t('recruiter.conditions')}</dt>
          <dd>{r.conditions || t('recruiter.noConditions')}</dd>
          {websites.length > 0 ? (
            <>
              <dt>{t('recruiter.websites')}</dt>
              <dd>
                <ul className="plain-list">
                  {websites.map((d) => (
                    <li key={d}>{d}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {r.emailDomains.length > 0 ? (
            <>
              <dt>{t('recruiter.emailDomains')}</dt>
              <dd>
                <ul className="plain-list">
                  {r.emailDomains.map((d) => (
                    <li key={d}>@{d}</li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {r.phones.length > 0 ? (
            <>
              <dt>{t('recruiter.phones')}</dt>
              <dd>
                <ul className="plain-list">
                  {r.phones.map((p) => (
                    <li key={p}>
                      <a href={`tel:${p}`}>{p}</a>
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          ) : null}
          {address ? (
            <>
              <dt>{t('recruiter.address')}</dt>
              <dd>{address}</dd>
            </>
          ) : null}
        </dl>
        <p className="muted">{t('recruiter.checkContacts')}</p>
      </section>

      <OtherRegistrations recruiter={r} />

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('recruiter.history')}</h2>
        {history.length === 0 ? (
          <p>{t('recruiter.noHistory')}</p>
        ) : (
          <ol className="timeline">
            {history.map((change) => (
              <li key={`${change.changedAt}-${change.toStatus}`}>
                <p>
                  <time dateTime={change.changedAt}>{formatDate(change.changedAt)}</time>{' '}
                  <StatusBadge status={change.toStatus} />
                </p>
                {change.fromStatus ? (
                  <p className="muted">
                    {t('recruiter.from', { status: t(`common:status.${change.fromStatus}`) })}
                  </p>
                ) : null}
                <p>{t('recruiter.reason', { reason: change.reason })}</p>
                {change.reference ? (
                  <p>{t('recruiter.decision', { reference: change.reference })}</p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <Figures recruiterId={r.id} />
    </article>
  );
}

/** The registry's authority, loaded after the page: a name to trust, and where to ask. */
function Authority({ code }: { code: string }) {
  const { t } = useTranslation('public');
  const authority = useApi(
    (signal) => api<Jurisdiction>(`/jurisdictions/${code}`, { signal }),
    [code],
  );
  if (!authority.data) return null;
  const { name, website } = authority.data.authority;
  return (
    <span>
      {' · '}
      {t('recruiter.keptBy')}{' '}
      {website ? (
        <a href={website} rel="noopener noreferrer">
          {name}
        </a>
      ) : (
        name
      )}
    </span>
  );
}

/** Folds what makes two spellings of a firm's name the same name: case, accents, punctuation, "Ltd". */
const LEGAL_SUFFIXES = new Set([
  'ltd',
  'limited',
  'llc',
  'inc',
  'plc',
  'gmbh',
  'sarl',
  'sas',
  'sa',
  'sl',
  'srl',
  'pvt',
  'pty',
  'co',
  'corp',
]);
function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !LEGAL_SUFFIXES.has(word))
    .join(' ');
}

interface OtherRegistration {
  recruiter: Recruiter;
  why: 'domain' | 'name';
}

/**
 * The same firm in other registries. Registries are separate, so there is no shared id: a record
 * with the same web or e-mail domain is the same firm; one with the same name (after folding case,
 * accents and legal suffixes) is very likely it, and says so.
 */
async function findOtherRegistrations(
  r: Recruiter,
  signal: AbortSignal,
): Promise<OtherRegistration[]> {
  const domains = [...new Set([...r.domains, ...r.emailDomains])].slice(0, 5);
  const [byDomain, byName] = await Promise.all([
    Promise.all(
      domains.map((domain) =>
        api<Page<Recruiter>>('/recruiters', { query: { domain, pageSize: 50 }, signal }),
      ),
    ),
    api<Page<Recruiter>>('/recruiters', {
      query: { q: r.legalName.slice(0, 200), pageSize: 50 },
      signal,
    }),
  ]);
  const found = new Map<string, OtherRegistration>();
  for (const page of byDomain) {
    for (const hit of page.items) {
      if (hit.id !== r.id) found.set(hit.id, { recruiter: hit, why: 'domain' });
    }
  }
  const key = nameKey(r.legalName);
  for (const hit of byName.items) {
    if (hit.id === r.id || found.has(hit.id)) continue;
    const names = [hit.legalName, ...hit.tradingNames].map(nameKey);
    if (key && names.includes(key)) found.set(hit.id, { recruiter: hit, why: 'name' });
  }
  return [...found.values()].sort(
    (a, b) =>
      a.recruiter.jurisdiction.localeCompare(b.recruiter.jurisdiction) ||
      a.recruiter.registrationNumber.localeCompare(b.recruiter.registrationNumber),
  );
}

function OtherRegistrations({ recruiter }: { recruiter: Recruiter }) {
  const { t } = useTranslation('public');
  const others = useApi((signal) => findOtherRegistrations(recruiter, signal), [recruiter.id]);
  return (
    <section aria-labelledby="registrations-heading">
      <h2 id="registrations-heading">{t('recruiter.registrations')}</h2>
      <p className="muted">{t('recruiter.registrationsHint')}</p>
      <ul className="result-list">
        <li className="card result">
          <p>
            <strong>{countryName(recruiter.jurisdiction)}</strong> ·{' '}
            {t('search.registration', { number: recruiter.registrationNumber })}{' '}
            <StatusBadge status={recruiter.effectiveStatus} />
          </p>
          <p className="muted">{t('recruiter.thisRegistration')}</p>
        </li>
        {(others.data ?? []).map(({ recruiter: other, why }) => (
          <li key={other.id} className="card result other-registration">
            <p>
              <strong>{countryName(other.jurisdiction)}</strong> ·{' '}
              <Link to={`/recruiters/${other.id}`}>
                {t('search.registration', { number: other.registrationNumber })}
              </Link>{' '}
              <StatusBadge status={other.effectiveStatus} />
            </p>
            <p className="muted">
              {other.legalName} · {t(`recruiter.sameBy.${why}`)}
            </p>
          </li>
        ))}
      </ul>
      {others.loading ? (
        <p className="muted" aria-busy="true">
          {t('recruiter.lookingElsewhere')}
        </p>
      ) : others.error ? (
        <p className="muted">{t('recruiter.othersUnavailable')}</p>
      ) : others.data && others.data.length === 0 ? (
        <p className="muted">{t('recruiter.noOthers')}</p>
      ) : null}
    </section>
  );
}

/** Public complaint figures: counts only, with what they do and do not mean. */
function Figures({ recruiterId }: { recruiterId: string }) {
  const { t } = useTranslation('public');
  const stats = useApi(
    (signal) => api<ComplaintStats>('/stats', { query: { recruiterId }, signal }),
    [recruiterId],
  );
  const rows = stats.data?.jurisdictions ?? [];
  const sum = (pick: (row: (typeof rows)[number]) => number) =>
    rows.reduce((total, row) => total + pick(row), 0);
  const received = sum((row) => row.received);
  const categories = new Map<string, number>();
  for (const row of rows) {
    for (const [category, n] of Object.entries(row.byCategory)) {
      if (n > 0) categories.set(category, (categories.get(category) ?? 0) + n);
    }
  }
  return (
    <section aria-labelledby="figures-heading">
      <h2 id="figures-heading">{t('figures.title')}</h2>
      {stats.loading && !stats.data ? (
        <p className="muted" aria-busy="true">
          {t('common:loading')}
        </p>
      ) : stats.error ? (
        <p className="muted">{t('figures.unavailable')}</p>
      ) : (
        <>
          <dl className="figures">
            <div>
              <dt>{t('figures.received')}</dt>
              <dd data-figure="received">{formatNumber(received)}</dd>
            </div>
            <div>
              <dt>{t('figures.open')}</dt>
              <dd data-figure="open">{formatNumber(sum((row) => row.open))}</dd>
            </div>
            <div>
              <dt>{t('figures.substantiated')}</dt>
              <dd data-figure="substantiated">
                {formatNumber(sum((row) => row.byOutcome.substantiated ?? 0))}
              </dd>
            </div>
          </dl>
          {categories.size > 0 ? (
            <>
              <h3>{t('figures.byCategory')}</h3>
              <ul>
                {[...categories].map(([category, n]) => (
                  <li key={category}>
                    {t(`category.${category}`, { defaultValue: category })}: {formatNumber(n)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="muted">{received === 0 ? t('figures.none') : t('figures.caveat')}</p>
        </>
      )}
    </section>
  );
}
