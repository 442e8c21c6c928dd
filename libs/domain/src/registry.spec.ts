import fc from 'fast-check';
import { canTransition, effectiveStatus, STORED_STATUSES, STATUS_TRANSITIONS } from './registry.js';

describe('the status machine', () => {
  it.each([
    ['pending', 'authorized'],
    ['pending', 'refused'],
    ['authorized', 'suspended'],
    ['authorized', 'revoked'],
    ['suspended', 'authorized'],
    ['suspended', 'revoked'],
  ] as const)('allows %s → %s', (from, to) => expect(canTransition(from, to)).toBe(true));

  it('allows nothing else', () => {
    const allowed = Object.values(STATUS_TRANSITIONS).reduce((n, list) => n + list.length, 0);
    const all = STORED_STATUSES.flatMap((from) =>
      STORED_STATUSES.filter((to) => canTransition(from, to)),
    );
    expect(all).toHaveLength(allowed);
    expect(allowed).toBe(6);
    expect(canTransition('revoked', 'authorized')).toBe(false);
    expect(canTransition('refused', 'pending')).toBe(false);
  });
});

describe(effectiveStatus.name, () => {
  it('is expired the day after the authorization period ends, not on its last day', () => {
    expect(effectiveStatus('authorized', '2026-11-26', '2026-11-27')).toBe('expired');
    expect(effectiveStatus('authorized', '2026-11-27', '2026-11-27')).toBe('authorized');
    expect(effectiveStatus('authorized', null, '2026-11-27')).toBe('authorized');
  });

  it('never turns a suspended, revoked, refused or pending record into expired', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('pending', 'refused', 'suspended', 'revoked' as const),
        fc.date(),
        (status, until) => {
          const day = Number.isNaN(until.getTime()) ? null : until.toISOString().slice(0, 10);
          expect(effectiveStatus(status, day, '2026-11-27')).toBe(status);
        },
      ),
    );
  });
});
