import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractLicenceNumbers, extractPhones } from '@fair-recruit/matching';
import { readProbe } from '../background/ad-contacts.js';
import { extractAds } from './extract-ads.js';
import type { ExtractedAd } from './types.js';

const FIXTURES = join(process.cwd(), 'test/fixtures/job-sites');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** The fixture as a document, scripts not run: what a page without JavaScript shows. */
function parse(name: string): Document {
  return new DOMParser().parseFromString(fixture(name), 'text/html');
}

/** The fixture loaded into this test's window with its inline scripts run, as a browser would. */
function load(name: string): Document {
  const html = fixture(name);
  document.documentElement.innerHTML = new DOMParser()
    .parseFromString(html, 'text/html')
    .documentElement.innerHTML.replace(/<script(?![^>]*ld\+json)[\s\S]*?<\/script>/g, '');
  // jest-environment-jsdom runs inserted scripts, as a page would.
  for (const [, code] of html.matchAll(/<script>([\s\S]*?)<\/script>/g)) {
    const script = document.createElement('script');
    script.textContent = code;
    document.body.append(script);
  }
  return document;
}

/** The ad as the worker reads it from what the page sends: its contacts found. */
function read(ad: ExtractedAd) {
  const found = readProbe(ad);
  if (!found) throw new Error(`nothing to check in ${ad.title}`);
  return found.ad;
}

function summary(ads: ExtractedAd[]) {
  return ads.map((ad) => ({
    source: ad.source,
    organizationName: ad.organizationName,
    title: ad.title,
  }));
}

beforeAll(() => {
  // jsdom has no IntersectionObserver; the infinite-scroll fixture only needs it to exist.
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = class {
    observe() {}
    disconnect() {}
  };
});

