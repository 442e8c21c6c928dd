import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { applyLanguage, language, standingPhrase, t, type MessageKey } from './i18n.js';
import type { RecordSummary, RegistryStatus } from './messages.js';
import { loadSettings } from './settings.js';

/** `2026-12-07 14:05`, as the registries' times are shown (UTC). */
function dateTime(iso: string | undefined): string {
  return iso?.slice(0, 16).replace('T', ' ') ?? '';
}

/**
 * The language the page's words are in (the browser's, where the extension has it; English
 * otherwise), said on the document for screen readers' pronunciation and the browser's translation
 * offer, with the page's title.
 */
export function declarePageLanguage(title?: MessageKey): void {
  document.documentElement.lang = language();
  if (title) document.title = t(title);
}

/**
 * A page of the extension, shown once the language chosen in the options is read (at once when it
 * is the browser's), with its title and language declared.
 */
export function InLanguage({ title, children }: { title: MessageKey; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadSettings()
      .then((settings) => applyLanguage(settings.language))
      .catch(() => undefined)
      .then(() => {
        declarePageLanguage(title);
        setReady(true);
      });
  }, [title]);
  return ready ? children : <main style={page}>…</main>;
}

export const page: CSSProperties = {
  font: '14px/1.45 system-ui, sans-serif',
  color: '#111827',
  margin: 0,
  padding: 12,
  // Long addresses and keys wrap rather than push the page sideways on a phone.
  overflowWrap: 'anywhere',
};

/** A text field as wide as the page allows: a report tab on a phone is 360 px wide. */
export const wideField: CSSProperties = {
  display: 'block',
  width: '100%',
  maxWidth: '40em',
  boxSizing: 'border-box',
  font: 'inherit',
};

const STATUS_COLOURS: Record<string, string> = {
  authorized: '#15803d',
  suspended: '#b91c1c',
  revoked: '#b91c1c',
  expired: '#b91c1c',
  refused: '#b91c1c',
  pending: '#b45309',
};

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ marginBottom: 14 }}>
      <h2 style={{ fontSize: 15, margin: '0 0 6px' }}>{title}</h2>
      {children}
    </section>
  );
}

export function RecordLine({ record }: { record: RecordSummary }) {
  return (
    <li data-testid="lookup-result" style={{ marginBottom: 6 }}>
      <strong>{record.legalName}</strong> —{' '}
      <span style={{ color: STATUS_COLOURS[record.effectiveStatus] ?? '#374151', fontWeight: 600 }}>
        {standingPhrase(record.effectiveStatus, record.jurisdiction, record.authorizedUntil)}
      </span>{' '}
      ({record.registrationNumber}){record.statusReason ? ` — ${record.statusReason}` : ''}
      <br />
      <small>
        {record.registryName} ·{' '}
        <a href={record.publicUrl} target="_blank" rel="noreferrer">
          {t('record_link')}
        </a>
      </small>
    </li>
  );
}

export function RegistryLine({ registry }: { registry: RegistryStatus }) {
  return (
    <li data-testid="registry-status" style={{ marginBottom: 6 }}>
      <strong>{registry.issuerName ?? registry.url}</strong>
      <br />
      <small>
        {registry.version !== undefined
          ? t(
              'registry_snapshot',
              registry.version,
              dateTime(registry.generatedAt),
              registry.entries ?? 0,
              registry.expiresAt?.slice(0, 10) ?? '',
            )
          : t('registry_noSnapshot')}
        {registry.lastCheckedAt
          ? ` ${t('registry_lastChecked', dateTime(registry.lastCheckedAt))}`
          : ''}
      </small>
      {registry.error ? (
        <p data-testid="registry-error" style={{ color: '#b91c1c', margin: '2px 0' }}>
          {registry.error}
        </p>
      ) : null}
    </li>
  );
}
