import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../collector/repositories/access-repository.ts';
import {
  dialects,
  enrollDevice,
  finding,
  sendScan,
  startTestCollector,
  type TestCollector,
} from './helpers/test-collector.ts';

describe.each(dialects)('settings, summaries and notes on %s', (dialect) => {
  let c: TestCollector;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    c = await startTestCollector(dialect);
    for (const role of ['admin', 'helpdesk', 'viewer'] as const)
      tokens[role] = (await c.services.access.createApiToken(role, role)).token;
  });
  afterAll(() => c.close());

  const as = (role: Role, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
    c.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[role]}` },
      ...(payload ? { payload } : {}),
    });

  it('lets admins manage enrollment secrets: a revoked secret enrolls nothing', async () => {
    const created = await as('admin', 'POST', '/api/v1/enroll-secrets', { name: 'laptops' });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json();
    const list = (await as('admin', 'GET', '/api/v1/enroll-secrets')).json().secrets;
    expect(list).toEqual([expect.objectContaining({ id, name: 'laptops', revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(secret);
    const enroll = () =>
      c.app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        payload: { enrollSecret: secret, device: { hostname: 'h', os: 'linux', hardwareId: randomUUID() } },
      });
    expect((await enroll()).statusCode).toBe(201);
    expect((await as('admin', 'DELETE', `/api/v1/enroll-secrets/${id}`)).statusCode).toBe(200);
    expect((await enroll()).statusCode).toBe(401);
  });

  it('lets admins create and revoke API tokens, which stop working at once', async () => {
    const { id, token } = (
      await as('admin', 'POST', '/api/v1/api-tokens', { name: 'script', role: 'viewer' })
    ).json();
    const get = () =>
      c.app.inject({ method: 'GET', url: '/api/v1/overview', headers: { authorization: `Bearer ${token}` } });
    expect((await get()).statusCode).toBe(200);
    await as('admin', 'DELETE', `/api/v1/api-tokens/${id}`);
    expect((await get()).statusCode).toBe(401);
    const log = (await as('admin', 'GET', '/api/v1/audit-log?limit=2')).json().entries;
    expect(log.map((e: { action: string }) => e.action)).toEqual(['token.revoke', 'token.create']);
  });

  it.each(['helpdesk', 'viewer'] as const)('keeps %s out of settings', async (role) => {
    for (const url of ['/api/v1/enroll-secrets', '/api/v1/api-tokens', '/api/v1/audit-log']) {
      expect((await as(role, 'GET', url)).statusCode).toBe(403);
    }
    expect((await as(role, 'POST', '/api/v1/api-tokens', { name: 'x', role: 'admin' })).statusCode).toBe(403);
  });

  it('summarises the fleet and lets the help desk write notes on an alert', async () => {
    const { secret } = (await as('admin', 'POST', '/api/v1/enroll-secrets', { name: 'x' })).json();
    const device = { hostname: 'n1', os: 'linux' as const, hardwareId: 'HW-N' };
    const { token } = await enrollDevice(c, secret, device);
    await sendScan(c, token, {
      device,
      findings: [finding('irssi', 'irc')],
      scannedAt: '2026-11-22T10:00:00Z',
    });
    expect((await as('viewer', 'GET', '/api/v1/overview')).json()).toEqual({
      devices: 2,
      online: 1,
      devicesWithUnsanctioned: 1,
      openAlerts: 1,
      silentDevices: 0,
      compliancePercent: 50,
    });
    expect((await as('viewer', 'GET', '/api/v1/clients')).json().clients).toEqual([
      expect.objectContaining({
        client: 'irssi',
        devices: 1,
        name: 'irssi',
        category: 'irc',
        defaultPolicy: 'unsanctioned',
      }),
    ]);
    const alertId = (await as('viewer', 'GET', '/api/v1/alerts')).json().alerts[0].id;
    expect((await as('viewer', 'POST', `/api/v1/alerts/${alertId}/notes`, { body: 'x' })).statusCode).toBe(
      403,
    );
    expect(
      (await as('helpdesk', 'POST', `/api/v1/alerts/${alertId}/notes`, { body: 'called the user' }))
        .statusCode,
    ).toBe(201);
    expect((await as('viewer', 'GET', `/api/v1/alerts/${alertId}`)).json().notes).toEqual([
      { author: 'token:helpdesk', body: 'called the user', createdAt: '2026-11-22T10:00:00.000Z' },
    ]);
  });
});
