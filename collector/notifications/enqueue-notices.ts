import type { Transaction } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import type { AlertNotice } from './alert-message.ts';

/**
 * Queues notices for every webhook, inside the transaction that opened or reopened the alerts: the
 * alert and its notification are stored together or not at all.
 */
export async function enqueueNotices(
  trx: Transaction<Database>,
  notices: readonly AlertNotice[],
  at: string,
): Promise<void> {
  if (notices.length === 0) return;
  const hooks = await trx.selectFrom('webhooks').select('id').where('deleted_at', 'is', null).execute();
  if (hooks.length === 0) return;
  const rows = hooks.flatMap((hook) =>
    notices.map((notice) => ({
      webhook_id: hook.id,
      payload: JSON.stringify(notice),
      created_at: at,
      next_attempt_at: at,
    })),
  );
  for (let i = 0; i < rows.length; i += 300)
    await trx
      .insertInto('outbox')
      .values(rows.slice(i, i + 300))
      .execute();
}
