import type { Kysely } from 'kysely';
import { type DeviceStatus, deviceStatus } from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';
import { applyDeviceFilters, type DeviceFilters } from './device-filters.ts';

export type DeviceQuery = DeviceFilters & {
  readonly limit: number;
  readonly offset: number;
  readonly sort?: 'hostname' | 'lastSeenAt' | 'os' | undefined;
  readonly order?: 'asc' | 'desc' | undefined;
};

const sortColumns = { hostname: 'hostname', lastSeenAt: 'last_seen_at', os: 'os' } as const;

/** Heartbeats are due every 15 minutes unless the policy says otherwise (issue: agent service). */
export const defaultHeartbeatMs = 15 * 60_000;

/** Read side of the fleet: devices with their status, current findings and open alerts. */
export function fleetRepository(db: Kysely<Database>, now: () => Date) {
  const status = (row: { enrolled_at: string; last_seen_at: string | null }): DeviceStatus =>
    deviceStatus({
      enrolledAt: Date.parse(row.enrolled_at),
      lastSeenAt: row.last_seen_at ? Date.parse(row.last_seen_at) : undefined,
      now: now().getTime(),
      heartbeatMs: defaultHeartbeatMs,
    });

  return {
    async listDevices(query: DeviceQuery) {
      const base = applyDeviceFilters(db.selectFrom('devices'), query, {
        now: now(),
        heartbeatMs: defaultHeartbeatMs,
      });
      const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [
        { total: number },
      ];
      const rows = await base
        .select(['id', 'hostname', 'os', 'enrolled_at', 'last_seen_at'])
        .orderBy(sortColumns[query.sort ?? 'hostname'], query.order ?? 'asc')
        .orderBy('id')
        .limit(query.limit)
        .offset(query.offset)
        .execute();
      const ids = rows.map((r) => r.id);
      const findings = ids.length
        ? await db
            .selectFrom('findings')
            .select(['device_id', 'client'])
            .where('device_id', 'in', ids)
            .where('gone_at', 'is', null)
            .execute()
        : [];
      const alerts = ids.length
        ? await db
            .selectFrom('alerts')
            .select(['device_id', (eb) => eb.fn.countAll<number>().as('open')])
            .where('device_id', 'in', ids)
            .where('state', '!=', 'resolved')
            .groupBy('device_id')
            .execute()
        : [];
      const openByDevice = new Map(alerts.map((a) => [a.device_id, Number(a.open)]));
      return {
        total: Number(total),
        devices: rows.map((r) => ({
          id: r.id,
          hostname: r.hostname,
          os: r.os,
          lastSeenAt: r.last_seen_at,
          status: status(r),
          findings: findings
            .filter((f) => f.device_id === r.id)
            .map((f) => f.client)
            .sort(),
          openAlerts: openByDevice.get(r.id) ?? 0,
        })),
      };
    },

    /** Replaces a device's groups; false when the device does not exist. */
    async setGroups(id: string, groups: readonly string[]): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const exists = await trx.selectFrom('devices').select('id').where('id', '=', id).executeTakeFirst();
        if (!exists) return false;
        await trx.deleteFrom('device_groups').where('device_id', '=', id).execute();
        const unique = [...new Set(groups)];
        if (unique.length)
          await trx
            .insertInto('device_groups')
            .values(unique.map((g) => ({ device_id: id, group_name: g })))
            .execute();
        return true;
      });
    },

    async currentClients(id: string): Promise<string[]> {
      const rows = await db
        .selectFrom('findings')
        .select('client')
        .where('device_id', '=', id)
        .where('gone_at', 'is', null)
        .execute();
      return rows.map((r) => r.client);
    },

    async device(id: string) {
      const row = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const findings = await db
        .selectFrom('findings')
        .selectAll()
        .where('device_id', '=', id)
        .orderBy('client')
        .execute();
      const alerts = await db
        .selectFrom('alerts')
        .selectAll()
        .where('device_id', '=', id)
        .orderBy('opened_at', 'desc')
        .execute();
      const groups = await db
        .selectFrom('device_groups')
        .select('group_name')
        .where('device_id', '=', id)
        .orderBy('group_name')
        .execute();
      const toFinding = (f: (typeof findings)[number]) => ({
        client: f.client,
        name: f.name,
        category: f.category,
        confidence: f.confidence,
        running: f.running === 1,
        installed: f.installed === 1,
        evidence: JSON.parse(f.evidence) as unknown[],
        firstSeenAt: f.first_seen_at,
        lastSeenAt: f.last_seen_at,
        goneAt: f.gone_at,
      });
      return {
        id: row.id,
        hostname: row.hostname,
        os: row.os,
        osVersion: row.os_version,
        arch: row.arch,
        hardwareId: row.hardware_id,
        users: JSON.parse(row.users) as string[],
        groups: groups.map((g) => g.group_name),
        agentVersion: row.agent_version,
        catalogVersion: row.catalog_version,
        enrolledAt: row.enrolled_at,
        lastSeenAt: row.last_seen_at,
        lastScanAt: row.last_scan_at,
        status: status(row),
        findings: findings.filter((f) => !f.gone_at).map(toFinding),
        history: findings.map(toFinding),
        alerts: alerts.map((a) => ({
          id: a.id,
          client: a.client,
          state: a.state,
          resolution: a.resolution,
          openedAt: a.opened_at,
        })),
      };
    },
  };
}

export type FleetRepository = ReturnType<typeof fleetRepository>;
