import { describe, expect, it } from 'vitest';
import { applyScans, type DeviceState } from '../../../collector/ingest/apply-scans.ts';
import type { Finding } from '../../../shared/index.ts';

const f = (client: string): Finding => ({
  client,
  name: client,
  category: 'irc',
  confidence: 'high',
  running: true,
  installed: true,
  evidence: [],
});
let ids = 0;
const context = {
  at: '2026-11-22T12:00:00.000Z',
  judge: () => ({ alertable: true }) as const,
  newId: () => `a${++ids}`,
};
const empty = (): DeviceState => ({ lastScanAt: null, findings: new Map(), alerts: new Map() });

describe('applyScans', () => {
  it('applies the scans of one batch in scannedAt order whatever order they arrived in', () => {
    const state = empty();
    const result = applyScans(
      state,
      [
        { scannedAt: '2026-11-22T10:10:00.000Z', findings: [] },
        { scannedAt: '2026-11-22T10:00:00.000Z', findings: [f('irssi')] },
        { scannedAt: '2026-11-22T10:05:00.000Z', findings: [] },
      ],
      context,
    );
    expect(state.lastScanAt).toBe('2026-11-22T10:10:00.000Z');
    expect(state.findings.get('irssi')).toMatchObject({
      gone_at: '2026-11-22T10:05:00.000Z',
      absent_scans: 2,
    });
    expect(result.events.map((e) => e.event)).toEqual(['opened', 'resolved']);
    expect(state.alerts.get('irssi')).toMatchObject({ state: 'resolved', resolution: 'removed' });
  });

  it('skips scans not newer than the last one applied', () => {
    const state = { ...empty(), lastScanAt: '2026-11-22T11:00:00.000Z' };
    const result = applyScans(
      state,
      [{ scannedAt: '2026-11-22T10:00:00.000Z', findings: [f('irssi')] }],
      context,
    );
    expect(result.changedFindings.size).toBe(0);
    expect(state.findings.size).toBe(0);
  });

  it('keeps first seen across scans and follows a policy that sanctions the client', () => {
    const state = empty();
    applyScans(state, [{ scannedAt: '2026-11-22T10:00:00.000Z', findings: [f('slack')] }], context);
    const sanctioned = {
      ...context,
      judge: () => ({ alertable: false, cover: 'sanctioned' }) as const,
    };
    const result = applyScans(
      state,
      [{ scannedAt: '2026-11-22T10:05:00.000Z', findings: [f('slack')] }],
      sanctioned,
    );
    expect(state.findings.get('slack')).toMatchObject({
      first_seen_at: '2026-11-22T10:00:00.000Z',
      last_seen_at: '2026-11-22T10:05:00.000Z',
    });
    expect(result.events).toEqual([{ alertId: expect.any(String), client: 'slack', event: 'resolved' }]);
    expect(state.alerts.get('slack')).toMatchObject({ resolution: 'sanctioned' });
  });
});
