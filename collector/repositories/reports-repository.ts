import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { PolicyState, ReportRequest } from '../../shared/index.ts';
import type { Database } from '../db/database-schema.ts';
import type { DialectName } from '../db/open-database.ts';
import {
  type AlertEvent,
  type AlertRow,
  applyScans,
  type DeviceState,
  type FindingRow,
} from '../ingest/apply-scans.ts';
import { enqueueNotices } from '../notifications/enqueue-notices.ts';
import { type Judge, loadJudges } from './load-judges.ts';
import { resolveSilentAlerts } from './silence-repository.ts';

export type IngestOutcome = 'accepted' | 'duplicate';
export type QueuedReport = { readonly deviceId: string; readonly report: ReportRequest };
export type DeviceAlertEvent = AlertEvent & { readonly deviceId: string };

type Options = {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly now: () => Date;
  /** The catalog's default policy per client id. */
  readonly defaultPolicy: (client: string) => PolicyState;
  /** The catalog's display name per client id, for notifications. */
  readonly clientName: (client: string) => string;
};

/** Rows per multi-row statement: well under SQLite's bound-parameter limit. */
const chunkSize = 400;
const chunks = <T>(list: readonly T[]) =>
  Array.from({ length: Math.ceil(list.length / chunkSize) }, (_, i) =>
    list.slice(i * chunkSize, (i + 1) * chunkSize),
  );

/**
 * Stores agent reports, many per transaction: the report ids first (a repeat is `duplicate`), then
 * the devices' state, read once, folded with their new scans in `scannedAt` order (a late, older
 * scan never overwrites newer state) and written back with a few set-based statements.
 * Reports and devices are taken in id order, so concurrent batches and collectors cannot deadlock.
 */
export function reportsRepository(options: Options) {
  const { db } = options;
  return {
    ingestBatch(
      items: readonly QueuedReport[],
    ): Promise<{ outcomes: IngestOutcome[]; events: DeviceAlertEvent[] }> {
      return db.transaction().execute((trx) => applyBatch(trx, items, options));
    },
  };
}

