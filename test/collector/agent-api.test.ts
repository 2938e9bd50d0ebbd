import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/index.ts';
import { dialects, startTestCollector, type TestCollector } from './helpers/test-collector.ts';

const telegram: Finding = {
  client: 'telegram',
  name: 'Telegram',
  category: 'consumer-im',
  confidence: 'high',
  running: true,
  installed: true,
  evidence: [{ kind: 'process', pid: 4242, name: 'Telegram.exe', matched: 'windows.originalFilename' }],
};
const device = {
  hostname: 'WS-0142',
  os: 'windows' as const,
  osVersion: '10.0.22631',
  arch: 'x64',
  hardwareId: 'HW-1',
  agentVersion: '0.1.0',
};

describe.each(dialects)('agent API on %s', (dialect) => {
  let c: TestCollector;
  let secret: string;
  beforeAll(async () => {
    c = await startTestCollector(dialect, { bodyLimit: 64 * 1024 });
    secret = (await c.services.enrollment.createSecret('test')).secret;
  });
  afterAll(() => c.close());

  const enroll = (body: object) => c.app.inject({ method: 'POST', url: '/api/v1/enroll', payload: body });
  const report = (token: string, body: object, headers: Record<string, string> = {}) =>
    c.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { authorization: `Bearer ${token}`, ...headers },
      payload: body as never,
    });
  const scan = (findings: Finding[], scannedAt: string, reportId = randomUUID()) => ({
    reportId,
    kind: 'scan',
    scannedAt,
    agentVersion: '0.1.0',
    catalogVersion: '2026.11.1',
    device,
    findings,
  });
  const count = async (table: 'reports' | 'findings' | 'alerts') =>
    Number(
      (
        await c.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const alertFor = (deviceId: string) =>
    c.database.db
      .selectFrom('alerts')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('client', '=', 'telegram')
      .executeTakeFirst();

  it('refuses a wrong enrollment secret', async () => {
    const res = await enroll({ enrollSecret: 'ies_wrong', device });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'bad_secret', message: 'unknown or revoked enrollment secret' });
  });

  it('enrolls, and re-enrolls the same hardware as the same device with a new token', async () => {
    const first = await enroll({ enrollSecret: secret, device });
    expect(first.statusCode).toBe(201);
    const second = await enroll({ enrollSecret: secret, device });
    expect(second.json().deviceId).toBe(first.json().deviceId);
    expect(second.json().token).not.toBe(first.json().token);
    expect((await report(first.json().token, scan([], '2026-11-22T09:00:00Z'))).statusCode).toBe(401);
    expect((await report(second.json().token, scan([], '2026-11-22T09:00:00Z'))).statusCode).toBe(202);
    const clone = await enroll({ enrollSecret: secret, device: { ...device, hardwareId: 'HW-CLONE' } });
    expect(clone.json().deviceId).not.toBe(first.json().deviceId);
  });

  it('stores a report once, opens one alert, and follows the client until it is gone and back', async () => {
    const { deviceId, token } = (
      await enroll({ enrollSecret: secret, device: { ...device, hardwareId: 'HW-2' } })
    ).json();
    const body = scan([telegram], '2026-11-22T10:00:00Z');
    expect((await report(token, body)).json()).toEqual({ status: 'accepted' });
    const again = await report(token, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ status: 'duplicate' });
    expect(await alertFor(deviceId)).toMatchObject({ state: 'open', times_opened: 1 });

    await report(token, scan([telegram], '2026-11-22T10:05:00Z'));
    const alerts = await c.database.db
      .selectFrom('alerts')
      .select('id')
      .where('device_id', '=', deviceId)
      .execute();
    expect(alerts).toHaveLength(1);

    await report(token, scan([], '2026-11-22T10:10:00Z'));
    expect(await alertFor(deviceId)).toMatchObject({ state: 'open' });
    await report(token, scan([], '2026-11-22T10:15:00Z'));
    expect(await alertFor(deviceId)).toMatchObject({ state: 'resolved', resolution: 'removed' });

    await report(token, scan([telegram], '2026-11-22T10:20:00Z'));
    expect(await alertFor(deviceId)).toMatchObject({ state: 'open', times_opened: 2, resolution: null });
  });

  it('never lets an older scan overwrite newer state', async () => {
    const { deviceId, token } = (
      await enroll({ enrollSecret: secret, device: { ...device, hardwareId: 'HW-3' } })
    ).json();
    await report(token, scan([telegram], '2026-11-22T12:00:00Z'));
    expect((await report(token, scan([], '2026-11-22T11:00:00Z'))).json()).toEqual({ status: 'accepted' });
    const row = await c.database.db
      .selectFrom('findings')
      .selectAll()
      .where('device_id', '=', deviceId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ client: 'telegram', gone_at: null, absent_scans: 0 });
  });

  it('applies concurrent reports of one device consistently, newest state last', async () => {
    const { deviceId, token } = (
      await enroll({ enrollSecret: secret, device: { ...device, hardwareId: 'HW-4' } })
    ).json();
    const times = Array.from({ length: 12 }, (_, i) => `2026-11-22T13:${String(i).padStart(2, '0')}:00Z`);
    const results = await Promise.all(
      times.map((t, i) => report(token, scan(i === 11 ? [telegram] : [], t))),
    );
    expect(results.map((r) => r.statusCode)).toEqual(times.map(() => 202));
    const d = await c.database.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', deviceId)
      .executeTakeFirstOrThrow();
    expect(d.last_scan_at).toBe('2026-11-22T13:11:00.000Z');
    expect(
      await c.database.db
        .selectFrom('findings')
        .select('client')
        .where('device_id', '=', deviceId)
        .where('gone_at', 'is', null)
        .execute(),
    ).toEqual([{ client: 'telegram' }]);
  });

  it('accepts gzip bodies and heartbeats that change no findings', async () => {
    const { deviceId, token } = (
      await enroll({ enrollSecret: secret, device: { ...device, hardwareId: 'HW-5' } })
    ).json();
    const gz = gzipSync(JSON.stringify(scan([telegram], '2026-11-22T14:00:00Z')));
    const res = await c.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      payload: gz,
    });
    expect(res.statusCode).toBe(202);
    const heartbeat = { ...scan([], '2026-11-22T14:05:00Z'), kind: 'heartbeat', findings: undefined };
    expect((await report(token, heartbeat)).statusCode).toBe(202);
    const current = await c.database.db
      .selectFrom('findings')
      .select('client')
      .where('device_id', '=', deviceId)
      .where('gone_at', 'is', null)
      .execute();
    expect(current).toEqual([{ client: 'telegram' }]);
  });

  it('refuses invalid and oversized bodies with a clear 4xx, storing nothing', async () => {
    const { token } = (
      await enroll({ enrollSecret: secret, device: { ...device, hardwareId: 'HW-6' } })
    ).json();
    const before = await count('reports');
    const bad = await report(token, {
      ...scan([telegram], '2026-11-22T15:00:00Z'),
      findings: [{ ...telegram, confidence: 'certain' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('invalid_body');
    expect(bad.json().message).toMatch(/^findings\[0\]\.confidence: /);
    const huge = await report(
      token,
      scan(
        [
          {
            ...telegram,
            evidence: Array.from({ length: 200 }, () => ({ kind: 'process', matched: 'x'.repeat(400) })),
          },
        ],
        '2026-11-22T15:01:00Z',
      ),
    );
    expect(huge.statusCode).toBe(413);
    const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 32));
    const res = await c.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      payload: bomb,
    });
    expect(res.statusCode).toBe(413);
    expect(await count('reports')).toBe(before);
  });

  it('raises one agent-silent alert for a device that stops reporting, and ends it when it reports again', async () => {
    const { deviceId, token } = (
      await enroll({ enrollSecret: secret, device: { ...device, hardwareId: 'HW-SILENT' } })
    ).json();
    c.clock.now = new Date('2026-11-22T10:00:00Z');
    await report(token, scan([], '2026-11-22T10:00:00Z'));
    const silentAlert = () =>
      c.database.db
        .selectFrom('alerts')
        .selectAll()
        .where('device_id', '=', deviceId)
        .where('client', '=', 'agent-silent')
        .executeTakeFirst();
    c.clock.now = new Date('2026-11-22T10:30:00Z');
    await c.services.silence.openSilentAlerts();
    expect(await silentAlert()).toBeUndefined();
    c.clock.now = new Date('2026-11-22T11:30:00Z');
    await c.services.silence.openSilentAlerts();
    await c.services.silence.openSilentAlerts();
    expect(await silentAlert()).toMatchObject({ state: 'open', times_opened: 1 });
    await report(token, { ...scan([], '2026-11-22T11:31:00Z'), kind: 'heartbeat' });
    expect(await silentAlert()).toMatchObject({ state: 'resolved', resolution: 'removed' });
    c.clock.now = new Date('2026-11-22T10:00:00Z');
  });

  it('serves the agent policy with an ETag and answers 304 when unchanged', async () => {
    const { token } = (
      await enroll({ enrollSecret: secret, device: { ...device, hardwareId: 'HW-7' } })
    ).json();
    const first = await c.app.inject({
      method: 'GET',
      url: '/api/v1/agent/policy',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ scanCron: '*/5 * * * *', heartbeatCron: '*/15 * * * *' });
    const etag = first.headers.etag as string;
    const second = await c.app.inject({
      method: 'GET',
      url: '/api/v1/agent/policy',
      headers: { authorization: `Bearer ${token}`, 'if-none-match': etag },
    });
    expect(second.statusCode).toBe(304);
    expect((await c.app.inject({ method: 'GET', url: '/api/v1/agent/policy' })).statusCode).toBe(401);
  });
});
