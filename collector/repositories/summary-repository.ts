import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.ts';
import { defaultHeartbeatMs } from './fleet-repository.ts';
import { agentSilentClient } from './silence-repository.ts';

/** Fleet-wide numbers for the overview and the clients page, computed by the database. */
export function summaryRepository(db: Kysely<Database>, now: () => Date) {
  return {
    async overview() {
      const onlineSince = new Date(now().getTime() - defaultHeartbeatMs - 60_000).toISOString();
      const count = async (query: Promise<{ n: unknown } | undefined>) => Number((await query)?.n ?? 0);
      const devices = await count(
        db
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      );
      const online = await count(
        db
          .selectFrom('devices')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('last_seen_at', '>=', onlineSince)
          .executeTakeFirst(),
      );
      const unresolved = db.selectFrom('alerts').where('state', '!=', 'resolved');
      const openAlerts = await count(unresolved.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst());
      const withUnsanctioned = await count(
        unresolved
          .where('client', '!=', agentSilentClient)
          .select((eb) => eb.fn.count('device_id').distinct().as('n'))
          .executeTakeFirst(),
      );
      const silent = await count(
        unresolved
          .where('client', '=', agentSilentClient)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst(),
      );
      return {
        devices,
        online,
        devicesWithUnsanctioned: withUnsanctioned,
        openAlerts,
        silentDevices: silent,
        // Share of devices running no unsanctioned client; 100 for an empty fleet.
        compliancePercent:
          devices === 0 ? 100 : Math.round(((devices - withUnsanctioned) / devices) * 1000) / 10,
      };
    },

    /** Every client currently seen on the fleet, with how many devices have it. */
    async clients() {
      const rows = await db
        .selectFrom('findings')
        .select(['client', (eb) => eb.fn.count('device_id').distinct().as('devices')])
        .where('gone_at', 'is', null)
        .groupBy('client')
        .execute();
      return rows
        .map((r) => ({ client: r.client, devices: Number(r.devices) }))
        .sort((a, b) => b.devices - a.devices || a.client.localeCompare(b.client));
    },
  };
}

export type SummaryRepository = ReturnType<typeof summaryRepository>;