async function applyBatch(trx: Transaction<Database>, items: readonly QueuedReport[], options: Options) {
  const receivedAt = options.now().toISOString();
  const firstOfId = new Map<string, number>();
  items.forEach((item, i) => {
    if (!firstOfId.has(item.report.reportId)) firstOfId.set(item.report.reportId, i);
  });
  const candidates = [...firstOfId.values()].sort((a, b) =>
    (items[a] as QueuedReport).report.reportId < (items[b] as QueuedReport).report.reportId ? -1 : 1,
  );
  const inserted = new Set<string>();
  for (const part of chunks(candidates)) {
    const rows = await trx
      .insertInto('reports')
      .values(
        part.map((i) => {
          const { deviceId, report } = items[i] as QueuedReport;
          return {
            report_id: report.reportId,
            device_id: deviceId,
            kind: report.kind,
            scanned_at: report.scannedAt,
            received_at: receivedAt,
            finding_count: report.findings?.length ?? 0,
          };
        }),
      )
      .onConflict((oc) => oc.column('report_id').doNothing())
      .returning('report_id')
      .execute();
    for (const row of rows) inserted.add(row.report_id);
  }
  const outcomes: IngestOutcome[] = items.map((item, i) =>
    firstOfId.get(item.report.reportId) === i && inserted.has(item.report.reportId)
      ? 'accepted'
      : 'duplicate',
  );
  const accepted = items.filter((_, i) => outcomes[i] === 'accepted');
  if (accepted.length === 0) return { outcomes, events: [] };

  const deviceIds = [...new Set(accepted.map((a) => a.deviceId))].sort();
  let lock = trx.selectFrom('devices').selectAll().where('id', 'in', deviceIds).orderBy('id');
  if (options.dialect === 'postgres') lock = lock.forUpdate();
  const devices = await lock.execute();

  const scanning = deviceIds.filter((id) =>
    accepted.some((a) => a.deviceId === id && a.report.kind === 'scan'),
  );
  const findingRows = scanning.length
    ? await trx.selectFrom('findings').selectAll().where('device_id', 'in', scanning).execute()
    : [];
  const alertRows = scanning.length
    ? await trx.selectFrom('alerts').selectAll().where('device_id', 'in', scanning).execute()
    : [];
  const judges = scanning.length
    ? await loadJudges(trx, scanning, receivedAt, options.defaultPolicy)
    : new Map<string, Judge>();

  const events: DeviceAlertEvent[] = [];
  const findingWrites: (FindingRow & { device_id: string })[] = [];
  const alertWrites: (AlertRow & { device_id: string })[] = [];
  const deviceWrites = devices.map((device) => {
    const reports = accepted.filter((a) => a.deviceId === device.id).map((a) => a.report);
    const scans = reports
      .filter((r) => r.kind === 'scan')
      .map((r) => ({ ...r, scannedAt: new Date(r.scannedAt).toISOString() }));
    const state: DeviceState = {
      lastScanAt: device.last_scan_at,
      findings: new Map(findingRows.filter((f) => f.device_id === device.id).map((f) => [f.client, f])),
      alerts: new Map(alertRows.filter((a) => a.device_id === device.id).map((a) => [a.client, a])),
    };
    const deviceUsers: string[] = scans.at(-1)?.device.users ?? (JSON.parse(device.users) as string[]);
    const judge = judges.get(device.id) ?? (() => ({ alertable: true }) as const);
    const folded = applyScans(
      state,
      scans.map((s) => ({ scannedAt: s.scannedAt, findings: s.findings ?? [] })),
      {
        at: receivedAt,
        newId: randomUUID,
        judge: (client, users) => judge(client, [...users, ...deviceUsers]),
      },
    );
    for (const client of folded.changedFindings)
      findingWrites.push({ ...(state.findings.get(client) as FindingRow), device_id: device.id });
    for (const client of folded.changedAlerts)
      alertWrites.push({ ...(state.alerts.get(client) as AlertRow), device_id: device.id });
    events.push(...folded.events.map((e) => ({ ...e, deviceId: device.id })));
    const newest =
      state.lastScanAt !== device.last_scan_at
        ? scans.find((s) => s.scannedAt === state.lastScanAt)
        : undefined;
    return {
      ...device,
      last_seen_at: receivedAt,
      ...(newest
        ? {
            last_scan_at: newest.scannedAt,
            hostname: newest.device.hostname,
            os_version: newest.device.osVersion ?? null,
            arch: newest.device.arch ?? null,
            users: JSON.stringify(newest.device.users ?? []),
            agent_version: newest.agentVersion,
            catalog_version: newest.catalogVersion,
          }
        : {}),
    };
  });

  const excluded =
    <K extends string>(columns: readonly K[]) =>
    (eb: { ref: (c: `excluded.${K}`) => unknown }) =>
      Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)]));
  for (const part of chunks(deviceWrites)) {
    const columns = [
      'hostname',
      'os_version',
      'arch',
      'users',
      'agent_version',
      'catalog_version',
      'last_seen_at',
      'last_scan_at',
    ] as const;
    await trx
      .insertInto('devices')
      .values(part)
      .onConflict((oc) => oc.column('id').doUpdateSet(excluded(columns) as never))
      .execute();
  }
  for (const part of chunks(findingWrites)) {
    const columns = [
      'name',
      'category',
      'confidence',
      'running',
      'installed',
      'evidence',
      'first_seen_at',
      'last_seen_at',
      'gone_at',
      'absent_scans',
    ] as const;
    await trx
      .insertInto('findings')
      .values(part)
      .onConflict((oc) => oc.columns(['device_id', 'client']).doUpdateSet(excluded(columns) as never))
      .execute();
  }
  for (const part of chunks(alertWrites)) {
    const columns = [
      'state',
      'resolution',
      'assignee',
      'opened_at',
      'updated_at',
      'resolved_at',
      'times_opened',
    ] as const;
    await trx
      .insertInto('alerts')
      .values(part)
      .onConflict((oc) => oc.columns(['device_id', 'client']).doUpdateSet(excluded(columns) as never))
      .execute();
  }
  await resolveSilentAlerts(trx, deviceIds, receivedAt);
  const hostnames = new Map(deviceWrites.map((d) => [d.id, d.hostname]));
  await enqueueNotices(
    trx,
    events
      .filter((e) => e.event !== 'resolved')
      .map((e) => ({
        event: e.event === 'opened' ? 'alert.opened' : 'alert.reopened',
        alertId: e.alertId,
        client: e.client,
        clientName: options.clientName(e.client),
        deviceId: e.deviceId,
        hostname: hostnames.get(e.deviceId) ?? '',
        at: receivedAt,
      })),
    receivedAt,
  );
  return { outcomes, events };
}

export type ReportsRepository = ReturnType<typeof reportsRepository>;
