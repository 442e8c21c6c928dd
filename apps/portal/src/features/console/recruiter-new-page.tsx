import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { usePageTitle } from '../../components/page-title';
import { useJurisdictions, type Recruiter } from './console-data';
import { bodyOf, emptyDraft, RecruiterForm, type RecruiterDraft } from './recruiter-form';
import './console.css';

/** Registers a recruiter in one of the user's registries; it starts as pending. */
export function RecruiterNewPage() {
  const { t } = useTranslation('console');
  usePageTitle(t('recruiters.new'));
  const { token, expired } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const jurisdictions = useJurisdictions('write');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function create(draft: RecruiterDraft) {
    setBusy(true);
    setError(null);
    try {
      const created = await api<Recruiter>('/recruiters', {
        method: 'POST',
        token,
        body: bodyOf(draft, 'create'),
      });
      await navigate(`/console/recruiters/${created.id}`, { state: { created: true } });
    } catch (failure) {
      if ((failure as { status?: number }).status === 401) expired();
      setError(failure);
      setBusy(false);
    }
  }

  const choices = jurisdictions.data;
  const preset = params.get('jurisdiction') ?? '';
  return (
    <>
      <p>
        <Link to="/console/recruiters">{t('recruiters.back')}</Link>
      </p>
      <h1>{t('recruiters.new')}</h1>
      <p className="muted">{t('form.intro')}</p>
      <ErrorNotice error={jurisdictions.error} />
      {choices && choices.length === 0 ? (
        <p className="notice notice-warning">{t('form.noWritableRegistry')}</p>
      ) : null}
      {choices && choices.length > 0 ? (
        <>
          <ErrorNotice error={error} />
          <RecruiterForm
            mode="create"
            initial={emptyDraft(
              choices.some((j) => j.code === preset)
                ? preset
                : choices.length === 1
                  ? choices[0].code
                  : '',
            )}
            jurisdictions={choices}
            error={error}
            busy={busy}
            submitLabel={t('form.register')}
            onSubmit={(draft) => void create(draft)}
          />
        </>
      ) : null}
    </>
  );
}
