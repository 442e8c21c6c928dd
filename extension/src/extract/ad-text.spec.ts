import { squash } from './ad-text.js';

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
