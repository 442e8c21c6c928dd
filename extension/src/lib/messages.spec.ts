import { describe, expect, it } from '@jest/globals';
import { pageOf, tabCounts, withFrameCounts, type PageCounts } from './messages.js';

const counts = (red: number, amber: number, green: number, grey = 0): PageCounts => ({
  red,
  amber,
  green,
  grey,
});
const PAGE = 'https://careers.example/jobs';

describe(withFrameCounts.name, () => {
  it("adds a frame's tallies to those of the other frames of the same page", () => {
    let stored = withFrameCounts(undefined, PAGE, 0, counts(0, 1, 2));
    stored = withFrameCounts(stored, PAGE, 7, counts(1, 2, 1, 1));

    expect(tabCounts(stored, PAGE)).toEqual(counts(1, 3, 3, 1));
  });

  it("replaces a frame's tallies when it reports again", () => {
    let stored = withFrameCounts(undefined, PAGE, 7, counts(1, 2, 1));
    stored = withFrameCounts(stored, PAGE, 7, counts(0, 0, 4));

    expect(tabCounts(stored, PAGE)).toEqual(counts(0, 0, 4));
  });

  it('forgets the frames of the page the tab showed before', () => {
    let stored = withFrameCounts(undefined, PAGE, 7, counts(1, 2, 1));
    stored = withFrameCounts(stored, 'https://careers.example/about', 0, counts(0, 0, 1));

    expect(tabCounts(stored, 'https://careers.example/about')).toEqual(counts(0, 0, 1));
    expect(tabCounts(stored, PAGE)).toBeNull();
  });
});

describe(pageOf.name, () => {
  it('leaves out the fragment, which moving about a page changes', () => {
    expect(pageOf(`${PAGE}?q=nurse#job-3`)).toBe(`${PAGE}?q=nurse`);
    expect(pageOf(undefined)).toBe('');
  });
});
