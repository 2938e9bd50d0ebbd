import type { Kysely } from 'kysely';
import { type DeviceStatus, deviceStatus } from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';

export type DeviceQuery = {
  readonly limit: number;
  readonly offset: number;
  readonly search?: string | undefined;
  readonly os?: string | undefined;
};

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
      let base = db.selectFrom('devices');
      // lower() on both sides: SQLite's LIKE ignores case, PostgreSQL's does not.
      const search = query.search?.toLowerCase().replace(/[%_]/g, '');
      if (search) base = base.where((eb) => eb(eb.fn('lower', ['hostname']), 'like', `%${search}%`));
      if (query.os) base = base.where('os', '=', query.os);
      const [{ total }] = (await base.select((eb) => eb.fn.countAll<number>().as('total')).execute()) as [
        { total: number },
      ];
      const rows = await base
        .select(['id', 'hostname', 'os', 'enrolled_at', 'last_seen_at'])
        .orderBy('hostname')
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
