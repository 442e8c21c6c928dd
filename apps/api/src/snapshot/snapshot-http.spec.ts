import { describe, expect, it } from '@jest/globals';
import { acceptsGzip, matchesEtag } from './snapshot-http.js';

describe(acceptsGzip.name, () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8', true],
    ['x-gzip', true],
    ['*', true],
    ['GZIP', true],
    [undefined, false],
    ['', false],
    ['identity', false],
    ['br, deflate', false],
    ['gzip;q=0', false],
    ['*, gzip;q=0', false],
    ['*;q=0', false],
    ['gzip;q=abc', false],
  ])('answers %j with %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});

describe(matchesEtag.name, () => {
  it.each([
    ['"7"', true],
    ['W/"7"', true],
    ['"6", "7"', true],
    ['*', true],
    ['"6"', false],
    ['"77"', false],
    ['7', false],
    [undefined, false],
  ])('finds "7" in %j: %s', (header, expected) => {
    expect(matchesEtag(header, '"7"')).toBe(expected);
  });
});
