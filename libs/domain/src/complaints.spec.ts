import {
  canTransitionComplaint,
  COMPLAINT_OUTCOMES,
  COMPLAINT_STATUSES,
  COMPLAINT_TRANSITIONS,
} from './complaints.js';

describe('the complaint case machine', () => {
  it('walks received → triaged → investigating → an outcome → closed', () => {
    expect(canTransitionComplaint('received', 'triaged')).toBe(true);
    expect(canTransitionComplaint('triaged', 'investigating')).toBe(true);
    for (const outcome of COMPLAINT_OUTCOMES) {
      expect(canTransitionComplaint('investigating', outcome)).toBe(true);
      expect(COMPLAINT_TRANSITIONS[outcome]).toEqual(['closed']);
    }
  });

  it('never reopens a closed case and never skips the investigation to substantiate', () => {
    expect(COMPLAINT_TRANSITIONS.closed).toEqual([]);
    expect(canTransitionComplaint('received', 'substantiated')).toBe(false);
    expect(canTransitionComplaint('triaged', 'substantiated')).toBe(false);
  });

  it('lets every open case be withdrawn, and closes only decided ones', () => {
    for (const status of ['received', 'triaged', 'investigating'] as const) {
      expect(canTransitionComplaint(status, 'withdrawn')).toBe(true);
      expect(canTransitionComplaint(status, 'closed')).toBe(false);
    }
  });

  it('names only known statuses', () => {
    for (const targets of Object.values(COMPLAINT_TRANSITIONS)) {
      for (const target of targets) expect(COMPLAINT_STATUSES).toContain(target);
    }
  });
});
