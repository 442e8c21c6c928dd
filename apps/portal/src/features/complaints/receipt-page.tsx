import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { saveBlob } from '../../api/client';
import { countryName } from '../../components/format';
import { usePageTitle } from '../../components/page-title';
import type { ReceiptState } from './complaint-form-page';
import './complaints.css';

/**
 * Shown once, right after a complaint is filed. The receipt code comes through router state only
 * (never the URL, so it stays out of history lists, logs and referrers).
 */
export function ReceiptPage() {
  const { t } = useTranslation('complaints');
  usePageTitle(t('receipt.title'));
  const location = useLocation();
  const receipt = (location.state as ReceiptState | null)?.receipt;
  const [copied, setCopied] = useState<{ what: 'reference' | 'code'; ok: boolean } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), []);

  if (!receipt) {
    return (
      <>
        <h1>{t('receipt.title')}</h1>
        <p className="notice">{t('receipt.missing')}</p>
        <p>
          <Link to="/complaints/follow-up">{t('receipt.followUp')}</Link>
        </p>
      </>
    );
  }

  const followUpUrl = `${window.location.origin}/complaints/follow-up`;
  const copy = async (what: 'reference' | 'code', text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied({ what, ok: true });
    } catch {
      setCopied({ what, ok: false });
    }
  };
  const download = () => {
    const text = [
      t('receipt.fileTitle'),
      '',
      `${t('receipt.reference')}: ${receipt.reference}`,
      `${t('receipt.code')}: ${receipt.receipt}`,
      `${t('receipt.fileAuthority')}: ${receipt.authority.name} (${countryName(receipt.jurisdiction)})`,
      `${t('receipt.fileFollowUp')}: ${followUpUrl}`,
      '',
      t('receipt.fileWarning'),
      '',
    ].join('\r\n');
    saveBlob(new Blob([text], { type: 'text/plain;charset=utf-8' }), `${receipt.reference}.txt`);
  };
  const copyNote = (what: 'reference' | 'code') =>
    copied?.what === what ? (copied.ok ? t('receipt.copied') : t('receipt.copyFailed')) : '';

  return (
    <div className="receipt stack">
      <h1 ref={headingRef} tabIndex={-1}>
        {t('receipt.title')}
      </h1>
      <p>
        {t('receipt.sentTo', {
          authority: receipt.authority.name,
          country: countryName(receipt.jurisdiction),
        })}
      </p>
      <div className="notice notice-warning">
        <p>
          <strong>{t('receipt.keep')}</strong>
        </p>
      </div>
      <dl className="receipt-codes">
        <div className="card">
          <dt>{t('receipt.reference')}</dt>
          <dd>
            <code className="big-code" data-testid="receipt-reference">
              {receipt.reference}
            </code>
            <button
              type="button"
              className="button-secondary"
              onClick={() => void copy('reference', receipt.reference)}
            >
              {t('receipt.copyReference')}
            </button>
            <span className="copy-note" role="status">
              {copyNote('reference')}
            </span>
          </dd>
        </div>
        <div className="card">
          <dt>{t('receipt.code')}</dt>
          <dd>
            <code className="big-code" data-testid="receipt-code">
              {receipt.receipt}
            </code>
            <button
              type="button"
              className="button-secondary"
              onClick={() => void copy('code', receipt.receipt)}
            >
              {t('receipt.copyCode')}
            </button>
            <span className="copy-note" role="status">
              {copyNote('code')}
            </span>
          </dd>
        </div>
      </dl>
      <p>
        <button type="button" onClick={download}>
          {t('receipt.download')}
        </button>
      </p>
      <h2>{t('receipt.followUp')}</h2>
      <p>{t('receipt.followUpHint')}</p>
      <p>
        <Link to="/complaints/follow-up">{t('receipt.followUp')}</Link>
      </p>
    </div>
  );
}
