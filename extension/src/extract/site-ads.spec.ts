import { readProbe } from '../background/ad-contacts.js';
import { extractBySiteRule, type CardCache, type CardClaims } from './site-ads.js';
import { SITE_RULES } from './site-rules.js';
import type { ExtractedAd } from './types.js';

const GENERIC = SITE_RULES.find((rule) => rule.name === 'generic')!;

const everyCard: CardClaims = { isTaken: () => false, claim: () => true };

function page(company: string, link: string): Document {
  return new DOMParser().parseFromString(
    `<ol><li class="job-card"><h2 class="job-title"><a href="${link}">Staff Nurse</a></h2>
      <div class="company">${company}</div><p>Apply at jobs@meridiancare.example.</p></li></ol>`,
    'text/html',
  );
}

describe('extractBySiteRule with a card cache', () => {
  it('gives the same ad for a card whose text and links have not changed', () => {
    const doc = page('Meridian Care Staffing Ltd', 'https://www.meridiancare.example/jobs/1');
    const cache: CardCache = new WeakMap();
    const [first] = extractBySiteRule(doc, GENERIC, everyCard, cache);
    const [again] = extractBySiteRule(doc, GENERIC, everyCard, cache);
    expect(again).toBe(first);
    expect(first.organizationName).toBe('Meridian Care Staffing Ltd');
    expect(first.links).toEqual(['https://www.meridiancare.example/jobs/1']);
    expect(readProbe(first)?.ad).toMatchObject({
      emails: ['jobs@meridiancare.example'],
      domains: ['meridiancare.example'],
    });
  });

  it('reads a card again when its text or one of its links changes', () => {
    const doc = page('Meridian Care Staffing Ltd', 'https://www.meridiancare.example/jobs/1');
    const cache: CardCache = new WeakMap();
    const read = (): ExtractedAd => extractBySiteRule(doc, GENERIC, everyCard, cache)[0];
    const first = read();

    doc.querySelector('.company')!.textContent = 'Harbour Nursing Agency Ltd';
    const renamed = read();
    expect(renamed).not.toBe(first);
    expect(renamed.organizationName).toBe('Harbour Nursing Agency Ltd');

    doc.querySelector('a')!.setAttribute('href', 'https://harbournursing.example/jobs/2');
    const relinked = read();
    expect(relinked).not.toBe(renamed);
    expect(readProbe(relinked)?.ad.domains).toEqual([
      'harbournursing.example',
      'meridiancare.example',
    ]);
  });
});
