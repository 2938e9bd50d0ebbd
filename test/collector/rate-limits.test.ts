import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCollector, type TestCollector } from './helpers/test-collector.ts';

describe('rate limits', () => {
  let c: TestCollector;
  beforeAll(async () => {
    c = await startTestCollector('sqlite', {
      rateLimits: { reportsPerDevice: 5, enrollPerIp: 3, adminPerCaller: 4, loginPerIp: 3 },
    });
  });
  afterAll(() => c.close());

  it('limit reports per device, not per collector: another device still gets through', async () => {
    const { secret } = await c.services.enrollment.createSecret('t');
    const enroll = (hardwareId: string) =>
      c.app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        payload: { enrollSecret: secret, device: { hostname: 'h', os: 'linux', hardwareId } },
      });
    const a = (await enroll('A')).json().token;
    const b = (await enroll('B')).json().token;
    const send = (token: string) =>
      c.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          reportId: randomUUID(),
          kind: 'heartbeat',
          scannedAt: '2026-11-22T10:00:00Z',
          agentVersion: '1',
          catalogVersion: '1',
          device: { hostname: 'h', os: 'linux' },
        },
      });
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await send(a)).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429, 429]);
    const limited = await send(a);
    expect(limited.json()).toEqual({
      error: 'rate_limited',
      message: expect.stringMatching(/^more than 5 requests/),
    });
    expect((await send(b)).statusCode).toBe(202);
    // Enrollment is limited per address: three a minute.
    expect((await enroll('C')).statusCode).toBe(201);
    expect((await enroll('D')).statusCode).toBe(429);
  });

  it('limit admin calls per caller', async () => {
    const { token } = await c.services.access.createApiToken('v', 'viewer');
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await c.app.inject({
            method: 'GET',
            url: '/api/v1/devices',
            headers: { authorization: `Bearer ${token}` },
          })
        ).statusCode,
      );
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
