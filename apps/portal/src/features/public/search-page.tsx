import { useTranslation } from 'react-i18next';

export function SearchPage() {
  const { t } = useTranslation('public');
  return <h1>{t('search.title')}</h1>;
}
