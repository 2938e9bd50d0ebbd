import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../collector/repositories/access-repository.ts';
import { dialects, startTestCollector, type TestCollector } from './helpers/test-collector.ts';

const telegram = {
  client: 'telegram',
  name: 'Telegram',
  category: 'consumer-im',
  confidence: 'high',
  running: true,
  installed: true,
  evidence: [{ kind: 'process', pid: 7, name: 'Telegram.exe', user: 'Alice', matched: 'windows.name' }],
};

describe.each(dialects)('policy and exceptions on %s', (dialect) => {
  let c: TestCollector;
  const tokens = {} as Record<Role, string>;
  let deviceId: string;
  let deviceToken: string;
  beforeAll(async () => {
    c = await startTestCollector(dialect);
    for (const role of ['admin', 'helpdesk', 'viewer'] as const)
      tokens[role] = (await c.services.access.createApiToken(role, role)).token;
    const { secret } = await c.services.enrollment.createSecret('t');
    const enrolled = (
      await c.app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        payload: { enrollSecret: secret, device: { hostname: 'ws', os: 'windows', hardwareId: 'HW-P' } },
      })
    ).json();
    deviceId = enrolled.deviceId;
    deviceToken = enrolled.token;
    await scan('2026-11-22T10:00:00Z');
  });
  afterAll(() => c.close());

  const as = (role: Role, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    c.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[role]}` },
      ...(payload ? { payload } : {}),
    });
  async function scan(scannedAt: string) {
    const payload = {
      reportId: randomUUID(),
      kind: 'scan',
      scannedAt,
      agentVersion: '0.1.0',
      catalogVersion: 'x',
      device: { hostname: 'ws', os: 'windows', users: [] },
      findings: [telegram],
    };
    expect(
      (
        await c.app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          headers: { authorization: `Bearer ${deviceToken}` },
          payload,
        })
      ).statusCode,
    ).toBe(202);
  }
  const alert = () =>
    c.database.db
      .selectFrom('alerts')
      .selectAll()
      .where('device_id', '=', deviceId)
      .executeTakeFirstOrThrow();

  it('closes the alert when the help desk grants an exception for the user, and reopens it when the exception expires', async () => {
    expect(await alert()).toMatchObject({ state: 'open' });
    const granted = await as('helpdesk', 'POST', '/api/v1/exceptions', {
      client: 'telegram',
      scope: 'user',
      subject: 'alice',
      reason: 'press office needs Telegram',
      expiresAt: '2026-11-23T10:00:00Z',
    });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().changedAlerts).toBe(1);
    expect(await alert()).toMatchObject({ state: 'resolved', resolution: 'exception' });
    await scan('2026-11-22T10:05:00Z');
    expect(await alert()).toMatchObject({ state: 'resolved', resolution: 'exception' });

    c.clock.now = new Date('2026-11-23T10:00:30Z');
    expect(await c.services.policy.reevaluateExpired(120_000)).toBe(1);
    expect(await alert()).toMatchObject({ state: 'open', times_opened: 2 });
  });

  it('refuses exceptions already expired, and lets only admins set policy', async () => {
    const late = await as('helpdesk', 'POST', '/api/v1/exceptions', {
      client: 'telegram',
      scope: 'device',
      subject: deviceId,
      reason: 'x y z',
      expiresAt: '2026-01-01T00:00:00Z',
    });
    expect(late.statusCode).toBe(400);
    for (const role of ['viewer', 'helpdesk'] as const) {
      expect(
        (await as(role, 'PUT', '/api/v1/policy', { client: 'telegram', state: 'sanctioned' })).statusCode,
      ).toBe(403);
    }
    expect(
      (
        await as('viewer', 'POST', '/api/v1/exceptions', {
          client: 'telegram',
          scope: 'device',
          subject: deviceId,
          reason: 'x y z',
          expiresAt: '2027-01-01T00:00:00Z',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('resolves open alerts when a client is sanctioned, and reopens them when it no longer is', async () => {
    expect(
      (await as('admin', 'PUT', '/api/v1/policy', { client: 'telegram', state: 'sanctioned' })).json(),
    ).toMatchObject({ changedAlerts: 1 });
    expect(await alert()).toMatchObject({ state: 'resolved', resolution: 'sanctioned' });
    const policy = await as('viewer', 'GET', '/api/v1/policy');
    expect(policy.json().rules).toEqual([
      expect.objectContaining({
        client: 'telegram',
        deviceGroup: '',
        state: 'sanctioned',
        updatedBy: 'token:admin',
      }),
    ]);
    await as('admin', 'PUT', '/api/v1/policy', { client: 'telegram', state: 'unsanctioned' });
    expect(await alert()).toMatchObject({ state: 'open' });
    const audit = await c.database.db.selectFrom('audit_log').select('action').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['exception.grant', 'policy.set', 'policy.set']);
  });
});
