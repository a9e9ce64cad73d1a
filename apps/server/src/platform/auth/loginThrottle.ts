import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { normalizeIP } from '@fastify/rate-limit';

/**
 * Failed sign-ins per account, whatever address they come from (ADR 0003). The first `freeFailures`
 * failures cost nothing; after that every attempt must wait a delay that doubles with each further
 * failure (1 s, 2 s, 4 s … up to `maxDelayMs`), counted from the last failure. Attempts inside the delay
 * are refused without checking the password, so rotating addresses gains nothing. The count is forgotten
 * after `windowMs` without a failure; successful sign-ins are not counted. Kept in this process's memory,
 * at most `maxAccounts` accounts (the oldest are forgotten first).
 */
export class AccountThrottle {
  private readonly failures = new Map<string, { count: number; last: number }>();

  constructor(
    private readonly opts: {
      windowMs: number;
      freeFailures?: number;
      baseDelayMs?: number;
      maxDelayMs?: number;
      maxAccounts?: number;
      now?: () => number;
    },
  ) {}

  private get now() {
    return (this.opts.now ?? Date.now)();
  }

  private current(account: string) {
    const f = this.failures.get(account);
    if (f && this.now - f.last > this.opts.windowMs) {
      this.failures.delete(account);
      return undefined;
    }
    return f;
  }

  private delayAfter(count: number): number {
    const free = this.opts.freeFailures ?? 5;
    if (count < free) return 0;
    const base = this.opts.baseDelayMs ?? 1000;
    return Math.min(this.opts.maxDelayMs ?? 15 * 60_000, base * 2 ** Math.min(30, count - free));
  }

  /** Milliseconds before the next attempt for this account may be checked (0: now). */
  wait(account: string): number {
    const f = this.current(account);
    if (!f) return 0;
    return Math.max(0, f.last + this.delayAfter(f.count) - this.now);
  }

  failed(account: string): void {
    const f = this.current(account);
    const now = this.now;
    this.failures.delete(account); // re-inserted last: the Map's order is the age order
    this.failures.set(account, { count: (f?.count ?? 0) + 1, last: now });
    const max = this.opts.maxAccounts ?? 100_000;
    for (const key of this.failures.keys()) {
      if (this.failures.size <= max) break;
      this.failures.delete(key);
    }
  }
}

/** The normalised account name of a sign-in (e-mail, trimmed, lower case). */
export const accountKey = (email: unknown): string =>
  typeof email === 'string' ? email.trim().toLowerCase() : '';

/**
 * Device cookie (OWASP "device cookies"): after a successful sign-in the browser gets a signed cookie
 * naming the account (as a hash). With it, the account's own browser is not slowed down by failures
 * that others cause from elsewhere; the limit per address and account still applies.
 */
export const DEVICE_COOKIE = 'dkbm_device';
export const deviceValue = (account: string): string =>
  crypto.createHash('sha256').update(`dkbm-device:${account}`).digest('base64url').slice(0, 32);

/** Rate-limit key of a signed-in person's requests (their address when signed out). */
export const perUserKey =
  (scope: string) =>
  (req: FastifyRequest): string =>
    `${scope}|${req.auth ? `user:${req.auth.user.id}` : `ip:${normalizeIP(req.ip)}`}`;
