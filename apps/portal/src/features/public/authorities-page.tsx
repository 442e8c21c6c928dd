import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type Page } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';
import { countryName } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { useApi } from '../../components/use-api';
import './public.css';
import type { Jurisdiction } from './types';

/** The register of designated national authorities (Code Art. 8.3, 8.4 in the draft's numbering). */
export function AuthoritiesPage() {
  const { t } = useTranslation('public');
  usePageTitle(t('authorities.title'));
  const list = useApi((signal) => api<Page<Jurisdiction>>('/jurisdictions', { signal }), []);
  const items = [...(list.data?.items ?? [])].sort((a, b) =>
    countryName(a.code).localeCompare(countryName(b.code)),
  );
  return (
    <>
      <h1>{t('authorities.title')}</h1>
      <p>{t('authorities.intro')}</p>
      <ErrorNotice error={list.error} />
      {list.loading && !list.data ? <p aria-busy="true">{t('common:loading')}</p> : null}
      {list.data && items.length === 0 ? <p>{t('authorities.none')}</p> : null}
      {items.length > 0 ? (
        <div className="table-scroll">
          <table className="authority-list">
            <caption className="visually-hidden">{t('authorities.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('authorities.country')}</th>
                <th scope="col">{t('authorities.authority')}</th>
                <th scope="col">{t('authorities.contact')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((j) => (
                <tr key={j.code}>
                  <th scope="row">
                    <Link to={`/?jurisdiction=${j.code}`}>{countryName(j.code)}</Link>
                  </th>
                  <td>{j.authority.name}</td>
                  <td>
                    <ul className="plain-list">
                      {j.authority.website ? (
                        <li>
                          <a href={j.authority.website} rel="noopener noreferrer">
                            {t('authorities.website')}
                            <span className="visually-hidden"> ({j.authority.name})</span>
                          </a>
                        </li>
                      ) : null}
                      {j.authority.email ? (
                        <li>
                          <a href={`mailto:${j.authority.email}`}>{j.authority.email}</a>
                        </li>
                      ) : null}
                      {!j.authority.website && !j.authority.email ? (
                        <li className="muted">{t('authorities.noContact')}</li>
                      ) : null}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted">{t('authorities.searchHint')}</p>
    </>
  );
}
