import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { EnrollRequest } from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';
import { hashSecret, newSecret } from '../security/secrets.ts';

export type EnrollResult =
  | { readonly deviceId: string; readonly token: string }
  | { readonly error: 'bad_secret' };

/** Enrollment secrets and device enrollment. Secrets and tokens are stored hashed only. */
export function enrollmentRepository(db: Kysely<Database>, now: () => Date) {
  return {
    async createSecret(name: string): Promise<{ id: string; secret: string }> {
      const secret = newSecret('ies');
      const id = randomUUID();
      await db
        .insertInto('enroll_secrets')
        .values({
          id,
          name,
          secret_hash: hashSecret(secret),
          created_at: now().toISOString(),
          revoked_at: null,
        })
        .execute();
      return { id, secret };
    },

    listSecrets() {
      return db
        .selectFrom('enroll_secrets')
        .select(['id', 'name', 'created_at', 'revoked_at'])
        .orderBy('created_at')
        .execute();
    },

    async revokeSecret(id: string): Promise<boolean> {
      const result = await db
        .updateTable('enroll_secrets')
        .set({ revoked_at: now().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /**
     * Enrolls a device, or re-enrolls the one with the same hardware id: same device id (its
     * history stays), new token (the old one stops working at once).
     */
    async enroll(request: EnrollRequest): Promise<EnrollResult> {
      const secret = await db
        .selectFrom('enroll_secrets')
        .select('id')
        .where('secret_hash', '=', hashSecret(request.enrollSecret))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!secret) return { error: 'bad_secret' };
      const token = newSecret('idt');
      const d = request.device;
      const facts = {
        hostname: d.hostname,
        os: d.os,
        os_version: d.osVersion ?? null,
        arch: d.arch ?? null,
        agent_version: d.agentVersion ?? null,
        token_hash: hashSecret(token),
      };
      return db.transaction().execute(async (trx) => {
        const existing = d.hardwareId
          ? await trx
              .selectFrom('devices')
              .select('id')
              .where('hardware_id', '=', d.hardwareId)
              .executeTakeFirst()
          : undefined;
        if (existing) {
          await trx.updateTable('devices').set(facts).where('id', '=', existing.id).execute();
          return { deviceId: existing.id, token };
        }
        const deviceId = randomUUID();
        await trx
          .insertInto('devices')
          .values({
            id: deviceId,
            hardware_id: d.hardwareId ?? null,
            users: '[]',
            enrolled_at: now().toISOString(),
            ...facts,
          })
          .execute();
        return { deviceId, token };
      });
    },
  };
}

export type EnrollmentRepository = ReturnType<typeof enrollmentRepository>;
