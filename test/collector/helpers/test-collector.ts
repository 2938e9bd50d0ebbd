import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { buildApp } from '../../../collector/app.ts';
import { type DatabaseHandle, type DialectName, openDatabase } from '../../../collector/db/open-database.ts';
import type { RateLimits } from '../../../collector/plugins/rate-limits.ts';
import { createServices, type Services } from '../../../collector/services.ts';

export const postgresAdminUrl =
  process.env.IMSCOUT_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type TestCollector = {
  readonly app: FastifyInstance;
  readonly services: Services;
  readonly database: DatabaseHandle;
  /** Moves the collector's clock. */
  readonly clock: { now: Date };
  readonly close: () => Promise<void>;
};

/** A fresh database of each dialect: a new SQLite file, or a new PostgreSQL database dropped afterwards. */
export async function freshDatabase(
  dialect: DialectName,
): Promise<{ url?: string; dataDir: string; drop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'imscout-collector-'));
  if (dialect === 'sqlite')
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const name = `imscout_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = postgresAdminUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    dataDir,
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startTestCollector(
  dialect: DialectName,
  options: { bodyLimit?: number; rateLimits?: RateLimits } = {},
): Promise<TestCollector> {
  const fresh = await freshDatabase(dialect);
  const database = await openDatabase({ databaseUrl: fresh.url, dataDir: fresh.dataDir });
  const clock = { now: new Date('2026-11-22T10:00:00.000Z') };
  const services = createServices({ database, now: () => clock.now });
  const app = await buildApp(services, options);
  return {
    app,
    services,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.db.destroy();
      await fresh.drop();
    },
  };
}

export const dialects: DialectName[] = ['sqlite', 'postgres'];

type DeviceFacts = {
  readonly hostname: string;
  readonly os: 'windows' | 'macos' | 'linux';
  readonly hardwareId: string;
};

/** A finding as agents report it, with no evidence unless given. */
export function finding(client: string, category = 'consumer-im', evidence: object[] = []) {
  return { client, name: client, category, confidence: 'high', running: true, installed: true, evidence };
}

/** Enrolls a device through the agent API. */
export async function enrollDevice(
  c: TestCollector,
  secret: string,
  device: DeviceFacts,
): Promise<{ deviceId: string; token: string }> {
  const res = await c.app.inject({
    method: 'POST',
    url: '/api/v1/enroll',
    payload: { enrollSecret: secret, device },
  });
  if (res.statusCode !== 201) throw new Error(`enroll failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Sends one scan report through the agent API. */
export function sendScan(
  c: TestCollector,
  token: string,
  scan: { device: DeviceFacts; findings: object[]; scannedAt: string },
) {
  return c.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      reportId: randomUUID(),
      kind: 'scan',
      scannedAt: scan.scannedAt,
      agentVersion: '0.1.0',
      catalogVersion: 'test',
      device: scan.device,
      findings: scan.findings,
    },
  });
}
