import { countryOfUrl } from './complaint-routing.js';

describe(countryOfUrl.name, () => {
  it.each([
    ['https://www.nhsjobs.co.uk/ad/1', 'GB'],
    ['carejobs.com.ph/listing', 'PH'],
    ['https://jobs.example.ng/x', 'NG'],
    ['https://jobs.example.com/x', null],
    ['https://agency.org', null],
    ['not a url at all', null],
    [undefined, null],
  ])('%s → %s', (url, country) => {
    expect(countryOfUrl(url)).toBe(country);
  });
});
