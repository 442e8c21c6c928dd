import { EFFECTIVE_STATUSES, RECRUITER_KINDS } from '@fair-recruit/domain';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, type Page } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { formatDate, formatNumber } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { StatusBadge } from '../../components/status-badge';
import { canRead, canWrite, useConsoleApi, useJurisdictions, type Recruiter } from './console-data';
import './console.css';

const PAGE_SIZE = 20;

/** The registries a user manages, searchable and filterable, a page at a time. */
export function RecruitersPage() {
  const { t } = useTranslation('console');
  usePageTitle(t('recruiters.title'));
  const { principal } = useSession();
  const jurisdictions = useJurisdictions('read');
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const choices = jurisdictions.data ?? [];
  const mayChooseAll = principal?.role !== 'regulator';
  // A regulator of several registries sees them together by default (`GB,IE`), or one of them.
  const mine = principal?.role === 'regulator' ? principal.jurisdictions : [];
  const allMine = mine.length > 1 ? mine.join(',') : '';
  const jurisdiction =
    params.get('jurisdiction') ?? (mayChooseAll ? '' : allMine || (mine[0] ?? ''));
  const outOfScope =
    jurisdiction !== '' && !jurisdiction.split(',').every((code) => canRead(principal, code));
  const single = jurisdiction.includes(',') ? '' : jurisdiction;
  // `FR,GB` from a link is the same choice as the regulator's `GB,FR`.
  const sameCodes = (a: string, b: string) =>
    a.split(',').sort().join() === b.split(',').sort().join();
  const selected = allMine && sameCodes(jurisdiction, allMine) ? allMine : jurisdiction;
  const [typed, setTyped] = useState(q);

  // Typing waits a moment before it searches, so each key press does not cost a request.
  useEffect(() => {
    if (typed === q) return;
    const timer = setTimeout(() => update({ q: typed }), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next, { replace: true });
  }

  const results = useConsoleApi(
    (signal) =>
      outOfScope || (!mayChooseAll && !jurisdiction)
        ? Promise.resolve(null)
        : api<Page<Recruiter>>('/recruiters', {
            signal,
            query: { q: q.trim(), jurisdiction, status, kind, page, pageSize: PAGE_SIZE },
          }),
    [q, jurisdiction, status, kind, page, outOfScope, mayChooseAll],
  );
  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const writable = choices.some((j) => canWrite(principal, j.code));

  return (
    <>
      <div className="row console-heading">
        <h1>{t('recruiters.title')}</h1>
        {writable ? (
          <Link
            className="button"
            to={`/console/recruiters/new${single ? `?jurisdiction=${single}` : ''}`}
          >
            {t('recruiters.new')}
          </Link>
        ) : null}
      </div>
      {principal?.role === 'observer' ? <p className="notice">{t('readOnly')}</p> : null}
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="recruiter-q">{t('recruiters.search')}</label>
          <input
            id="recruiter-q"
            type="search"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="recruiter-jurisdiction">{t('fields.jurisdiction')}</label>
          <select
            id="recruiter-jurisdiction"
            value={selected}
            onChange={(event) => update({ jurisdiction: event.target.value })}
          >
            {mayChooseAll ? <option value="">{t('recruiters.allRegistries')}</option> : null}
            {allMine ? <option value={allMine}>{t('recruiters.allMyRegistries')}</option> : null}
            {outOfScope ? <option value={jurisdiction}>{jurisdiction}</option> : null}
            {choices.map((j) => (
              <option key={j.code} value={j.code}>
                {j.code} · {j.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="recruiter-status">{t('fields.status')}</label>
          <select
            id="recruiter-status"
            value={status}
            onChange={(event) => update({ status: event.target.value })}
          >
            <option value="">{t('recruiters.anyStatus')}</option>
            {EFFECTIVE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`, { ns: 'common' })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="recruiter-kind">{t('fields.kind')}</label>
          <select
            id="recruiter-kind"
            value={kind}
            onChange={(event) => update({ kind: event.target.value })}
          >
            <option value="">{t('recruiters.anyKind')}</option>
            {RECRUITER_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      {outOfScope ? (
        <div className="notice notice-error" role="alert">
          <p>{t('recruiters.notYourRegistry', { code: jurisdiction })}</p>
        </div>
      ) : null}
      {!outOfScope && !mayChooseAll && !jurisdiction ? (
        <p className="notice">{t('recruiters.noRegistry')}</p>
      ) : null}
      <ErrorNotice error={results.error ?? jurisdictions.error} />

      {data ? (
        <>
          <p aria-live="polite" className="muted">
            {t('recruiters.count', { formatted: formatNumber(data.total) })}
          </p>
          {data.items.length > 0 ? (
            <div className="table-scroll" tabIndex={0} aria-label={t('recruiters.tableLabel')}>
              <table>
                <caption className="visually-hidden">{t('recruiters.tableLabel')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fields.legalName')}</th>
                    <th scope="col">{t('fields.registrationNumber')}</th>
                    <th scope="col">{t('fields.jurisdiction')}</th>
                    <th scope="col">{t('fields.status')}</th>
                    <th scope="col">{t('fields.authorizedUntil')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <Link to={`/console/recruiters/${r.id}`}>{r.legalName}</Link>
                      </td>
                      <td>{r.registrationNumber}</td>
                      <td>{r.jurisdiction}</td>
                      <td>
                        <StatusBadge status={r.effectiveStatus} />
                      </td>
                      <td>{formatDate(r.authorizedUntil)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {pages > 1 ? (
            <nav className="row pager" aria-label={t('recruiters.pages')}>
              <button
                type="button"
                className="button-secondary"
                disabled={page <= 1}
                onClick={() => update({ page: String(page - 1) })}
              >
                {t('recruiters.previous')}
              </button>
              <span>{t('recruiters.pageOf', { page, pages })}</span>
              <button
                type="button"
                className="button-secondary"
                disabled={page >= pages}
                onClick={() => update({ page: String(page + 1) })}
              >
                {t('recruiters.next')}
              </button>
            </nav>
          ) : null}
        </>
      ) : results.loading ? (
        <p aria-busy="true">{t('loading', { ns: 'common' })}</p>
      ) : null}
    </>
  );
}