describe('extractAds', () => {
  describe('JSON-LD', () => {
    it('reads a detail page: recruiter, website, e-mail, phone, licence and country', () => {
      const [ad, ...rest] = extractAds(parse('jsonld-detail.html'), {
        hostname: 'carejobs.example',
      });
      expect(rest).toEqual([]);
      expect(ad).toMatchObject({
        source: 'json-ld',
        organizationName: 'Meridian Care Staffing Ltd',
        title: 'Registered Nurse (Band 5), Acute Medicine',
        jobCountry: 'GB',
      });
      expect(read(ad).emails).toEqual(['careers@meridiancare.example']);
      // Phones and licence numbers written in the text are read by the matcher, from the text sent.
      expect(extractLicenceNumbers(ad.text)).toEqual(['GBREC1042']);
      expect(extractPhones(ad.text)).toEqual(['+442079460018']);
      expect(read(ad).domains).toContain('meridiancare.example');
      expect(ad.anchor.tagName).toBe('H1');
      expect(ad.text).toContain('free of charge to candidates');
    });

    it('finds the JobPosting inside @graph and skips a malformed block', () => {
      const ads = extractAds(parse('jsonld-graph.html'), { hostname: 'jobs.example' });
      expect(summary(ads)).toEqual([
        {
          source: 'json-ld',
          organizationName: 'Harbour Nursing Agency Ltd',
          title: 'ICU Staff Nurse – relocation package',
        },
      ]);
      expect(ads[0]).toMatchObject({
        url: 'https://jobs.example/icu-nurse-4411',
        jobCountry: 'GB',
      });
      expect(read(ads[0]).domains).toEqual(['harbournursing.example']);
      expect(extractLicenceNumbers(ads[0].text)).toEqual(['GBREC2077']);
    });

    it('keeps a posting that names no one when its text gives a licence or phone number', () => {
      const doc = parse('not-a-job.html');
      const script = doc.createElement('script');
      script.type = 'application/ld+json';
      script.textContent = JSON.stringify([
        { '@type': 'JobPosting', title: 'Nurse A', description: 'Licence GB-REC-1042.' },
        { '@type': 'JobPosting', title: 'Nurse B', description: 'Call +44 20 7946 0018.' },
        { '@type': 'JobPosting', title: 'Nurse C', description: 'Apply today.' },
      ]);
      doc.head.append(script);
      for (const title of ['Nurse A', 'Nurse B', 'Nurse C']) {
        const heading = doc.createElement('h2');
        heading.textContent = title;
        doc.body.append(heading);
      }
      // The page sends all three; the worker finds nothing to check in the third (no badge).
      const ads = extractAds(doc, { hostname: 'x.example' });
      expect(ads.map((ad) => ad.title)).toEqual(['Nurse A', 'Nurse B', 'Nurse C']);
      expect(ads.map((ad) => readProbe(ad) !== null)).toEqual([true, true, false]);
    });

    it('reads a top-level array of postings', () => {
      const doc = parse('not-a-job.html');
      const script = doc.createElement('script');
      script.type = 'application/ld+json';
      script.textContent = JSON.stringify([
        { '@type': 'JobPosting', title: 'Nurse A', hiringOrganization: { name: 'Alpha Care' } },
        { '@type': 'JobPosting', title: 'Nurse B', hiringOrganization: 'Beta Care' },
      ]);
      doc.head.append(script);
      for (const title of ['Nurse A', 'Nurse B']) {
        const heading = doc.createElement('h2');
        heading.textContent = title;
        doc.body.append(heading);
      }
      expect(summary(extractAds(doc, { hostname: 'x.example' }))).toEqual([
        { source: 'json-ld', organizationName: 'Alpha Care', title: 'Nurse A' },
        { source: 'json-ld', organizationName: 'Beta Care', title: 'Nurse B' },
      ]);
    });
  });

  it('reads microdata postings, nested organization or plain text', () => {
    const ads = extractAds(parse('microdata-list.html'), { hostname: 'healthcareers.example' });
    expect(summary(ads)).toEqual([
      {
        source: 'microdata',
        organizationName: 'Meridian Care Staffing Ltd',
        title: 'Theatre Nurse',
      },
      {
        source: 'microdata',
        organizationName: 'Quickfly Overseas Placements',
        title: 'Care Assistant – sponsorship available',
      },
      {
        source: 'microdata',
        organizationName: 'Meridian Kare Staffing',
        title: 'Community Midwife',
      },
    ]);
    expect(ads[0].jobCountry).toBe('GB');
    expect(read(ads[0]).domains).toEqual(['meridiancare.example']);
    expect(read(ads[1]).emails).toEqual(['quickflyjobs@gmail.com']);
    expect(read(ads[1]).domains).toEqual([]);
  });

  it('reads every card of a search-result list without structured data', () => {
    const ads = extractAds(parse('search-results.html'), { hostname: 'medstaff.example' });
    expect(summary(ads)).toEqual([
      {
        source: 'site-rule',
        organizationName: 'Meridian Care Staffing Ltd',
        title: 'Staff Nurse – Cardiology',
      },
      {
        source: 'site-rule',
        organizationName: 'Harbour Nursing Agency Ltd',
        title: 'ICU Nurse – fast track',
      },
      {
        source: 'site-rule',
        organizationName: 'Quickfly Overseas Placements',
        title: 'Nurses wanted for UK hospitals',
      },
      {
        source: 'site-rule',
        organizationName: 'Meridian Kare Staffing',
        title: 'Midwife – community team',
      },
    ]);
    expect(ads[0]).toMatchObject({ jobCountry: 'GB', rule: 'generic' });
    expect(read(ads[0]).domains).toEqual(['meridiancare.example']);
    expect(extractLicenceNumbers(ads[1].text)).toEqual(['GBREC2077']);
    expect(read(ads[2]).emails).toEqual(['quickflyjobs@gmail.com']);
  });

  it('takes each card with a link of its own as an ad, even with the same recruiter and title', () => {
    const card = (id: string, href: string) =>
      `<li class="job-card" data-job-id="${id}"><h2 class="job-title"><a href="${href}">Staff Nurse</a></h2>` +
      `<div class="company">Meridian Care Staffing Ltd</div></li>`;
    const posting = JSON.stringify({
      '@context': 'https://schema.org',
      '@type': 'JobPosting',
      title: 'Midwife',
      hiringOrganization: { '@type': 'Organization', name: 'Harbour Nursing Agency Ltd' },
    });
    const doc = new DOMParser().parseFromString(
      `<script type="application/ld+json">${posting}</script><ol>` +
        card('1', '/jobs/1') +
        card('2', '/jobs/2') +
        // The same ad shown twice (a featured slot and the list), and a posting's own card.
        card('3', '/jobs/2') +
        '<li class="job-card"><h2 class="job-title">Midwife</h2><div class="company">Harbour Nursing Agency Ltd</div></li></ol>',
      'text/html',
    );
    const ads = extractAds(doc, { hostname: 'medstaff.example' });
    expect(ads.map((ad) => [ad.source, ad.title])).toEqual([
      ['json-ld', 'Midwife'],
      ['site-rule', 'Staff Nurse'],
      ['site-rule', 'Staff Nurse'],
    ]);
    expect(ads[1].url).toMatch(/\/jobs\/1$/);
    expect(ads[2].url).toMatch(/\/jobs\/2$/);
  });

  it("sends a card's link as written, which the worker resolves against the page's address", () => {
    const doc = load('search-results.html');
    const [ad] = extractAds(doc, { hostname: 'medstaff.example' });
    expect(ad.url).toBe('/jobs/9001');
    expect(read(ad).url).toBe(new URL('/jobs/9001', document.location.href).href);
    // A `<base>` other than the page's own address: the page resolves its links, as the browser does.
    const base = document.createElement('base');
    base.href = 'https://elsewhere.example/board/';
    document.head.append(base);
    try {
      const [based] = extractAds(doc, { hostname: 'medstaff.example' });
      expect(based.url).toBe('https://elsewhere.example/jobs/9001');
      expect(read(based).url).toBe('https://elsewhere.example/jobs/9001');
    } finally {
      base.remove();
    }
  });

  it('finds the cards an infinite-scroll list appends', () => {
    const doc = load('infinite-scroll.html');
    expect(summary(extractAds(doc, { hostname: 'care.example' }))).toHaveLength(1);
    const appendPage = (window as unknown as { appendPage: () => void }).appendPage;
    appendPage();
    appendPage();
    expect(extractAds(doc, { hostname: 'care.example' }).map((ad) => ad.organizationName)).toEqual([
      'Meridian Care Staffing Ltd',
      'Harbour Nursing Agency Ltd',
      'Quickfly Overseas Placements',
      'Meridian Kare Staffing',
    ]);
  });

  it('follows a single-page app that swaps the ad in place', async () => {
    window.location.hash = '';
    const doc = load('spa.html');
    const before = extractAds(doc, { hostname: 'app.example' });
    expect(summary(before)).toEqual([
      {
        source: 'site-rule',
        organizationName: 'Meridian Care Staffing Ltd',
        title: 'Paediatric Nurse',
      },
    ]);
    window.location.hash = '#/jobs/2';
    await new Promise((resolve) => setTimeout(resolve, 0));
    const after = extractAds(doc, { hostname: 'app.example' });
    expect(summary(after)).toEqual([
      {
        source: 'site-rule',
        organizationName: 'Harbour Nursing Agency Ltd',
        title: 'Theatre Practitioner',
      },
    ]);
    expect(before[0].anchor.isConnected).toBe(false);
  });

  it('reads a vacancy page with no structured data, webmail included', () => {
    const ads = extractAds(parse('no-structured-data.html'), { hostname: 'vacancies.example' });
    expect(summary(ads)).toEqual([
      {
        source: 'site-rule',
        organizationName: 'Quickfly Overseas Placements',
        title: 'Registered Mental Health Nurse',
      },
    ]);
    expect(ads[0].jobCountry).toBe('GB');
    expect(read(ads[0]).emails).toEqual(['quickfly.recruit@yahoo.com']);
    expect(ads[0].text).toContain('We keep your passport');
  });

  it('finds nothing on a page that is not a job page', () => {
    expect(extractAds(parse('not-a-job.html'), { hostname: 'nursingblog.example' })).toEqual([]);
  });

  describe('per-site rules', () => {
    it.each([
      [
        'linkedin.html',
        'www.linkedin.com',
        'linkedin',
        ['Meridian Care Staffing Ltd', 'Harbour Nursing Agency Ltd'],
      ],
      [
        'indeed.html',
        'uk.indeed.com',
        'indeed',
        ['Meridian Care Staffing Ltd', 'Quickfly Overseas Placements'],
      ],
      [
        'nhs-jobs.html',
        'www.jobs.nhs.uk',
        'nhs-jobs',
        ['Harbour Nursing Agency Ltd', 'Meridian Care Staffing Ltd'],
      ],
      ['glassdoor.html', 'www.glassdoor.co.uk', 'glassdoor', ['Quickfly Overseas Placements']],
    ])('reads %s on %s with the %s rule', (page, hostname, rule, recruiters) => {
      const ads = extractAds(parse(page), { hostname });
      expect(ads.map((ad) => ad.organizationName)).toEqual(recruiters);
      expect(ads.every((ad) => ad.rule === rule && ad.title !== '')).toBe(true);
    });

    it('applies a site rule only on its own site', () => {
      expect(extractAds(parse('linkedin.html'), { hostname: 'evil.example' })).toEqual([]);
    });

    it('takes the ad link and licence from an Indeed or Glassdoor card', () => {
      const indeed = extractAds(parse('indeed.html'), { hostname: 'uk.indeed.com' });
      expect(indeed[1].text).toContain('Processing fee of £400');
      const [glassdoor] = extractAds(parse('glassdoor.html'), { hostname: 'www.glassdoor.co.uk' });
      expect(glassdoor.url).toBe('https://www.glassdoor.co.uk/job-listing/nurse-1009');
      expect(extractLicenceNumbers(glassdoor.text)).toEqual(['GBREC9999']);
    });
  });

  describe('hostile pages', () => {
    it('survives malformed and absurd JSON-LD and reads thousands of cards', () => {
      const doc = load('hostile.html');
      const ads = extractAds(doc, { hostname: 'hostile.example' });
      const cards = ads.filter((ad) => ad.source === 'site-rule');
      expect(cards).toHaveLength(2000);
      expect(cards[1999].organizationName).toBe('Quickfly Overseas Placements 49');
    });

    it('leaves alone the elements it is told to ignore', () => {
      const doc = parse('search-results.html');
      const ignored = doc.querySelector('[data-job-id="9002"]')!;
      const ads = extractAds(doc, {
        hostname: 'medstaff.example',
        ignore: (element) => element === ignored || ignored.contains(element),
      });
      expect(ads.map((ad) => ad.organizationName)).not.toContain('Harbour Nursing Agency Ltd');
      expect(ads).toHaveLength(3);
    });
  });
});
