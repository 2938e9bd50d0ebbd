import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dialects,
  enrollDevice,
  finding,
  sendScan,
  startTestCollector,
  type TestCollector,
} from './helpers/test-collector.ts';

describe.each(dialects)('device list, groups and exports on %s', (dialect) => {
  let c: TestCollector;
  let admin: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    c = await startTestCollector(dialect);
    admin = (await c.services.access.createApiToken('admin', 'admin')).token;
    const { secret } = await c.services.enrollment.createSecret('t');
    const zoom = finding('zoom', 'conferencing');
    const irssi = finding('irssi', 'irc');
    const devices = [
      { hostname: '=HYPERLINK("http://x")', os: 'windows' as const, findings: [irssi] },
      { hostname: 'mac-1', os: 'macos' as const, findings: [zoom] },
      { hostname: 'linux-1', os: 'linux' as const, findings: [] },
    ];
    for (const [i, d] of devices.entries()) {
      c.clock.now = new Date(Date.UTC(2026, 10, 20, 10, i));
      const device = { hostname: d.hostname, os: d.os, hardwareId: `HW-${i}` };
      const { deviceId, token } = await enrollDevice(c, secret, device);
      ids[d.hostname] = deviceId;
      await sendScan(c, token, { device, findings: d.findings, scannedAt: c.clock.now.toISOString() });
    }
    c.clock.now = new Date(Date.UTC(2026, 10, 22, 10, 0));
  });
  afterAll(() => c.close());

  const get = (url: string) =>
    c.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${admin}` } });
  const hostnames = async (query: string) =>
    (await get(`/api/v1/devices?${query}`)).json().devices.map((d: { hostname: string }) => d.hostname);

  it('filters by client, findings, status and OS, and sorts both ways', async () => {
    expect(await hostnames('client=zoom')).toEqual(['mac-1']);
    expect(await hostnames('hasFindings=false')).toEqual(['linux-1']);
    expect(await hostnames('status=offline&sort=hostname&order=desc')).toEqual([
      'mac-1',
      'linux-1',
      '=HYPERLINK("http://x")',
    ]);
    expect(await hostnames('status=online')).toEqual([]);
    expect(await hostnames('os=macos')).toEqual(['mac-1']);
    expect(await hostnames('sort=lastSeenAt&order=desc&limit=1')).toEqual(['linux-1']);
    expect((await get('/api/v1/devices?status=asleep')).statusCode).toBe(400);
  });

  it('puts devices in groups, whose policy then applies to them', async () => {
    const mac = ids['mac-1'] as string;
    // Zoom is monitored by default: no alert. A stricter policy for the contractors group opens one.
    await c.app.inject({
      method: 'PUT',
      url: '/api/v1/policy',
      headers: { authorization: `Bearer ${admin}` },
      payload: { client: 'zoom', deviceGroup: 'contractors', state: 'unsanctioned' },
    });
    expect((await get(`/api/v1/devices/${mac}`)).json().alerts).toEqual([]);
    const res = await c.app.inject({
      method: 'PUT',
      url: `/api/v1/devices/${mac}/groups`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { groups: ['contractors'] },
    });
    expect(res.json()).toEqual({ groups: ['contractors'], changedAlerts: 1 });
    const detail = (await get(`/api/v1/devices/${mac}`)).json();
    expect(detail.groups).toEqual(['contractors']);
    expect(detail.alerts).toEqual([expect.objectContaining({ client: 'zoom', state: 'open' })]);
    expect(await hostnames('group=contractors')).toEqual(['mac-1']);
  });

  it('exports CSV that a spreadsheet will not run as formulas', async () => {
    const res = await get('/api/v1/devices.csv?sort=hostname');
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('id,hostname,os,status,lastSeenAt,findings,openAlerts');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(lines).toHaveLength(4);
    const alerts = await get('/api/v1/alerts.csv?state=open');
    expect(alerts.body.split('\n')[0]).toBe(
      'id,hostname,client,state,resolution,assignee,openedAt,updatedAt,timesOpened',
    );
  });
});

describe.each(dialects)('the alert queue on %s', (dialect) => {
  let c: TestCollector;
  let token: string;
  beforeAll(async () => {
    c = await startTestCollector(dialect);
    token = (await c.services.access.createApiToken('desk', 'helpdesk')).token;
    const { secret } = await c.services.enrollment.createSecret('t');
    // Opened in this order; irc-protocol (unsanctioned, no risk facts) ranks below telegram (unsanctioned, files).
    for (const [i, f] of [finding('telegram'), finding('irc-protocol', 'protocol')].entries()) {
      c.clock.now = new Date(Date.UTC(2026, 10, 22, 8 + i));
      const device = { hostname: `q${i}`, os: 'linux' as const, hardwareId: `Q${i}` };
      const { token: deviceToken } = await enrollDevice(c, secret, device);
      await sendScan(c, deviceToken, { device, findings: [f], scannedAt: c.clock.now.toISOString() });
    }
    c.clock.now = new Date(Date.UTC(2026, 10, 22, 12));
  });
  afterAll(() => c.close());

  const get = (url: string) =>
    c.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const clients = async (query: string) =>
    (await get(`/api/v1/alerts?${query}`)).json().alerts.map((a: { client: string }) => a.client);

  it('puts the riskiest first by default, the newest first on request, and filters by age', async () => {
    expect(await clients('')).toEqual(['telegram', 'irc-protocol']);
    expect(await clients('sort=newest')).toEqual(['irc-protocol', 'telegram']);
    expect(await clients('olderThanHours=3.5')).toEqual(['telegram']);
  });

  it('acts on many alerts at once, reporting each one', async () => {
    const ids = (await get('/api/v1/alerts')).json().alerts.map((a: { id: string }) => a.id);
    const missing = randomUUID();
    const res = await c.app.inject({
      method: 'POST',
      url: '/api/v1/alerts/actions',
      headers: { authorization: `Bearer ${token}` },
      payload: { ids: [...ids, missing], action: { type: 'assign', assignee: 'sam' } },
    });
    expect(res.json().results).toEqual([
      { id: ids[0], ok: true, state: 'open' },
      { id: ids[1], ok: true, state: 'open' },
      { id: missing, ok: false, error: 'not_found' },
    ]);
    expect(await clients('assignee=sam')).toHaveLength(2);
    await c.app.inject({
      method: 'POST',
      url: `/api/v1/alerts/${ids[0]}/actions`,
      headers: { authorization: `Bearer ${token}` },
      payload: { type: 'acknowledge' },
    });
    const again = await c.app.inject({
      method: 'POST',
      url: '/api/v1/alerts/actions',
      headers: { authorization: `Bearer ${token}` },
      payload: { ids, action: { type: 'acknowledge' } },
    });
    expect(again.json().results.map((r: { ok: boolean }) => r.ok)).toEqual([false, true]);
  });
});
