import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const trustProxyOf = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;

describe('TRUST_PROXY', () => {
  it('false (the default) trusts no proxy', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('0')).toBe(false);
  });

  it('true means one proxy hop, never "trust every hop" (the left-most address is client-controlled)', () => {
    expect(trustProxyOf('true')).toBe(1);
  });

  it('takes a number of hops', () => {
    expect(trustProxyOf('2')).toBe(2);
  });

  it('takes proxy addresses and CIDR ranges, comma-separated', () => {
    expect(trustProxyOf('127.0.0.1, 10.0.0.0/8,::1, fd00::/8,loopback')).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('refuses anything else with a German message naming the variable and the bad entry', () => {
    for (const bad of ['vielleicht', '10.0.0.0/33', '127.0.0.1,nginx']) {
      expect(() => trustProxyOf(bad)).toThrow(ConfigError);
      expect(() => trustProxyOf(bad)).toThrow(/TRUST_PROXY: .*ungültig: (vielleicht|10\.0\.0\.0\/33|nginx)/);
    }
  });
});
