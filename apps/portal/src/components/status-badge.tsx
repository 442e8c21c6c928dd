import { useTranslation } from 'react-i18next';

/**
 * A recruiter's effective status in words and colour (never colour alone): authorized green,
 * pending/refused grey, suspended amber, revoked/expired red. Words from `common:status.*`.
 */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <span className={`status status-${status}`}>
      {t(`status.${status}`, { defaultValue: status })}
    </span>
  );
}
