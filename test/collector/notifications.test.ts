import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs } from '../../collector/notifications/notification-sender.ts';
import {
  dialects,
  enrollDevice,
  finding,
  sendScan,
  startTestCollector,
  type TestCollector,
} from './helpers/test-collector.ts';

/** A webhook receiver on this machine: answers with the queued status codes, records bodies. */
function receiver() {
  const bodies: unknown[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  return { bodies, statuses, server };
}

describe.each(dialects)('notifications on %s', (dialect) => {
  let c: TestCollector;
  let admin: string;
  const hook = receiver();
  let url: string;
  beforeAll(async () => {
    c = await startTestCollector(dialect);
    admin = (await c.services.access.createApiToken('admin', 'admin')).token;
    await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(hook.server.address() as { port: number }).port}/hook`;
  });
  afterAll(async () => {
    hook.server.close();
    await c.close();
  });

  const api = (method: 'GET' | 'POST', path: string, payload?: object) =>
    c.app.inject({
      method,
      url: path,
      headers: { authorization: `Bearer ${admin}` },
      ...(payload ? { payload } : {}),
    });

  it('sends new alerts to a Slack webhook from the outbox, retrying after a failure', async () => {
    const { id } = (
      await api('POST', '/api/v1/webhooks', { name: 'it-alerts', url, format: 'slack' })
    ).json();
    const { secret } = await c.services.enrollment.createSecret('t');
    const device = { hostname: 'ws-*evil*<b>', os: 'windows' as const, hardwareId: 'HW-W' };
    const { token } = (
      await c.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { enrollSecret: secret, device } })
    ).json();
    await sendScan(c, token, { device, findings: [finding('telegram')], scannedAt: '2026-11-22T10:00:00Z' });

    hook.statuses.push(500);
    expect(await c.services.notifications.deliverDue()).toBe(1);
    let deliveries = (await api('GET', `/api/v1/webhooks/${id}/deliveries`)).json().deliveries;
    expect(deliveries[0]).toMatchObject({
      event: 'alert.opened',
      state: 'pending',
      attempts: 1,
      lastStatus: 500,
      lastError: 'HTTP 500',
    });
    // Not due again before its backoff.
    expect(await c.services.notifications.deliverDue()).toBe(0);

    c.clock.now = new Date(c.clock.now.getTime() + 60_000);
    expect(await c.services.notifications.deliverDue()).toBe(1);
    deliveries = (await api('GET', `/api/v1/webhooks/${id}/deliveries`)).json().deliveries;
    expect(deliveries[0]).toMatchObject({ state: 'delivered', attempts: 2, lastStatus: 200 });
    expect(hook.bodies.at(-1)).toEqual({
      text: expect.stringContaining('New alert: Telegram found on ws-\\*evil\\*\\<b\\>'),
    });
  });

  it('sends a test notification on request', async () => {
    const { id } = (await api('POST', '/api/v1/webhooks', { name: 'json', url, format: 'json' })).json();
    expect((await api('POST', `/api/v1/webhooks/${id}/test`)).statusCode).toBe(202);
    await c.services.notifications.deliverDue();
    expect(hook.bodies.at(-1)).toMatchObject({ source: 'imscout', event: 'test' });
    expect((await api('POST', `/api/v1/webhooks/${randomUUID()}/test`)).statusCode).toBe(404);
  });

  it('notifies about an alert that a policy change opens, not only about scans', async () => {
    const { secret } = await c.services.enrollment.createSecret('p');
    const device = { hostname: 'zoom-box', os: 'macos' as const, hardwareId: 'HW-Z' };
    const { token } = await enrollDevice(c, secret, device);
    // Zoom is monitored by default: the scan opens nothing.
    await sendScan(c, token, {
      device,
      findings: [finding('zoom', 'conferencing')],
      scannedAt: c.clock.now.toISOString(),
    });
    await c.services.notifications.deliverDue();
    const before = hook.bodies.length;
    expect(
      (
        await c.app.inject({
          method: 'PUT',
          url: '/api/v1/policy',
          headers: { authorization: `Bearer ${admin}` },
          payload: { client: 'zoom', state: 'unsanctioned' },
        })
      ).json().changedAlerts,
    ).toBe(1);
    await c.services.notifications.deliverDue();
    const sent = hook.bodies.slice(before);
    expect(sent).toContainEqual({
      text: expect.stringContaining('New alert: Zoom Workplace found on zoom-box'),
    });
  });

  it('refuses webhook URLs that are not http(s)', async () => {
    expect((await api('POST', '/api/v1/webhooks', { name: 'x', url: 'file:///etc/passwd' })).statusCode).toBe(
      400,
    );
  });
});

describe('backoff', () => {
  it('doubles from 5 s up to an hour, with jitter between half and all of it', () => {
    expect(backoffMs(1, () => 1)).toBe(5_000);
    expect(backoffMs(3, () => 1)).toBe(20_000);
    expect(backoffMs(3, () => 0)).toBe(10_000);
    expect(backoffMs(30, () => 1)).toBe(3_600_000);
  });
});
