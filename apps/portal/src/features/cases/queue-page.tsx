import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES } from '@fair-recruit/domain';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { formatDate, formatNumber } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { useApi } from '../../components/use-api';
import type { QueuePage as Queue } from './types';
import './cases.css';

const PAGE_SIZE = 25;
const FILTERS = ['status', 'category', 'recruiterId', 'olderThanDays'] as const;
type Filter = (typeof FILTERS)[number];

/** The complaint queue, oldest first; every filter lives in the URL so a view can be shared. */
export function QueuePage() {
  const { t } = useTranslation('cases');
  const { token, expired } = useSession();
  const [params, setParams] = useSearchParams();
  usePageTitle(t('queue.title'));
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<
    Filter,
    string
  >;
  const [draft, setDraft] = useState(filters);
  const key = params.toString();

  const queue = useApi(
    (signal) =>
      api<Queue>('/regulator/complaints', {
        token,
        signal,
        query: { ...filters, page, pageSize: PAGE_SIZE },
      }).catch((error: unknown) => {
        if ((error as { status?: number }).status === 401) expired();
        throw error;
      }),
    [key, token],
  );

  function apply(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const f of FILTERS) if (draft[f].trim()) next.set(f, draft[f].trim());
    setParams(next);
  }

  function clear() {
    setDraft({ status: '', category: '', recruiterId: '', olderThanDays: '' });
    setParams(new URLSearchParams());
  }

  function goTo(target: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(target));
    setParams(next);
  }

  const data = queue.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const fieldErrors = (field: string) => queue.error?.messagesFor(field) ?? [];

  return (
    <section className="stack" aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      <p className="muted">{t('queue.intro')}</p>

      <form className="card filters" onSubmit={apply} aria-label={t('queue.filters')}>
        <div className="filter-grid">
          <Field label={t('queue.status')} errors={fieldErrors('status')}>
            <select
              value={draft.status}
              onChange={(e) => setDraft({ ...draft, status: e.target.value })}
            >
              <option value="">{t('queue.any')}</option>
              {COMPLAINT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`complaintStatus.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('queue.category')} errors={fieldErrors('category')}>
            <select
              value={draft.category}
              onChange={(e) => setDraft({ ...draft, category: e.target.value })}
            >
              <option value="">{t('queue.any')}</option>
              {COMPLAINT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`category.${c}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label={t('queue.recruiter')}
            hint={t('queue.recruiterHint')}
            errors={fieldErrors('recruiterId')}
          >
            <input
              value={draft.recruiterId}
              onChange={(e) => setDraft({ ...draft, recruiterId: e.target.value })}
              spellCheck={false}
              autoComplete="off"
            />
          </Field>
          <Field label={t('queue.olderThan')} errors={fieldErrors('olderThanDays')}>
            <input
              type="number"
              min={0}
              inputMode="numeric"
              value={draft.olderThanDays}
              onChange={(e) => setDraft({ ...draft, olderThanDays: e.target.value })}
            />
          </Field>
        </div>
        <div className="row">
          <button type="submit">{t('queue.apply')}</button>
          <button type="button" className="button-secondary" onClick={clear}>
            {t('queue.clear')}
          </button>
        </div>
      </form>

      {queue.error ? <ErrorNotice error={queue.error} /> : null}

      <p role="status" aria-live="polite" className="queue-count">
        {queue.loading && !data
          ? t('loading', { ns: 'common' })
          : data
            ? data.totalCapped
              ? t('queue.countCapped', { number: formatNumber(data.total) })
              : t('queue.count', { number: formatNumber(data.total) })
            : null}
      </p>

      {data && data.items.length > 0 ? (
        <div
          className="table-scroll"
          role="region"
          aria-labelledby="queue-caption"
          aria-busy={queue.loading}
          tabIndex={0}
        >
          <table className="queue-table">
            <caption id="queue-caption" className="visually-hidden">
              {t('queue.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('queue.reference')}</th>
                <th scope="col" className="numeric">
                  {t('queue.age')}
                </th>
                <th scope="col">{t('queue.categories')}</th>
                <th scope="col">{t('queue.recruiterColumn')}</th>
                <th scope="col">{t('queue.status')}</th>
                <th scope="col">{t('queue.received')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="nowrap">
                    <Link to={`/console/complaints/${item.id}`}>{item.reference}</Link>
                  </th>
                  <td className="numeric nowrap" data-label={t('queue.age')}>
                    {t('queue.days', { count: item.ageDays })}
                  </td>
                  <td data-label={t('queue.categories')}>
                    {item.categories.map((c) => t(`category.${c}`)).join(', ')}
                  </td>
                  <td data-label={t('queue.recruiterColumn')}>
                    {item.recruiterName ?? t('queue.unnamed')}
                  </td>
                  <td data-label={t('queue.status')}>
                    <span className={`case-status case-status-${item.status}`}>
                      {t(`complaintStatus.${item.status}`)}
                    </span>
                  </td>
                  <td data-label={t('queue.received')}>{formatDate(item.receivedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : data ? (
        <p>{t('queue.empty')}</p>
      ) : null}

      {data && (page > 1 || data.page < pages || data.totalCapped) ? (
        <nav aria-label={t('queue.pagination')} className="row">
          <button type="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
            {t('queue.previous')}
          </button>
          <span>
            {data.totalCapped
              ? t('queue.pageOfMany', { page: data.page })
              : t('queue.pageOf', { page: data.page, pages })}
          </span>
          <button
            type="button"
            disabled={!(data.totalCapped || page < pages) || data.items.length < data.pageSize}
            onClick={() => goTo(page + 1)}
          >
            {t('queue.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
