import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { RequireLogin, useSession } from '../auth/session';

/**
 * The frame of every regulator page: requires a session, names who is signed in and for which
 * registries, and links the console's sections. Routes use it as their parent element:
 * `{ path: 'console', element: <ConsoleLayout />, children: [...] }`.
 */
export function ConsoleLayout() {
  return (
    <RequireLogin>
      <ConsoleFrame />
    </RequireLogin>
  );
}

function ConsoleFrame() {
  const { t } = useTranslation();
  const { principal, logout } = useSession();
  if (!principal) return null;
  const sections = [
    { to: '/console', label: t('console.dashboard'), end: true },
    { to: '/console/recruiters', label: t('console.recruiters') },
    { to: '/console/imports', label: t('console.imports') },
    { to: '/console/complaints', label: t('console.complaints') },
    { to: '/console/reports', label: t('console.reports') },
    ...(principal.role === 'admin' ? [{ to: '/console/admin', label: t('console.admin') }] : []),
  ];
  return (
    <div className="console">
      <div className="console-bar row">
        <p className="muted">
          {t('console.signedInAs', {
            email: principal.email,
            role: t(`console.roles.${principal.role}`),
          })}
          {principal.jurisdictions.length > 0
            ? ` · ${t('console.registries', { list: principal.jurisdictions.join(', ') })}`
            : null}
        </p>
        <button type="button" className="button-secondary" onClick={() => void logout()}>
          {t('console.signOut')}
        </button>
      </div>
      <nav aria-label={t('console.navLabel')}>
        <ul className="nav-list console-nav">
          {sections.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
