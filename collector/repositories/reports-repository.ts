import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import {
  type Alert,
  type AlertState,
  afterScan,
  effectivePolicy,
  type Finding,
  type PolicyState,
  type ReportRequest,
  type Resolution,
} from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';
import type { DialectName } from '../db/open-database.ts';

export type IngestOutcome = 'accepted' | 'duplicate';
export type AlertEvent = {
  readonly alertId: string;
  readonly deviceId: string;
  readonly client: string;
  readonly event: 'opened' | 'reopened' | 'resolved';
};

type Options = {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly now: () => Date;
  /** The catalog's default policy per client id. */
  readonly defaultPolicy: (client: string) => PolicyState;
};

/**
 * Stores agent reports. Each report is one transaction: the report id first (a second copy is a
 * no-op answered `duplicate`), then the device's state. A scan replaces the device's current findings
 * only if it is newer than the last one applied, so a late, older report never overwrites newer state.
 */
export function reportsRepository(options: Options) {
  const { db, now } = options;
  return {
    async ingest(
      deviceId: string,
      report: ReportRequest,
    ): Promise<{ outcome: IngestOutcome; events: AlertEvent[] }> {
      return db.transaction().execute(async (trx) => {
        // Reports of one device are applied one at a time, also across collector processes.
        let lock = trx.selectFrom('devices').select(['last_scan_at']).where('id', '=', deviceId);
        if (options.dialect === 'postgres') lock = lock.forUpdate();
        const device = await lock.executeTakeFirstOrThrow();

        const receivedAt = now().toISOString();
        const inserted = await trx
          .insertInto('reports')
          .values({
            report_id: report.reportId,
            device_id: deviceId,
            kind: report.kind,
            scanned_at: report.scannedAt,
            received_at: receivedAt,
            finding_count: report.findings?.length ?? 0,
          })
          .onConflict((oc) => oc.column('report_id').doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { outcome: 'duplicate', events: [] };

        const scannedAt = new Date(report.scannedAt).toISOString();
        const newer = report.kind === 'scan' && (!device.last_scan_at || scannedAt > device.last_scan_at);
        await trx
          .updateTable('devices')
          .set({
            last_seen_at: receivedAt,
            ...(newer
              ? {
                  last_scan_at: scannedAt,
                  hostname: report.device.hostname,
                  os_version: report.device.osVersion ?? null,
                  arch: report.device.arch ?? null,
                  users: JSON.stringify(report.device.users ?? []),
                  agent_version: report.agentVersion,
                  catalog_version: report.catalogVersion,
                }
              : {}),
          })
          .where('id', '=', deviceId)
          .execute();
        const events = newer ? await applyScan(trx, deviceId, scannedAt, report.findings ?? [], options) : [];
        return { outcome: 'accepted', events };
      });
    },
  };
}

async function applyScan(
  trx: Transaction<Database>,
  deviceId: string,
  scannedAt: string,
  findings: readonly Finding[],
  options: Options,
): Promise<AlertEvent[]> {
  const reported = new Map(findings.map((f) => [f.client, f]));
  const stored = await trx.selectFrom('findings').selectAll().where('device_id', '=', deviceId).execute();
  const storedByClient = new Map(stored.map((row) => [row.client, row]));

  for (const finding of reported.values()) {
    const values = {
      name: finding.name,
      category: finding.category,
      confidence: finding.confidence,
      running: finding.running ? 1 : 0,
      installed: finding.installed ? 1 : 0,
      evidence: JSON.stringify(finding.evidence),
      last_seen_at: scannedAt,
      gone_at: null,
      absent_scans: 0,
    };
    if (storedByClient.has(finding.client)) {
      await trx
        .updateTable('findings')
        .set(values)
        .where('device_id', '=', deviceId)
        .where('client', '=', finding.client)
        .execute();
    } else {
      await trx
        .insertInto('findings')
        .values({ device_id: deviceId, client: finding.client, first_seen_at: scannedAt, ...values })
        .execute();
    }
  }
  const absentScans = new Map<string, number>();
  for (const row of stored) {
    if (reported.has(row.client)) continue;
    const count = Math.min(row.absent_scans + 1, 1000);
    absentScans.set(row.client, count);
    await trx
      .updateTable('findings')
      .set({ absent_scans: count, gone_at: row.gone_at ?? scannedAt })
      .where('device_id', '=', deviceId)
      .where('client', '=', row.client)
      .execute();
  }
  return updateAlerts(trx, deviceId, reported, absentScans, options);
}

async function updateAlerts(
  trx: Transaction<Database>,
  deviceId: string,
  reported: ReadonlyMap<string, Finding>,
  absentScans: ReadonlyMap<string, number>,
  options: Options,
): Promise<AlertEvent[]> {
  const rules = (await trx.selectFrom('policies').selectAll().execute()).map((r) => ({
    client: r.client,
    deviceGroup: r.device_group,
    state: r.state as PolicyState,
  }));
  const alerts = await trx.selectFrom('alerts').selectAll().where('device_id', '=', deviceId).execute();
  const alertByClient = new Map(alerts.map((a) => [a.client, a]));
  const events: AlertEvent[] = [];
  const at = options.now().toISOString();

  for (const client of new Set([...reported.keys(), ...absentScans.keys()])) {
    const row = alertByClient.get(client);
    const current: Alert | undefined = row && {
      state: row.state as AlertState,
      resolution: row.resolution as Resolution | null,
      assignee: row.assignee,
      timesOpened: row.times_opened,
    };
    const policy = effectivePolicy({
      client,
      catalogDefault: options.defaultPolicy(client),
      deviceGroups: [],
      rules,
    });
    const fact = reported.has(client)
      ? { present: true as const, alertable: policy === 'unsanctioned' }
      : { present: false as const, absentScans: absentScans.get(client) ?? 0 };
    const next = afterScan(current, fact);
    if (!next) continue;
    const values = {
      state: next.alert.state,
      resolution: next.alert.resolution,
      assignee: next.alert.assignee,
      times_opened: next.alert.timesOpened,
      updated_at: at,
      resolved_at: next.alert.state === 'resolved' ? at : null,
    };
    let alertId = row?.id;
    if (row) {
      await trx
        .updateTable('alerts')
        .set({ ...values, ...(next.event === 'reopened' ? { opened_at: at } : {}) })
        .where('id', '=', row.id)
        .execute();
    } else {
      alertId = randomUUID();
      await trx
        .insertInto('alerts')
        .values({ id: alertId, device_id: deviceId, client, opened_at: at, ...values })
        .execute();
    }
    events.push({ alertId: alertId as string, deviceId, client, event: next.event });
  }
  return events;
}

export type ReportsRepository = ReturnType<typeof reportsRepository>;
