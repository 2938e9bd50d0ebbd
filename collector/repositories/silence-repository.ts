import { randomUUID } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import { enqueueNotices } from '../notifications/enqueue-notices.ts';

/** The pseudo-client of the alert a device raises when its agent stops reporting. */
export const agentSilentClient = 'agent-silent';

/** A device silent this long (four missed 15-minute heartbeats) raises an `agent-silent` alert. */
export const silentAfterMs = 60 * 60_000;

/** Alerts for agents that stopped reporting, and their end when a report arrives. */
export function silenceRepository(db: Kysely<Database>, now: () => Date) {
  return {
    /** Opens (or reopens) the alert of every device silent past the limit. Idempotent. */
    async openSilentAlerts(): Promise<number> {
      const at = now().toISOString();
      const before = new Date(now().getTime() - silentAfterMs).toISOString();
      return db.transaction().execute(async (trx) => {
        const silent = await trx
          .selectFrom('devices')
          .leftJoin('alerts', (join) =>
            join.onRef('alerts.device_id', '=', 'devices.id').on('alerts.client', '=', agentSilentClient),
          )
          .select([
            'devices.id',
            'devices.hostname',
            'alerts.id as alert_id',
            'alerts.state',
            'alerts.times_opened',
          ])
          .where(sql<string>`coalesce(devices.last_seen_at, devices.enrolled_at)`, '<', before)
          .where((eb) => eb.or([eb('alerts.id', 'is', null), eb('alerts.state', '=', 'resolved')]))
          .execute();
        const notices = [];
        for (const device of silent) {
          const values = {
            state: 'open',
            resolution: null,
            updated_at: at,
            resolved_at: null,
            opened_at: at,
          };
          const alertId = device.alert_id ?? randomUUID();
          notices.push({
            event: device.alert_id ? ('alert.reopened' as const) : ('alert.opened' as const),
            alertId,
            client: agentSilentClient,
            clientName: 'Agent stopped reporting',
            deviceId: device.id,
            hostname: device.hostname,
            at,
          });
          if (device.alert_id) {
            await trx
              .updateTable('alerts')
              .set({ ...values, times_opened: (device.times_opened ?? 0) + 1 })
              .where('id', '=', device.alert_id)
              .execute();
          } else {
            await trx
              .insertInto('alerts')
              .values({
                id: alertId,
                device_id: device.id,
                client: agentSilentClient,
                assignee: null,
                times_opened: 1,
                ...values,
              })
              .execute();
          }
        }
        await enqueueNotices(trx, notices, at);
        return silent.length;
      });
    },
  };
}

/** Inside an ingest transaction: devices that reported are not silent any more. */
export async function resolveSilentAlerts(
  trx: Transaction<Database>,
  deviceIds: readonly string[],
  at: string,
): Promise<void> {
  if (deviceIds.length === 0) return;
  await trx
    .updateTable('alerts')
    .set({ state: 'resolved', resolution: 'removed', updated_at: at, resolved_at: at })
    .where('client', '=', agentSilentClient)
    .where('device_id', 'in', [...deviceIds])
    .where('state', '!=', 'resolved')
    .execute();
}

export type SilenceRepository = ReturnType<typeof silenceRepository>;
