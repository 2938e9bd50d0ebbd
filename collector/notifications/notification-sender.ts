import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import { type AlertNotice, formatNotice, type WebhookFormat } from './alert-message.ts';

/** After this many failed attempts a notification is given up (and shown as failed). */
export const maxAttempts = 12;
const leaseMs = 30_000;
const requestTimeoutMs = 10_000;

/** Exponential backoff with jitter: 5 s, 10 s, 20 s … capped at an hour, each between 50% and 100%. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
  return Math.round(base * (0.5 + random() / 2));
}

/**
 * Delivers due notifications from the outbox. Rows are claimed with a lease (only rows whose lease
 * ran out can be claimed again, checked in the UPDATE itself), so collectors sharing one database
 * never send the same row at once, and a collector that dies mid-send leaves its rows to others.
 */
export function notificationSender(options: {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  readonly batch?: number;
}) {
  const { db, now } = options;
  return {
    async deliverDue(): Promise<number> {
      const at = now().toISOString();
      const claimed = await db
        .updateTable('outbox')
        .set({ lease_until: new Date(now().getTime() + leaseMs).toISOString(), attempts: sql`attempts + 1` })
        .where('id', 'in', (eb) =>
          eb
            .selectFrom('outbox')
            .select('id')
            .where('delivered_at', 'is', null)
            .where('failed_at', 'is', null)
            .where('next_attempt_at', '<=', at)
            .where((e) => e.or([e('lease_until', 'is', null), e('lease_until', '<', at)]))
            .orderBy('id')
            .limit(options.batch ?? 20),
        )
        // Checked again on the row being updated, so a row another collector just claimed is skipped.
        .where('delivered_at', 'is', null)
        .where('failed_at', 'is', null)
        .where((e) => e.or([e('lease_until', 'is', null), e('lease_until', '<', at)]))
        .returning(['id', 'webhook_id', 'payload', 'attempts'])
        .execute();
      for (const row of claimed) {
        const hook = await db
          .selectFrom('webhooks')
          .select(['url', 'format'])
          .where('id', '=', row.webhook_id)
          .executeTakeFirst();
        let status: number | null = null;
        let error: string | null = null;
        if (hook) {
          try {
            const body = JSON.stringify(
              formatNotice(hook.format as WebhookFormat, JSON.parse(row.payload) as AlertNotice),
            );
            const res = await fetch(hook.url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'user-agent': 'imscout-collector' },
              body,
              signal: AbortSignal.timeout(requestTimeoutMs),
              redirect: 'error',
            });
            status = res.status;
            await res.arrayBuffer().catch(() => undefined);
            if (!res.ok) error = `HTTP ${res.status}`;
          } catch (cause) {
            error = (cause as Error).message.slice(0, 500);
          }
        } else error = 'webhook deleted';
        const done = new Date().toISOString();
        if (!error) {
          await db
            .updateTable('outbox')
            .set({ delivered_at: done, lease_until: null, last_status: status, last_error: null })
            .where('id', '=', row.id)
            .execute();
        } else {
          const giveUp = row.attempts >= maxAttempts || !hook;
          await db
            .updateTable('outbox')
            .set({
              lease_until: null,
              last_status: status,
              last_error: error,
              next_attempt_at: new Date(now().getTime() + backoffMs(row.attempts)).toISOString(),
              ...(giveUp ? { failed_at: done } : {}),
            })
            .where('id', '=', row.id)
            .execute();
        }
      }
      return claimed.length;
    },
  };
}

export type NotificationSender = ReturnType<typeof notificationSender>;
