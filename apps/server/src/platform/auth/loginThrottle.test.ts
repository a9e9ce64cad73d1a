import { describe, expect, it } from 'vitest';
import { AccountThrottle, accountKey } from './loginThrottle';

function throttle(opts: { maxAccounts?: number } = {}) {
  let now = 1_000_000;
  const t = new AccountThrottle({ windowMs: 15 * 60_000, now: () => now, ...opts });
  return { t, advance: (ms: number) => (now += ms) };
}

describe('AccountThrottle', () => {
  it('lets the first five failures through, then makes each attempt wait twice as long as the one before', () => {
    const { t } = throttle();
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      waits.push(t.wait('a@example.org'));
      t.failed('a@example.org');
    }
    waits.push(t.wait('a@example.org'));
    expect(waits).toEqual([0, 0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000]);
  });

  it('counts per account, whatever address the attempts come from, and never delays another account', () => {
    const { t } = throttle();
    for (let i = 0; i < 6; i++) t.failed('opfer@example.org');
    expect(t.wait('opfer@example.org')).toBe(2000);
    expect(t.wait('kollegin@example.org')).toBe(0);
  });

  it('the delay runs from the last failure; after a whole window without failures the count is forgotten', () => {
    const { t, advance } = throttle();
    for (let i = 0; i < 7; i++) t.failed('a@example.org');
    expect(t.wait('a@example.org')).toBe(4000);
    advance(3000);
    expect(t.wait('a@example.org')).toBe(1000);
    advance(15 * 60_000);
    expect(t.wait('a@example.org')).toBe(0);
    t.failed('a@example.org');
    expect(t.wait('a@example.org')).toBe(0);
  });

  it('caps the delay at 15 minutes', () => {
    const { t } = throttle();
    for (let i = 0; i < 40; i++) t.failed('a@example.org');
    expect(t.wait('a@example.org')).toBe(15 * 60_000);
  });

  it('keeps at most maxAccounts accounts, forgetting the oldest first', () => {
    const { t } = throttle({ maxAccounts: 2 });
    for (const a of ['eins', 'zwei', 'drei']) for (let i = 0; i < 6; i++) t.failed(a);
    expect(t.wait('eins')).toBe(0);
    expect(t.wait('zwei')).toBe(2000);
    expect(t.wait('drei')).toBe(2000);
  });

  it('accountKey trims and lower-cases', () => {
    expect(accountKey('  Admin@Musterstadt.Example ')).toBe('admin@musterstadt.example');
    expect(accountKey(undefined)).toBe('');
  });
});
