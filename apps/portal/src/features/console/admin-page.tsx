import { ROLES, type Role } from '@fair-recruit/domain';
import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useSession } from '../../auth/session';
import { ErrorNotice } from '../../components/error-notice';
import { Field } from '../../components/field';
import { formatDate } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import { useConsoleApi, type Jurisdiction } from './console-data';
import './console.css';

/** An account as `GET /users` lists it. */
interface Account {
  id: string;
  email: string;
  role: Role;
  jurisdictions: string[];
  disabled: boolean;
  createdAt: string;
}

/** Administrators only: the accounts that may use the console, and the registries kept here. */
export function AdminPage() {
  const { t } = useTranslation('console');
  usePageTitle(t('admin.title'));
  const { principal } = useSession();
  const jurisdictions = useConsoleApi(
    (signal) => api<{ items: Jurisdiction[] }>('/jurisdictions', { signal }),
    [],
  );
  if (principal && principal.role !== 'admin') return <Navigate to="/console" replace />;
  return (
    <>
      <h1>{t('admin.title')}</h1>
      <Accounts jurisdictions={jurisdictions.data?.items ?? []} />
      <Jurisdictions
        items={jurisdictions.data?.items}
        error={jurisdictions.error}
        reload={() => jurisdictions.reload()}
      />
    </>
  );
}

