import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, ScrollRestoration } from 'react-router';
import { LANGUAGES } from '../i18n/i18n';

/** The frame of every page: skip link, header with navigation and language, main, footer. */
export function Layout() {
  const { t, i18n } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="wrap header-row">
          <Link to="/" className="brand">
            Fair Recruit
          </Link>
          <nav aria-label={t('nav.label')}>
            <ul className="nav-list">
              <li>
                <NavLink to="/" end>
                  {t('nav.search')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/complaints/new">{t('nav.report')}</NavLink>
              </li>
              <li>
                <NavLink to="/complaints/follow-up">{t('nav.followUp')}</NavLink>
              </li>
              <li>
                <NavLink to="/authorities">{t('nav.authorities')}</NavLink>
              </li>
            </ul>
          </nav>
          <label className="language">
            <span className="visually-hidden">{t('nav.language')}</span>
            <select
              value={i18n.resolvedLanguage}
              onChange={(event) => void i18n.changeLanguage(event.target.value)}
            >
              {LANGUAGES.map((language) => (
                <option key={language.code} value={language.code} lang={language.code}>
                  {language.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="wrap">
        <Suspense fallback={<p aria-busy="true">{t('loading')}</p>}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <ul className="footer-links">
            <li>
              <Link to="/safeguards-list">{t('nav.safeguards')}</Link>
            </li>
            <li>
              <Link to="/extension">{t('nav.extension')}</Link>
            </li>
            <li>
              <a href="/api/v1/export/recruiters.csv">{t('nav.openData')}</a>
            </li>
            <li>
              <Link to="/console">{t('nav.console')}</Link>
            </li>
          </ul>
          <p>{t('footer.code')}</p>
        </div>
      </footer>
      <ScrollRestoration />
    </>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('notFound.title')}</h1>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </>
  );
}
