import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { Field } from '../../components/field';
import { useApi } from '../../components/use-api';
import type { Jurisdiction } from './types';

/**
 * The registry a page is about: a regulator's own (a choice only if they have several), any for an
 * administrator. Returns null when the account has one registry and nothing to choose.
 */
export function JurisdictionPicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation('cases');
  const { principal } = useSession();
  const isAdmin = principal?.role === 'admin';
  const all = useApi(
    (signal) =>
      isAdmin
        ? api<{ items: Jurisdiction[] }>('/jurisdictions', { signal }).then((r) => r.items)
        : Promise.resolve([] as Jurisdiction[]),
    [isAdmin],
  );
  const codes = isAdmin
    ? (all.data ?? []).map((j) => ({ code: j.code, name: j.name }))
    : (principal?.jurisdictions ?? []).map((code) => ({ code, name: code }));
  if (!isAdmin && codes.length <= 1) return null;
  return (
    <Field label={t('jurisdiction.label')}>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {value === '' ? <option value="">{t('jurisdiction.choose')}</option> : null}
        {codes.map((j) => (
          <option key={j.code} value={j.code}>
            {j.name === j.code ? j.code : `${j.name} (${j.code})`}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The registry a page starts on: the one in the URL, else the account's first. */
export function useDefaultJurisdiction(fromUrl: string | null): string {
  const { principal } = useSession();
  return fromUrl ?? principal?.jurisdictions[0] ?? '';
}
