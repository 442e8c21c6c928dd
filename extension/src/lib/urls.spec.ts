import { absoluteUrl } from './urls.js';

describe('absoluteUrl', () => {
  const page = 'https://jobs.example/search?q=nurse';

  it("makes an address as written absolute against the page's", () => {
    expect(absoluteUrl('/jobs/42', page)).toBe('https://jobs.example/jobs/42');
    expect(absoluteUrl('42', page)).toBe('https://jobs.example/42');
    expect(absoluteUrl('?page=2', page)).toBe('https://jobs.example/search?page=2');
    expect(absoluteUrl('//cdn.example/a', page)).toBe('https://cdn.example/a');
  });

  it('leaves an absolute address, an empty one, and one it cannot resolve as they are', () => {
    expect(absoluteUrl('https://Other.example/a b', page)).toBe('https://Other.example/a b');
    expect(absoluteUrl('mailto:jobs@x.example', page)).toBe('mailto:jobs@x.example');
    expect(absoluteUrl('', page)).toBe('');
    expect(absoluteUrl('/jobs/42', '')).toBe('/jobs/42');
    expect(absoluteUrl('/jobs/42', 'not a url')).toBe('/jobs/42');
  });
});
