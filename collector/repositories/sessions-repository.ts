import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import { hashSecret, verifyPassword } from '../security/secrets.ts';
import type { Principal, Role } from './access-repository.ts';

/** How long a dashboard session lasts without signing in again. */
export const sessionLifetimeMs = 12 * 60 * 60_000;

export type Session = { readonly principal: Principal; readonly csrfToken: string; readonly email: string };

/** Dashboard sign-in: sessions keyed by a random id the cookie carries; only its hash is stored. */
export function sessionsRepository(db: Kysely<Database>, now: () => Date) {
  return {
    /** A new session for valid credentials, else undefined (the same answer for any failure). */
    async signIn(
      email: string,
      password: string,
    ): Promise<{ sessionId: string; session: Session } | undefined> {
      const user = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .executeTakeFirst();
      // Verify against a dummy hash when the user is unknown, so timing does not tell who exists.
      const ok = await verifyPassword(password, user?.password_hash ?? dummyHash);
      if (!user?.password_hash || !ok) return undefined;
      const sessionId = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(24).toString('base64url');
      await db
        .insertInto('sessions')
        .values({
          id_hash: hashSecret(sessionId),
          user_id: user.id,
          csrf_token: csrfToken,
          created_at: now().toISOString(),
          expires_at: new Date(now().getTime() + sessionLifetimeMs).toISOString(),
        })
        .execute();
      return { sessionId, session: toSession(user, csrfToken) };
    },

    async find(sessionId: string): Promise<Session | undefined> {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['users.id', 'users.email', 'users.role', 'sessions.csrf_token'])
        .where('sessions.id_hash', '=', hashSecret(sessionId))
        .where('sessions.expires_at', '>', now().toISOString())
        .executeTakeFirst();
      return row && toSession(row, row.csrf_token);
    },

    async signOut(sessionId: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', hashSecret(sessionId)).execute();
    },
  };
}

function toSession(user: { id: string; email: string; role: string }, csrfToken: string): Session {
  return {
    principal: { kind: 'user', id: user.id, name: user.email, role: user.role as Role },
    csrfToken,
    email: user.email,
  };
}

/** scrypt of a random password: verifying against it costs what verifying a real one does. */
const dummyHash = 'scrypt$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export type SessionsRepository = ReturnType<typeof sessionsRepository>;
