import { approvalsNeeded, tally } from './tally';

describe('approval tally', () => {
  it('decides "any" by the first vote, either way', () => {
    expect(tally({ mode: 'any' }, { approvers: 3, approved: 0, rejected: 0 })).toBe('pending');
    expect(tally({ mode: 'any' }, { approvers: 3, approved: 1, rejected: 0 })).toBe('approved');
    expect(tally({}, { approvers: 3, approved: 0, rejected: 1 })).toBe('rejected');
  });

  it('needs every approval under "all" and rejects on the first rejection', () => {
    expect(tally({ mode: 'all' }, { approvers: 3, approved: 2, rejected: 0 })).toBe('pending');
    expect(tally({ mode: 'all' }, { approvers: 3, approved: 3, rejected: 0 })).toBe('approved');
    expect(tally({ mode: 'all' }, { approvers: 3, approved: 2, rejected: 1 })).toBe('rejected');
  });

  it('approves a quorum at N approvals and rejects once N can no longer be reached', () => {
    const node = { mode: 'quorum' as const, quorum: 2 };
    expect(tally(node, { approvers: 4, approved: 1, rejected: 2 })).toBe('pending');
    expect(tally(node, { approvers: 4, approved: 2, rejected: 2 })).toBe('approved');
    expect(tally(node, { approvers: 4, approved: 1, rejected: 3 })).toBe('rejected');
    // A quorum larger than the approvers found needs them all rather than never finishing.
    expect(approvalsNeeded(node, 1)).toBe(1);
  });

  it('rounds a percentage up to whole approvers', () => {
    expect(approvalsNeeded({ mode: 'percent', percent: 50 }, 3)).toBe(2);
    expect(approvalsNeeded({ mode: 'percent', percent: 60 }, 5)).toBe(3);
    expect(approvalsNeeded({ mode: 'percent', percent: 100 }, 5)).toBe(5);
    expect(tally({ mode: 'percent', percent: 50 }, { approvers: 4, approved: 2, rejected: 0 })).toBe('approved');
    expect(tally({ mode: 'percent', percent: 75 }, { approvers: 4, approved: 2, rejected: 2 })).toBe('rejected');
  });
});
