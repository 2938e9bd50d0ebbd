import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, startTestCollector, type TestCollector } from './helpers/test-collector.ts';

/**
 * Malformed and hostile report bodies: whatever arrives, the answer is a 4xx with the error shape,
 * nothing is stored, and the server keeps serving.
 */
const valid = {
  reportId: randomUUID(),
  kind: 'scan',
  scannedAt: '2026-11-22T10:00:00Z',
  agentVersion: '0.1.0',
  catalogVersion: 'x',
  device: { hostname: 'h', os: 'linux' },
  findings: [
    {
      client: 'irssi',
      name: 'irssi',
      category: 'irc',
      confidence: 'high',
      running: true,
      installed: true,
      evidence: [],
    },
  ],
};

/** Mutations of a valid report: one field replaced by anything, or the whole body replaced. */
const hostileBody = fc.oneof(
  fc.anything(),
  fc.json(),
  fc
    .record({ key: fc.constantFrom(...Object.keys(valid)), value: fc.anything() })
    .map(({ key, value }) => ({ ...valid, reportId: 'x', [key]: value })),
  fc.anything().map((value) => ({
    ...valid,
    reportId: randomUUID(),
    findings: [{ ...valid.findings[0], evidence: [value] }],
    scannedAt: 'yesterday',
  })),
  fc.string().map((s) => `{"reportId": "${s}"`),
);

describe.each(dialects)('ingest under hostile input on %s', (dialect) => {
  let c: TestCollector;
  let token: string;
  beforeAll(async () => {
    // Limits run before validation; this suite sends hundreds of bodies from one device on purpose.
    c = await startTestCollector(dialect, {
      rateLimits: { reportsPerDevice: 100_000, enrollPerIp: 100, adminPerCaller: 100, loginPerIp: 100 },
    });
    const { secret } = await c.services.enrollment.createSecret('t');
    token = (
      await c.app.inject({
        method: 'POST',
        url: '/api/v1/enroll',
        payload: { enrollSecret: secret, device: valid.device },
      })
    ).json().token;
  });
  afterAll(() => c.close());

  it('answers every malformed body with a 4xx and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody, async (body) => {
        const payload = typeof body === 'string' ? body : JSON.stringify(body === undefined ? null : body);
        const res = await c.app.inject({
          method: 'POST',
          url: '/api/v1/reports',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload,
        });
        expect(res.statusCode, payload.slice(0, 200)).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(Object.keys(res.json()).sort()).toEqual(['error', 'message']);
      }),
      { numRuns: dialect === 'sqlite' ? 300 : 100 },
    );
    const stored = await c.database.db.selectFrom('reports').select('report_id').execute();
    expect(stored).toEqual([]);
    expect((await c.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('answers corrupt gzip and unknown encodings with a 4xx', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const corrupt = await c.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...headers, 'content-encoding': 'gzip' },
      payload: Buffer.from('not gzip at all'),
    });
    expect(corrupt.statusCode).toBe(400);
    const br = await c.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: { ...headers, 'content-encoding': 'br' },
      payload: '{}',
    });
    expect(br.statusCode).toBe(415);
  });
});