function Accounts({ jurisdictions }: { jurisdictions: Jurisdiction[] }) {
  const { t } = useTranslation('console');
  const { token, principal, expired } = useSession();
  const accounts = useConsoleApi(
    (signal, token) => api<Account[]>('/users', { signal, token }),
    [],
  );
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('regulator');
  const [scope, setScope] = useState<string[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [toggleError, setToggleError] = useState<unknown>(null);
  const [editing, setEditing] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const created = await api<Account>('/users', {
        method: 'POST',
        token,
        body: { email: email.trim(), password, role, jurisdictions: scope },
      });
      setNotice(t('admin.accountCreated', { email: created.email }));
      setEmail('');
      setPassword('');
      setScope([]);
      accounts.reload();
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) expired();
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  async function toggle(account: Account) {
    setToggleError(null);
    setNotice(null);
    try {
      const changed = await api<Account>(
        `/users/${account.id}/${account.disabled ? 'enable' : 'disable'}`,
        { method: 'POST', token },
      );
      setNotice(
        t(changed.disabled ? 'admin.accountDisabled' : 'admin.accountEnabled', {
          email: changed.email,
        }),
      );
      accounts.reload();
    } catch (failure) {
      setToggleError(failure);
    }
  }

  const apiError = error instanceof ApiError ? error : null;
  const emailErrors = [
    ...(apiError?.messagesFor('email') ?? []),
    ...(apiError?.code === 'email_taken' ? [t('admin.emailTaken')] : []),
  ];
  return (
    <section aria-labelledby="accounts-heading">
      <h2 id="accounts-heading">{t('admin.accounts')}</h2>
      {notice ? (
        <div className="notice notice-success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorNotice error={accounts.error ?? toggleError} />
      {accounts.data ? (
        <div className="table-scroll" tabIndex={0} aria-label={t('admin.accounts')}>
          <table>
            <caption className="visually-hidden">{t('admin.accounts')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.email')}</th>
                <th scope="col">{t('admin.role')}</th>
                <th scope="col">{t('admin.registries')}</th>
                <th scope="col">{t('admin.state')}</th>
                <th scope="col">{t('admin.since')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((account) => (
                <Fragment key={account.id}>
                  <tr>
                    <td className="break">{account.email}</td>
                    <td>{t(`console.roles.${account.role}`, { ns: 'common' })}</td>
                    <td>{account.jurisdictions.join(', ') || '—'}</td>
                    <td>{account.disabled ? t('admin.disabled') : t('admin.active')}</td>
                    <td>{formatDate(account.createdAt)}</td>
                    <td>
                      <div className="row">
                        <button
                          type="button"
                          className="button-secondary"
                          aria-expanded={editing === account.id}
                          onClick={() => setEditing(editing === account.id ? null : account.id)}
                        >
                          {t('admin.editAccess')}
                          <span className="visually-hidden"> {account.email}</span>
                        </button>
                        {account.id === principal?.userId ? null : (
                          <button
                            type="button"
                            className={account.disabled ? 'button-secondary' : 'button-danger'}
                            onClick={() => void toggle(account)}
                          >
                            {account.disabled ? t('admin.enable') : t('admin.disable')}
                            <span className="visually-hidden"> {account.email}</span>
                          </button>
                        )}
                      </div>
                    </td>
                  </tr>
                  {editing === account.id ? (
                    <tr>
                      <td colSpan={6}>
                        <AccessEditor
                          account={account}
                          jurisdictions={jurisdictions}
                          onDone={(message) => {
                            setEditing(null);
                            if (message) setNotice(message);
                            accounts.reload();
                          }}
                        />
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <form onSubmit={(event) => void create(event)} noValidate className="card">
        <h3>{t('admin.newAccount')}</h3>
        <ErrorNotice error={error} />
        <Field label={t('admin.email')} errors={emailErrors} required>
          <input
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </Field>
        <Field
          label={t('admin.initialPassword')}
          hint={t('admin.passwordHint')}
          errors={apiError?.messagesFor('password') ?? []}
          required
        >
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </Field>
        <RoleField role={role} onChange={setRole} errors={apiError?.messagesFor('role') ?? []} />
        <RegistryChoices
          jurisdictions={jurisdictions}
          scope={scope}
          onChange={setScope}
          errors={apiError?.messagesFor('jurisdictions', true) ?? []}
        />
        <button type="submit" disabled={busy}>
          {t('admin.createAccount')}
        </button>
      </form>
    </section>
  );
}

function RoleField({
  role,
  onChange,
  errors,
}: {
  role: Role;
  onChange: (role: Role) => void;
  errors: string[];
}) {
  const { t } = useTranslation('console');
  return (
    <Field label={t('admin.role')} errors={errors} required>
      <select value={role} onChange={(event) => onChange(event.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`console.roles.${r}`, { ns: 'common' })}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The registries a regulator manages, as checkboxes, with the API's errors for them. */
function RegistryChoices({
  jurisdictions,
  scope,
  onChange,
  errors,
}: {
  jurisdictions: Jurisdiction[];
  scope: string[];
  onChange: (scope: string[]) => void;
  errors: string[];
}) {
  const { t } = useTranslation('console');
  return (
    <fieldset>
      <legend>{t('admin.registries')}</legend>
      <p className="hint">{t('admin.registriesHint')}</p>
      <div className="checks">
        {jurisdictions.map((j) => (
          <label key={j.code} className="choice">
            <input
              type="checkbox"
              checked={scope.includes(j.code)}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...scope, j.code]
                    : scope.filter((code) => code !== j.code),
                )
              }
            />
            {j.code} · {j.name}
          </label>
        ))}
      </div>
      {errors.length > 0 ? <p className="field-error">{errors.join(' ')}</p> : null}
    </fieldset>
  );
}

/**
 * A new role or registries for an account (PATCH /users/:id), effective at its next request. The
 * API refuses to demote the last enabled administrator; that refusal is shown in words.
 */
function AccessEditor({
  account,
  jurisdictions,
  onDone,
}: {
  account: Account;
  jurisdictions: Jurisdiction[];
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('console');
  const { token, expired } = useSession();
  const [role, setRole] = useState<Role>(account.role);
  const [scope, setScope] = useState<string[]>(account.jurisdictions);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const changed = await api<Account>(`/users/${account.id}`, {
        method: 'PATCH',
        token,
        body: { role, jurisdictions: role === 'regulator' ? scope : [] },
      });
      onDone(t('admin.accessSaved', { email: changed.email }));
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) expired();
      setError(failure);
      setBusy(false);
    }
  }

  const apiError = error instanceof ApiError ? error : null;
  return (
    <form
      onSubmit={(event) => void save(event)}
      noValidate
      aria-label={t('admin.editAccessOf', { email: account.email })}
    >
      <ErrorNotice error={error} />
      <RoleField role={role} onChange={setRole} errors={apiError?.messagesFor('role') ?? []} />
      {role === 'regulator' ? (
        <RegistryChoices
          jurisdictions={jurisdictions}
          scope={scope}
          onChange={setScope}
          errors={apiError?.messagesFor('jurisdictions', true) ?? []}
        />
      ) : null}
      <SaveOrCancel busy={busy} save={t('admin.saveAccess')} onCancel={() => onDone(null)} />
    </form>
  );
}

interface AuthorityDraft {
  name: string;
  website: string;
  email: string;
}

function authorityBody(draft: AuthorityDraft) {
  return {
    name: draft.name.trim(),
    ...(draft.website.trim() ? { website: draft.website.trim() } : {}),
    ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
  };
}

function AuthorityFields({
  draft,
  onChange,
  error,
}: {
  draft: AuthorityDraft;
  onChange: (draft: AuthorityDraft) => void;
  error: ApiError | null;
}) {
  const { t } = useTranslation('console');
  return (
    <>
      <Field
        label={t('admin.authorityName')}
        errors={error?.messagesFor('authority.name') ?? []}
        required
      >
        <input value={draft.name} onChange={(e) => onChange({ ...draft, name: e.target.value })} />
      </Field>
      <Field
        label={t('admin.authorityWebsite')}
        errors={error?.messagesFor('authority.website') ?? []}
      >
        <input
          type="url"
          value={draft.website}
          placeholder="https://"
          onChange={(e) => onChange({ ...draft, website: e.target.value })}
        />
      </Field>
      <Field label={t('admin.authorityEmail')} errors={error?.messagesFor('authority.email') ?? []}>
        <input
          type="email"
          value={draft.email}
          onChange={(e) => onChange({ ...draft, email: e.target.value })}
        />
      </Field>
    </>
  );
}

function Jurisdictions({
  items,
  error,
  reload,
}: {
  items: Jurisdiction[] | undefined;
  error: ApiError | undefined;
  reload: () => void;
}) {
  const { t } = useTranslation('console');
  const { token } = useSession();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [authority, setAuthority] = useState<AuthorityDraft>({ name: '', website: '', email: '' });
  const [createError, setCreateError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setCreateError(null);
    setNotice(null);
    try {
      const created = await api<Jurisdiction>('/jurisdictions', {
        method: 'POST',
        token,
        body: {
          code: code.trim().toUpperCase(),
          name: name.trim(),
          authority: authorityBody(authority),
        },
      });
      setNotice(t('admin.jurisdictionCreated', { code: created.code, name: created.name }));
      setCode('');
      setName('');
      setAuthority({ name: '', website: '', email: '' });
      reload();
    } catch (failure) {
      setCreateError(failure);
    } finally {
      setBusy(false);
    }
  }

  const apiError = createError instanceof ApiError ? createError : null;
  return (
    <section aria-labelledby="jurisdictions-heading">
      <h2 id="jurisdictions-heading">{t('admin.jurisdictions')}</h2>
      {notice ? (
        <div className="notice notice-success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {items ? (
        <ul className="jurisdiction-list">
          {items.map((j) => (
            <li key={j.code} className="card">
              <h3>
                {j.code} · {j.name}
              </h3>
              {editing === j.code ? (
                <AuthorityEditor
                  jurisdiction={j}
                  onDone={(message) => {
                    setEditing(null);
                    if (message) setNotice(message);
                    reload();
                  }}
                />
              ) : (
                <>
                  <p>{j.authority.name}</p>
                  {j.authority.website ? <p className="break">{j.authority.website}</p> : null}
                  {j.authority.email ? <p className="break">{j.authority.email}</p> : null}
                  <button
                    type="button"
                    className="button-secondary"
                    onClick={() => setEditing(j.code)}
                  >
                    {t('admin.editAuthority', { code: j.code })}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}

      <form onSubmit={(event) => void create(event)} noValidate className="card">
        <h3>{t('admin.newJurisdiction')}</h3>
        <ErrorNotice error={createError} />
        <Field
          label={t('admin.code')}
          hint={t('admin.codeHint')}
          errors={[
            ...(apiError?.messagesFor('code') ?? []),
            ...(apiError?.code === 'jurisdiction_exists' ? [t('admin.jurisdictionExists')] : []),
          ]}
          required
        >
          <input value={code} maxLength={2} onChange={(e) => setCode(e.target.value)} />
        </Field>
        <Field label={t('admin.countryName')} errors={apiError?.messagesFor('name') ?? []} required>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <AuthorityFields draft={authority} onChange={setAuthority} error={apiError} />
        <button type="submit" disabled={busy}>
          {t('admin.createJurisdiction')}
        </button>
      </form>
    </section>
  );
}

function AuthorityEditor({
  jurisdiction,
  onDone,
}: {
  jurisdiction: Jurisdiction;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation('console');
  const { token } = useSession();
  const [draft, setDraft] = useState<AuthorityDraft>({
    name: jurisdiction.authority.name,
    website: jurisdiction.authority.website ?? '',
    email: jurisdiction.authority.email ?? '',
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api<Jurisdiction>(`/jurisdictions/${jurisdiction.code}`, {
        method: 'PATCH',
        token,
        body: { authority: authorityBody(draft) },
      });
      onDone(t('admin.authoritySaved', { code: jurisdiction.code }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void save(event)} noValidate>
      <ErrorNotice error={error} />
      <AuthorityFields
        draft={draft}
        onChange={setDraft}
        error={error instanceof ApiError ? error : null}
      />
      <SaveOrCancel busy={busy} save={t('admin.saveAuthority')} onCancel={() => onDone(null)} />
    </form>
  );
}

/** The buttons of an inline editor: save (disabled while sending) and cancel. */
function SaveOrCancel({
  busy,
  save,
  onCancel,
}: {
  busy: boolean;
  save: string;
  onCancel: () => void;
}) {
  const { t } = useTranslation('console');
  return (
    <div className="row">
      <button type="submit" disabled={busy}>
        {save}
      </button>
      <button type="button" className="button-secondary" onClick={onCancel}>
        {t('admin.cancel')}
      </button>
    </div>
  );
}
