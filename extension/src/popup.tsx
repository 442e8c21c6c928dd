import { useEffect, useState, type FormEvent } from 'react';
import type { LookupResponse, PageCounts, RegistryStatus } from './lib/messages.js';
import { pageOf, pageSummaryKey, tabCounts, type StoredPageSummary } from './lib/messages.js';
import { send } from './lib/send.js';
import { t } from './lib/i18n.js';
import { InLanguage, page, RecordLine, RegistryLine, Section } from './lib/ui.js';

function PageSummary() {
  const [counts, setCounts] = useState<PageCounts | null | undefined>(undefined);
  useEffect(() => {
    void (async () => {
      const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined) return setCounts(null);
      const key = pageSummaryKey(tab.id);
      const stored = (await chrome.storage.session.get(key))[key] as StoredPageSummary | undefined;
      // Tallies of the page the tab showed before (this one has no ads, so it sent none) are not
      // this page's.
      setCounts(tabCounts(stored, pageOf(tab.url)));
    })();
  }, []);
  if (counts === undefined) return <p>…</p>;
  if (counts === null) return <p data-testid="page-summary">{t('popup_noAds')}</p>;
  return (
    <p data-testid="page-summary">
      {counts.grey > 0
        ? t('popup_countsWithGrey', counts.red, counts.amber, counts.green, counts.grey)
        : t('popup_counts', counts.red, counts.amber, counts.green)}
    </p>
  );
}

function Lookup() {
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<LookupResponse | undefined>();
  const search = async (event: FormEvent) => {
    event.preventDefault();
    setAnswer(await send('lookup', { query }));
  };
  return (
    <>
      <form onSubmit={(event) => void search(event)} style={{ display: 'flex', gap: 6 }}>
        <input
          aria-label={t('popup_lookupLabel')}
          placeholder={t('popup_lookupPlaceholder')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          style={{ flex: 1, padding: 4 }}
        />
        <button type="submit">{t('popup_lookupButton')}</button>
      </form>
      {answer && !answer.ok ? <p style={{ color: '#b91c1c' }}>{answer.error}</p> : null}
      {answer?.ok && answer.results.length === 0 ? (
        <p data-testid="lookup-empty">
          {answer.registries === 0
            ? t('popup_noRegistrySearchable')
            : answer.registries === 1
              ? t('popup_notFoundInOne')
              : t('popup_notFoundInMany', answer.registries)}
        </p>
      ) : null}
      {answer?.ok ? (
        <ul style={{ paddingLeft: 18 }}>
          {answer.results.map((record) => (
            <RecordLine
              key={`${record.registryUrl}|${record.jurisdiction}|${record.registrationNumber}`}
              record={record}
            />
          ))}
        </ul>
      ) : null}
    </>
  );
}

const STATUS_POLL_MS = 1_000;

export default function Popup() {
  return (
    <InLanguage title="extensionName">
      <PopupPage />
    </InLanguage>
  );
}

function PopupPage() {
  const [registries, setRegistries] = useState<RegistryStatus[] | undefined>();
  useEffect(() => {
    // Right after installing, the first download is on its way: ask again until it has landed
    // (or failed), so the popup does not go on saying "No snapshot yet".
    let timer: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    const read = async () => {
      const { registries } = await send('status', {});
      if (closed) return;
      setRegistries(registries);
      if (registries.some((r) => r.version === undefined && r.lastCheckedAt === undefined)) {
        timer = setTimeout(() => void read(), STATUS_POLL_MS);
      }
    };
    void read();
    return () => {
      closed = true;
      clearTimeout(timer);
    };
  }, []);
  return (
    // A toolbar pop-up 360 px wide; a whole tab on a phone (Firefox for Android), no wider than it.
    <main style={{ ...page, width: 360, maxWidth: '100%', boxSizing: 'border-box' }}>
      <h1 style={{ fontSize: 17, margin: '0 0 10px' }}>{t('extensionName')}</h1>
      <Section title={t('popup_checkRecruiter')}>
        <Lookup />
      </Section>
      <Section title={t('popup_thisPage')}>
        <PageSummary />
      </Section>
      <Section title={t('registriesYouFollow')}>
        {registries === undefined ? <p>…</p> : null}
        {registries?.length === 0 ? (
          <p data-testid="registry-error">{t('popup_noRegistry')}</p>
        ) : null}
        <ul style={{ paddingLeft: 18 }}>
          {registries?.map((registry) => (
            <RegistryLine key={registry.url} registry={registry} />
          ))}
        </ul>
        <button type="button" onClick={() => void chrome.runtime.openOptionsPage()}>
          {t('popup_options')}
        </button>
      </Section>
      <p>
        <small>{t('popup_privacy')}</small>
      </p>
    </main>
  );
}
