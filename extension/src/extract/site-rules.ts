/**
 * How to find job ads on sites without structured data: selectors only, so a site that changes
 * its markup is fixed by editing this list. Each rule names the hosts it applies to; `generic`
 * applies everywhere and catches the usual job-card class names.
 */
export interface SiteRule {
  name: string;
  /** Host names the rule applies to, with their subdomains; empty for every site. */
  hosts: readonly string[];
  /** One element per ad (a result card, or a detail page's header). */
  card: string;
  title: string;
  /** The recruiter or employer named by the ad; a card without one is not taken. */
  company: string;
  /** The ad's own link, when the card has one. */
  link?: string;
  location?: string;
}

export const SITE_RULES: readonly SiteRule[] = [
  {
    name: 'linkedin',
    hosts: ['linkedin.com'],
    card: '.job-card-container, .base-card, .jobs-unified-top-card, .job-details-jobs-unified-top-card__container--two-pane, .top-card-layout',
    title:
      '.job-card-list__title, .base-search-card__title, .jobs-unified-top-card__job-title, .job-details-jobs-unified-top-card__job-title, .top-card-layout__title',
    company:
      '.job-card-container__primary-description, .artdeco-entity-lockup__subtitle, .base-search-card__subtitle, .jobs-unified-top-card__company-name, .job-details-jobs-unified-top-card__company-name, .topcard__org-name-link',
    link: 'a.job-card-list__title, a.base-card__full-link, a.job-card-container__link',
    location:
      '.job-card-container__metadata-item, .job-search-card__location, .topcard__flavor--bullet',
  },
  {
    name: 'indeed',
    hosts: ['indeed.com', 'indeed.co.uk', 'indeed.ie', 'indeed.de', 'indeed.fr', 'indeed.com.ph'],
    card: '.job_seen_beacon, .jobsearch-JobInfoHeader, .jobsearch-ViewJobLayout-jobDisplay',
    title:
      'h2.jobTitle, .jobTitle, [data-testid="jobsearch-JobInfoHeader-title"], .jobsearch-JobInfoHeader-title',
    company:
      '[data-testid="company-name"], .companyName, [data-testid="inlineHeader-companyName"], [data-company-name="true"]',
    link: 'a.jcs-JobTitle, h2.jobTitle a',
    location: '[data-testid="text-location"], .companyLocation',
  },
  {
    name: 'nhs-jobs',
    hosts: ['jobs.nhs.uk', 'healthjobsuk.com'],
    card: '[data-test="search-result"], li.search-result, [data-test="advert-header"]',
    title: '[data-test="search-result-job-title"], [data-test="heading-job-title"], h1, h2 a',
    company: '[data-test="search-result-employer"], [data-test="employer-name"], .employer-name',
    link: 'a[data-test="search-result-job-title"]',
    location: '[data-test="search-result-location"], [data-test="employer-address"]',
  },
  {
    name: 'glassdoor',
    hosts: ['glassdoor.com', 'glassdoor.co.uk', 'glassdoor.ie', 'glassdoor.de'],
    card: 'li[data-test="jobListing"], [data-test="job-details-header"], [class*="JobDetails_jobDetailsHeader"]',
    title: '[data-test="job-title"], [class*="JobCard_jobTitle"], h1',
    company:
      '[class*="EmployerProfile_compactEmployerName"], [data-test="employer-name"], [class*="EmployerProfile_employerName"]',
    link: 'a[data-test="job-title"], a[data-test="job-link"]',
    location: '[data-test="emp-location"], [data-test="location"]',
  },
  {
    name: 'generic',
    hosts: [],
    card: '[data-job-id], .job-card, .jobCard, .job-listing, .job-result, .job-item, .vacancy, .vacancy-card, article.job, li.job',
    title: '.job-title, .jobTitle, [class*="job-title"], .title, h1, h2, h3',
    company:
      '.company, .company-name, .companyName, .employer, .employer-name, .recruiter, .agency, [data-company], [class*="company-name"]',
    link: 'a.job-link, a.job-title, .job-title a, h2 a, h3 a',
    location: '.location, .job-location, [class*="location"]',
  },
];

/** The rules for a page's host name: its own site's rules, then `generic`. */
export function rulesFor(hostname: string): SiteRule[] {
  const host = hostname.toLowerCase();
  return SITE_RULES.filter(
    (rule) =>
      rule.hosts.length === 0 ||
      rule.hosts.some((name) => host === name || host.endsWith(`.${name}`)),
  );
}
