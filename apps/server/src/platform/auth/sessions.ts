import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import type { AuthUser } from '../context';
import { hashToken, newToken } from './tokens';

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

/**
 * Resolve a session cookie to its user. A session ends after its absolute lifetime, after the idle
 * time without requests, and when its account is deactivated.
 */
export async function resolveSession(
  db: Db,
  token: string,
  times: SessionTimes,
): Promise<{ sessionId: string; user: AuthUser } | null> {
  const id = hashToken(token);
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
  const row = rows[0];
  if (!row) return null;
  const now = Date.now();
  const expired = Date.parse(row.expiresAt) <= now || Date.parse(row.lastSeenAt) + times.idleMs <= now;
  if (expired || !row.active) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute to keep writes low.
  if (now - Date.parse(row.lastSeenAt) > 60_000) {
    await db
      .update(sessions)
      .set({ lastSeenAt: sql`now()` })
      .where(eq(sessions.id, id));
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

export async function deleteUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<void> {
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
