import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import type { WebhookFormat } from '../notifications/alert-message.ts';

/** Webhook targets and what was delivered to them. */
export function webhooksRepository(db: Kysely<Database>, now: () => Date) {
  return {
    list() {
      return db
        .selectFrom('webhooks')
        .select(['id', 'name', 'url', 'format', 'created_at'])
        .where('deleted_at', 'is', null)
        .orderBy('created_at')
        .execute();
    },

    async create(hook: { name: string; url: string; format: WebhookFormat }): Promise<string> {
      const id = randomUUID();
      await db
        .insertInto('webhooks')
        .values({ id, ...hook, created_at: now().toISOString(), deleted_at: null })
        .execute();
      return id;
    },

    async remove(id: string): Promise<boolean> {
      const result = await db
        .updateTable('webhooks')
        .set({ deleted_at: now().toISOString() })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Queues a test notice for one webhook; false when it does not exist. */
    async queueTest(id: string): Promise<boolean> {
      const hook = await db
        .selectFrom('webhooks')
        .select('id')
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (!hook) return false;
      const at = now().toISOString();
      const notice = {
        event: 'test',
        alertId: '',
        client: '',
        clientName: '',
        deviceId: '',
        hostname: '',
        at,
      };
      await db
        .insertInto('outbox')
        .values({ webhook_id: id, payload: JSON.stringify(notice), created_at: at, next_attempt_at: at })
        .execute();
      return true;
    },

    /** The latest deliveries of one webhook, newest first, with their state. */
    async deliveries(id: string, limit: number) {
      const rows = await db
        .selectFrom('outbox')
        .selectAll()
        .where('webhook_id', '=', id)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        event: (JSON.parse(r.payload) as { event: string }).event,
        createdAt: r.created_at,
        attempts: r.attempts,
        state: r.delivered_at ? 'delivered' : r.failed_at ? 'failed' : 'pending',
        deliveredAt: r.delivered_at,
        nextAttemptAt: r.delivered_at || r.failed_at ? null : r.next_attempt_at,
        lastStatus: r.last_status,
        lastError: r.last_error,
      }));
    },
  };
}

export type WebhooksRepository = ReturnType<typeof webhooksRepository>;
