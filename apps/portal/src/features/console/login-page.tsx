import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { usePageTitle } from '../../components/page-title';
import './console.css';

/** Where to go after signing in: back where the console sent the visitor from, else /console. */
function destination(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' &&
    from.startsWith('/console') &&
    !from.startsWith('/console/login')
    ? from
    : '/console';
}

export function LoginPage() {
  const { t } = useTranslation('console');
  usePageTitle(t('login.title'));
  const { token, principal, login } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const headingId = useId();

  if (token && principal) return <Navigate to={destination(location.state)} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      await navigate(destination(location.state), { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  const fieldErrors = error instanceof ApiError ? error : null;
  return (
    <section className="console-login" aria-labelledby={headingId}>
      <h1 id={headingId}>{t('login.title')}</h1>
      <p className="muted">{t('login.intro')}</p>
      <ErrorNotice error={error} />
      <form onSubmit={(event) => void submit(event)} noValidate className="card">
        <Field label={t('login.email')} errors={fieldErrors?.messagesFor('email') ?? []} required>
          <input
            type="email"
            name="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </Field>
        <Field
          label={t('login.password')}
          errors={fieldErrors?.messagesFor('password') ?? []}
          required
        >
          <input
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? t('login.signingIn') : t('login.submit')}
        </button>
      </form>
    </section>
  );
}
