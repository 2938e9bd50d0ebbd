import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import { hashPassword, hashSecret, newSecret } from '../security/secrets.ts';

export const roles = ['admin', 'helpdesk', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Who is calling: an API token or a dashboard user, with the role the server enforces. */
export type Principal = {
  readonly kind: 'token' | 'user';
  readonly id: string;
  readonly name: string;
  readonly role: Role;
};

/** API tokens for scripts and dashboard users. Secrets are stored hashed only. */
export function accessRepository(db: Kysely<Database>, now: () => Date) {
  return {
    async createApiToken(name: string, role: Role): Promise<{ id: string; token: string }> {
      const token = newSecret('iat');
      const id = randomUUID();
      await db
        .insertInto('api_tokens')
        .values({
          id,
          name,
          role,
          token_hash: hashSecret(token),
          created_at: now().toISOString(),
          revoked_at: null,
        })
        .execute();
      return { id, token };
    },

    async principalForToken(token: string): Promise<Principal | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'role'])
        .where('token_hash', '=', hashSecret(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row && { kind: 'token', id: row.id, name: row.name, role: row.role as Role };
    },

    listApiTokens() {
      return db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'role', 'created_at', 'revoked_at'])
        .orderBy('created_at')
        .execute();
    },

    async revokeApiToken(id: string): Promise<boolean> {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    auditLog(limit: number, offset: number) {
      return db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('id', 'desc')
        .limit(limit)
        .offset(offset)
        .execute();
    },

    async addUser(email: string, role: Role, password: string | undefined): Promise<{ id: string }> {
      const id = randomUUID();
      await db
        .insertInto('users')
        .values({
          id,
          email: email.toLowerCase(),
          role,
          password_hash: password ? await hashPassword(password) : null,
          created_at: now().toISOString(),
        })
        .execute();
      return { id };
    },

    async audit(
      actor: Principal | string,
      action: string,
      target: string,
      detail: object = {},
    ): Promise<void> {
      const who = typeof actor === 'string' ? actor : `${actor.kind}:${actor.name}`;
      await db
        .insertInto('audit_log')
        .values({ at: now().toISOString(), actor: who, action, target, detail: JSON.stringify(detail) })
        .execute();
    },
  };
}

export type AccessRepository = ReturnType<typeof accessRepository>;
