import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../components/page-title';
import './public.css';

/** How to install the browser extension, what it shows, and what it never sends. */
export function ExtensionPage() {
  const { t } = useTranslation('public');
  usePageTitle(t('extension.title'));
  return (
    <>
      <h1>{t('extension.title')}</h1>
      <p>{t('extension.intro')}</p>
      <h2>{t('extension.colours')}</h2>
      <ul>
        <li>
          <span className="status status-authorized">{t('extension.green')}</span>{' '}
          {t('extension.greenText')}
        </li>
        <li>
          <span className="status status-revoked">{t('extension.red')}</span>{' '}
          {t('extension.redText')}
        </li>
        <li>
          <span className="status status-suspended">{t('extension.amber')}</span>{' '}
          {t('extension.amberText')}
        </li>
        <li>
          <span className="status status-unchecked">{t('extension.grey')}</span>{' '}
          {t('extension.greyText')}
        </li>
      </ul>
      <div className="notice notice-success">
        <p>
          <strong>{t('extension.privacyTitle')}</strong>
        </p>
        <p>{t('extension.privacy')}</p>
      </div>
      <h2>{t('extension.chromiumTitle')}</h2>
      <ol>
        <li>{t('extension.chromium1')}</li>
        <li>{t('extension.chromium2')}</li>
        <li>{t('extension.chromium3')}</li>
        <li>
          {t('extension.chromium4')} <code>extension/build/chrome-mv3-prod</code>
        </li>
        <li>{t('extension.chromium5')}</li>
      </ol>
      <h2>{t('extension.firefoxTitle')}</h2>
      <ol>
        <li>{t('extension.firefox1')}</li>
        <li>{t('extension.firefox2')}</li>
        <li>
          {t('extension.firefox3')} <code>extension/build/firefox-mv3-prod/manifest.json</code>
        </li>
        <li>{t('extension.firefox4')}</li>
      </ol>
      <h2>{t('extension.settingsTitle')}</h2>
      <p>{t('extension.settings')}</p>
    </>
  );
}
