import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { sessions, users } from '../db/schema';
import type { AuthUser } from '../context';
import { hashToken, newToken } from './tokens';
import type { ReadCache } from '../cache/readCache';

export const SESSION_COOKIE = 'dkbm_session';

export interface SessionTimes {
  ttlMs: number;
  idleMs: number;
}

export async function createSession(db: Db, userId: string, times: SessionTimes): Promise<string> {
  const token = newToken();
  await db.insert(sessions).values({
    id: hashToken(token),
    userId,
    expiresAt: new Date(Date.now() + times.ttlMs).toISOString(),
  });
  return token;
}

/** The session row and its user, or null. */
async function loadSession(db: Db, id: string) {
  const rows = await db
    .select({
      expiresAt: sessions.expiresAt,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      email: users.email,
      displayName: users.displayName,
      isPlatformAdmin: users.isPlatformAdmin,
      active: users.active,
      locale: users.locale,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Resolve a session cookie to its user. A session ends after its absolute lifetime, after the idle
 * time without requests, and when its account is deactivated. With a `cache`, the row is read from it
 * (see ReadCache: this process's changes invalidate it at once, other processes' after its TTL); expiry
 * is checked on every call all the same.
 */
export async function resolveSession(
  db: Db,
  token: string,
  times: SessionTimes,
  cache?: ReadCache,
): Promise<{ sessionId: string; user: AuthUser } | null> {
  const id = hashToken(token);
  const row = cache ? await cache.get(`session:${id}`, () => loadSession(db, id)) : await loadSession(db, id);
  if (!row) return null;
  const now = Date.now();
  const expired = Date.parse(row.expiresAt) <= now || Date.parse(row.lastSeenAt) + times.idleMs <= now;
  if (expired || !row.active) {
    await db.delete(sessions).where(eq(sessions.id, id));
    cache?.invalidate();
    return null;
  }
  // Touch at most once a minute to keep writes low.
  if (now - Date.parse(row.lastSeenAt) > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, id));
    // The cached row is shared: later requests see the touch without reading it again.
    row.lastSeenAt = new Date(now).toISOString();
  }
  return {
    sessionId: id,
    user: {
      id: row.userId,
      email: row.email,
      displayName: row.displayName,
      isPlatformAdmin: row.isPlatformAdmin,
      locale: row.locale === 'en' ? 'en' : 'de',
    },
  };
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteUserSessions(db: Tx, userId: string, exceptSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      exceptSessionId
        ? and(eq(sessions.userId, userId), sql`${sessions.id} <> ${exceptSessionId}`)
        : eq(sessions.userId, userId),
    );
}

export async function purgeExpiredSessions(db: Db, idleMs: number): Promise<void> {
  const idleBefore = new Date(Date.now() - idleMs).toISOString();
  await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, idleBefore)));
}
