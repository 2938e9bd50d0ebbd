import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../collector/repositories/access-repository.ts';
import { dialects, startTestCollector, type TestCollector } from './helpers/test-collector.ts';

describe.each(dialects)('admin API on %s', (dialect) => {
  let c: TestCollector;
  const tokens = {} as Record<Role, string>;
  let deviceId: string;
  let alertId: string;

  beforeAll(async () => {
    c = await startTestCollector(dialect);
    for (const role of ['admin', 'helpdesk', 'viewer'] as const)
      tokens[role] = (await c.services.access.createApiToken(role, role)).token;
    const { secret } = await c.services.enrollment.createSecret('t');
    const device = { hostname: '<b>laptop-7</b>', os: 'linux' as const, hardwareId: 'HW-A' };
    const enrolled = (
      await c.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: { enrollSecret: secret, device } })
    ).json();
    deviceId = enrolled.deviceId;
    const finding = {
      client: 'irc-protocol',
      name: 'IRC (unknown client)',
      category: 'protocol',
      confidence: 'low',
      running: true,
      installed: false,
      evidence: [{ kind: 'listening-port', port: 6667, matched: 'network.listenPort' }],
    };
    await c.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { authorization: `Bearer ${enrolled.token}` },
      payload: {
        reportId: randomUUID(),
        kind: 'scan',
        scannedAt: '2026-11-22T10:00:00Z',
        agentVersion: '0.1.0',
        catalogVersion: 'x',
        device,
        findings: [finding],
      },
    });
    alertId = (await c.database.db.selectFrom('alerts').select('id').executeTakeFirstOrThrow()).id;
  });
  afterAll(() => c.close());

  const as = (role: Role | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
    c.app.inject({
      method,
      url,
      headers: role ? { authorization: `Bearer ${tokens[role]}` } : {},
      ...(payload ? { payload } : {}),
    });

  it('lists devices with status, current findings and open alerts', async () => {
    const res = await as('viewer', 'GET', '/api/v1/devices?search=LAPTOP');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      total: 1,
      devices: [
        {
          id: deviceId,
          hostname: '<b>laptop-7</b>',
          os: 'linux',
          lastSeenAt: '2026-11-22T10:00:00.000Z',
          status: 'new',
          findings: ['irc-protocol'],
          openAlerts: 1,
        },
      ],
    });
    expect((await as('viewer', 'GET', '/api/v1/devices?search=nothing')).json().total).toBe(0);
  });

  it('shows one device with its evidence, and 404 for another', async () => {
    const res = await as('viewer', 'GET', `/api/v1/devices/${deviceId}`);
    expect(res.json().findings[0]).toMatchObject({
      client: 'irc-protocol',
      evidence: [{ kind: 'listening-port', port: 6667 }],
    });
    expect((await as('viewer', 'GET', `/api/v1/devices/${randomUUID()}`)).statusCode).toBe(404);
    expect((await as('viewer', 'GET', '/api/v1/devices/not-a-uuid')).statusCode).toBe(400);
  });

  it('lets the help desk work an alert, audited, and refuses actions that do not apply', async () => {
    const list = await as('viewer', 'GET', '/api/v1/alerts?state=open');
    expect(list.json()).toMatchObject({
      total: 1,
      alerts: [{ id: alertId, deviceId, client: 'irc-protocol', state: 'open' }],
    });
    expect(
      (await as('helpdesk', 'POST', `/api/v1/alerts/${alertId}/actions`, { type: 'acknowledge' })).json(),
    ).toMatchObject({ state: 'acknowledged' });
    expect(
      (await as('helpdesk', 'POST', `/api/v1/alerts/${alertId}/actions`, { type: 'acknowledge' })).statusCode,
    ).toBe(409);
    const resolved = await as('helpdesk', 'POST', `/api/v1/alerts/${alertId}/actions`, {
      type: 'resolve',
      resolution: 'false-positive',
    });
    expect(resolved.json()).toMatchObject({ state: 'resolved', resolution: 'false-positive' });
    const audit = await c.database.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target'])
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { actor: 'token:helpdesk', action: 'alert.acknowledge', target: alertId },
      { actor: 'token:helpdesk', action: 'alert.resolve', target: alertId },
    ]);
  });

  it('exposes Prometheus metrics to API tokens only, with fleet gauges from the database', async () => {
    expect((await as(undefined, 'GET', '/metrics')).statusCode).toBe(401);
    const text = (await as('viewer', 'GET', '/metrics')).body;
    expect(text).toMatch(/^imscout_devices 1$/m);
    expect(text).toMatch(/^imscout_reports_total\{outcome="accepted"\} 1$/m);
    expect(text).toMatch(
      /^imscout_http_requests_total\{method="POST",route="\/api\/v1\/reports",status="202"\} 1$/m,
    );
  });

  it('documents every contract route in an OpenAPI document generated from the validating schemas', async () => {
    expect((await as(undefined, 'GET', '/api/docs')).statusCode).toBe(401);
    const doc = (await as('viewer', 'GET', '/api/docs')).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/enroll',
      '/api/v1/reports',
      '/api/v1/agent/policy',
      '/api/v1/devices',
      '/api/v1/devices/{id}',
      '/api/v1/alerts',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/reports'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['reportId', 'kind', 'scannedAt', 'agentVersion', 'catalogVersion', 'device']),
    );
  });

  it.each([
    ['GET', '/api/v1/devices', undefined, 401],
    ['GET', '/api/v1/devices', 'viewer', 200],
    ['GET', '/api/v1/alerts', 'helpdesk', 200],
    ['POST', '/api/v1/alerts/{alert}/actions', undefined, 401],
    ['POST', '/api/v1/alerts/{alert}/actions', 'viewer', 403],
    ['POST', '/api/v1/alerts/{alert}/actions', 'admin', 200],
  ] as const)('%s %s as %s → %i', async (method, url, role, status) => {
    const res = await as(
      role,
      method,
      url.replace('{alert}', alertId),
      method === 'POST' ? { type: 'assign', assignee: 'sam' } : undefined,
    );
    expect(res.statusCode).toBe(status === 200 && method === 'POST' ? 409 : status);
    if (status >= 400)
      expect(res.json()).toMatchObject({ error: status === 401 ? 'unauthorized' : 'forbidden' });
  });
});
