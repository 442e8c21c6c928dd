import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Page } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { countryName, formatNumber } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { StatusBadge } from '../../components/status-badge';
import { useApi } from '../../components/use-api';
import './public.css';
import { KINDS, STATUSES, type Jurisdiction, type Recruiter } from './types';

const PAGE_SIZE = 20;
/** Long enough to skip most keystrokes, short enough to feel live. */
const TYPING_DELAY_MS = 250;

/**
 * The first page a health worker sees: what the registry is, and a search that answers as they
 * type. Everything a search is made of lives in the URL (`?q=&jurisdiction=&status=&kind=&page=`),
 * so a result can be shared or bookmarked, and Back returns to the previous search.
 */
export function SearchPage() {
  const { t } = useTranslation('public');
  usePageTitle(t('search.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const jurisdiction = params.get('jurisdiction') ?? '';
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [text, setText] = useState(q);

  // Back/forward or a shared link changes the URL: show its words in the box (keeping a space
  // just typed, which the URL leaves out).
  useEffect(() => setText((current) => (current.trim() === q ? current : q)), [q]);

  const update = (changes: Record<string, string>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: !('page' in changes) },
    );

  useEffect(() => {
    if (text.trim() === q) return;
    const timer = setTimeout(() => update({ q: text.trim() }), TYPING_DELAY_MS);
    return () => clearTimeout(timer);
    // `update` is rebuilt each render; the timer only needs the words typed.
  }, [text, q]);

  const jurisdictions = useApi(
    (signal) => api<Page<Jurisdiction>>('/jurisdictions', { signal }),
    [],
  );
  const searching = q !== '' || jurisdiction !== '' || status !== '' || kind !== '';
  const results = useApi(
    (signal) =>
      searching
        ? api<Page<Recruiter>>('/recruiters', {
            query: { q, jurisdiction, status, kind, page, pageSize: PAGE_SIZE },
            signal,
          })
        : Promise.resolve(undefined),
    [q, jurisdiction, status, kind, page, searching],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() });
  };

  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 1) next.set('page', String(n));
    else next.delete('page');
    return `?${next.toString()}`;
  };

  return (
    <>
      <h1>{t('search.title')}</h1>
      <div className="notice intro">
        <p>{t('search.intro')}</p>
        <p>
          <strong>{t('search.free')}</strong>
        </p>
      </div>

      <form
        role="search"
        className="search-form"
        onSubmit={onSubmit}
        aria-label={t('search.formLabel')}
      >
        <Field label={t('search.query')} hint={t('search.queryHint')}>
          <input
            type="search"
            name="q"
            value={text}
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            onChange={(event) => setText(event.target.value)}
          />
        </Field>
        <div className="filters">
          <Field label={t('search.jurisdiction')}>
            <select
              name="jurisdiction"
              value={jurisdiction}
              onChange={(event) => update({ jurisdiction: event.target.value })}
            >
              <option value="">{t('search.anyJurisdiction')}</option>
              {jurisdiction && !jurisdictions.data?.items.some((j) => j.code === jurisdiction) ? (
                <option value={jurisdiction}>{countryName(jurisdiction)}</option>
              ) : null}
              {(jurisdictions.data?.items ?? [])
                .map((j) => ({ code: j.code, label: countryName(j.code) }))
                .sort((a, b) => a.label.localeCompare(b.label))
                .map((j) => (
                  <option key={j.code} value={j.code}>
                    {j.label}
                  </option>
                ))}
            </select>
          </Field>
          <Field label={t('search.status')}>
            <select
              name="status"
              value={status}
              onChange={(event) => update({ status: event.target.value })}
            >
              <option value="">{t('search.anyStatus')}</option>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`common:status.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('search.kind')}>
            <select
              name="kind"
              value={kind}
              onChange={(event) => update({ kind: event.target.value })}
            >
              <option value="">{t('search.anyKind')}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <button type="submit" className="visually-hidden">
          {t('search.submit')}
        </button>
      </form>

      <section aria-labelledby="results-heading" className="results">
        <h2 id="results-heading" className="visually-hidden">
          {t('search.results')}
        </h2>
        <p role="status" className="muted result-count" aria-busy={results.loading && searching}>
          {!searching
            ? t('search.start')
            : results.loading && !data
              ? t('common:loading')
              : data
                ? t('search.count', { total: formatNumber(data.total) })
                : ''}
        </p>
        <ErrorNotice error={results.error} showFields />
        {data && data.items.length === 0 && data.total === 0 ? (
          <div className="notice notice-warning">
            <p>
              <strong>{t('search.noResults')}</strong>
            </p>
            <p>{t('search.noResultsAdvice')}</p>
            <p>
              <Link to="/complaints/new">{t('search.reportUnregistered')}</Link>
            </p>
          </div>
        ) : null}
        {data && data.items.length > 0 ? (
          <ul className="result-list" aria-busy={results.loading}>
            {data.items.map((recruiter) => (
              <li key={recruiter.id} className="card result">
                <h3>
                  <Link to={`/recruiters/${recruiter.id}`}>{recruiter.legalName}</Link>
                </h3>
                {recruiter.tradingNames.length > 0 ? (
                  <p className="muted">
                    {t('search.tradingAs', { names: recruiter.tradingNames.join(', ') })}
                  </p>
                ) : null}
                <div className="row">
                  <StatusBadge status={recruiter.effectiveStatus} />
                  <span>{countryName(recruiter.jurisdiction)}</span>
                </div>
                <p className="result-meta">
                  {t('search.registration', { number: recruiter.registrationNumber })} ·{' '}
                  {t(`kind.${recruiter.kind}`, { defaultValue: recruiter.kind })}
                </p>
              </li>
            ))}
          </ul>
        ) : null}
        {data && pages > 1 ? (
          <nav aria-label={t('search.pagination')} className="row pagination">
            {page > 1 ? (
              <Link to={pageLink(page - 1)} className="button button-secondary">
                {t('search.previous')}
              </Link>
            ) : null}
            <span>
              {t('search.pageOf', { page: formatNumber(page), pages: formatNumber(pages) })}
            </span>
            {page < pages ? (
              <Link to={pageLink(page + 1)} className="button button-secondary">
                {t('search.next')}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
