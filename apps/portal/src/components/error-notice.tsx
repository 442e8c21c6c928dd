import { useTranslation } from 'react-i18next';
import { ApiError, NETWORK_ERROR_CODE } from '../api/client';

/**
 * An API failure in words. Known problem codes have a translated sentence
 * (`common:errors.<code>`); otherwise the API's own detail is shown. Field errors are listed
 * here only when the form did not place them beside their fields (`showFields`).
 */
export function ErrorNotice({
  error,
  showFields = false,
}: {
  error: unknown;
  showFields?: boolean;
}) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError =
    error instanceof ApiError
      ? error
      : new ApiError({
          status: 0,
          title: error instanceof Error ? error.message : 'Unexpected error',
          code: 'client_error',
        });
  const message =
    apiError.code === NETWORK_ERROR_CODE
      ? t('errors.network')
      : t(`errors.${apiError.code}`, {
          defaultValue: apiError.detail ?? apiError.title ?? t('errors.unknown'),
        });
  return (
    <div className="notice notice-error" role="alert">
      <p>{message}</p>
      {apiError.retryAfter ? (
        <p>{t('errors.retryAfter', { seconds: apiError.retryAfter })}</p>
      ) : null}
      {showFields && apiError.fieldErrors.length > 0 ? (
        <ul>
          {apiError.fieldErrors.map((e) => (
            <li key={`${e.field}:${e.message}`}>
              <code>{e.field}</code>: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
