import { BENCH_PARTS, readOptions } from './options';

describe('readOptions', () => {
  it('runs every part unless --only names some', () => {
    expect([...readOptions([], {}).only]).toEqual([...BENCH_PARTS]);
    expect([...readOptions(['--smoke', '--only', 'approvals'], {}).only]).toEqual(['approvals']);
    expect([...readOptions(['--only=http,approvals'], {}).only]).toEqual(['http', 'approvals']);
    expect([...readOptions([], { BENCH_ONLY: 'in-process' }).only]).toEqual(['in-process']);
  });

  it('refuses a part it does not know', () => {
    expect(() => readOptions(['--only', 'approval'], {})).toThrow(/not "approval"/);
  });
});
