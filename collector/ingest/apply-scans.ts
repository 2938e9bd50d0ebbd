import { afterScan, type Finding, type Judgement } from '../../shared/index.ts';
import type { FindingTable } from '../db/database-schema.ts';
import { type AlertRow, alertRowAfter, toAlert } from './alert-rows.ts';

export type { AlertRow };

/**
 * The pure core of ingest: a device's stored findings and alerts, folded with its new scans in
 * `scannedAt` order into the rows to write and the alert events to announce. No I/O, no clock
 * (`at` is passed in), so a batch of reports is one read, this fold, and one write.
 */
/** A stored finding of the device being folded (the table row without its device id). */
export type FindingRow = Omit<FindingTable, 'device_id'>;

export type DeviceState = {
  lastScanAt: string | null;
  findings: Map<string, FindingRow>;
  alerts: Map<string, AlertRow>;
};
export type ScanToApply = { readonly scannedAt: string; readonly findings: readonly Finding[] };
export type AlertEvent = {
  readonly alertId: string;
  readonly client: string;
  readonly event: 'opened' | 'reopened' | 'resolved';
};

export type FoldContext = {
  readonly at: string;
  /** Whether a present client calls for an alert on this device, given the users it was seen with. */
  readonly judge: (client: string, users: readonly string[]) => Judgement;
  readonly newId: () => string;
};

/** Applies the scans newer than the device's last one, oldest first. Returns what changed. */
export function applyScans(state: DeviceState, scans: readonly ScanToApply[], context: FoldContext) {
  const changedFindings = new Set<string>();
  const changedAlerts = new Set<string>();
  const events: AlertEvent[] = [];
  const ordered = scans.toSorted((a, b) =>
    a.scannedAt < b.scannedAt ? -1 : a.scannedAt > b.scannedAt ? 1 : 0,
  );
  for (const scan of ordered) {
    if (state.lastScanAt && scan.scannedAt <= state.lastScanAt) continue;
    state.lastScanAt = scan.scannedAt;
    const reported = new Map(scan.findings.map((f) => [f.client, f]));
    for (const f of reported.values()) {
      const previous = state.findings.get(f.client);
      state.findings.set(f.client, {
        client: f.client,
        name: f.name,
        category: f.category,
        confidence: f.confidence,
        running: f.running ? 1 : 0,
        installed: f.installed ? 1 : 0,
        evidence: JSON.stringify(f.evidence),
        first_seen_at: previous?.first_seen_at ?? scan.scannedAt,
        last_seen_at: scan.scannedAt,
        gone_at: null,
        absent_scans: 0,
      });
      changedFindings.add(f.client);
    }
    for (const row of state.findings.values()) {
      if (reported.has(row.client)) continue;
      row.absent_scans = Math.min(row.absent_scans + 1, 1000);
      row.gone_at ??= scan.scannedAt;
      changedFindings.add(row.client);
    }
    for (const client of state.findings.keys()) {
      const row = state.alerts.get(client);
      const current = row && toAlert(row);
      const finding = reported.get(client);
      const next = afterScan(
        current,
        finding
          ? {
              present: true,
              ...context.judge(
                client,
                finding.evidence.flatMap((e) => (e.user ? [e.user] : [])),
              ),
            }
          : { present: false, absentScans: state.findings.get(client)?.absent_scans ?? 0 },
      );
      if (!next) continue;
      const written = alertRowAfter({ row, client, next, at: context.at, newId: context.newId });
      state.alerts.set(client, written);
      changedAlerts.add(client);
      events.push({ alertId: written.id, client, event: next.event });
    }
  }
  return { changedFindings, changedAlerts, events };
}
