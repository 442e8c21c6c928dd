import { hrefsIn, squash } from './ad-text.js';

describe('squash', () => {
  it.each([
    ['Meridian Care Staffing Ltd', 300, 'Meridian Care Staffing Ltd'],
    ['  Meridian\n\tCare  Staffing ', 300, 'Meridian Care Staffing'],
    ['Care\u00a0Staffing', 300, 'Care Staffing'],
    ['Meridian Care', 8, 'Meridian'],
    [' Meridian Care', 9, 'Meridian '],
  ])('turns %j into one line of at most %i characters', (text, max, expected) => {
    expect(squash(text, max)).toBe(expected);
  });
});

describe('hrefsIn', () => {
  it('reads at most fifty links, leaving out links too long to be a recruiter address', () => {
    const list = document.createElement('div');
    list.innerHTML =
      `<a href="https://tracking.example/${'x'.repeat(2_100)}">long</a>` +
      Array.from({ length: 60 }, (_, i) => `<a href="https://firm${i}.example/">${i}</a>`).join('');
    const hrefs = hrefsIn(list);
    expect(hrefs).toHaveLength(50);
    expect(hrefs[0]).toBe('https://firm0.example/');
  });
});
