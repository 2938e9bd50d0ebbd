import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../collector/db/open-database.ts';
import { startCollectorProcess } from './helpers/collector-process.ts';
import { dialects, finding, freshDatabase } from './helpers/test-collector.ts';

const bin = join(import.meta.dirname, '../../collector/bin/imscout-collector.ts');
const cli = (args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' }).trim();

async function enroll(base: string, secret: string, hardwareId: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollSecret: secret, device: { hostname: hardwareId, os: 'linux', hardwareId } }),
  });
  return ((await res.json()) as { token: string }).token;
}

function post(base: string, token: string, body: object) {
  return fetch(`${base}/api/v1/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

const scan = (i: number, reportId: string = randomUUID()) => ({
  reportId,
  kind: 'scan',
  scannedAt: new Date(Date.UTC(2026, 10, 22, 10, 0, i)).toISOString(),
  agentVersion: '0.1.0',
  catalogVersion: 'x',
  device: { hostname: 'h', os: 'linux' },
  findings: i % 2 ? [finding('irssi', 'irc')] : [finding('irssi', 'irc'), finding('hexchat', 'irc')],
});

describe.each(dialects)('collector processes on %s', (dialect) => {
  it('loses no acknowledged report and stores no half of one when killed with SIGKILL mid-ingest', async () => {
    const storage = await freshDatabase(dialect);
    const storageArgs = storage.url ? ['--database-url', storage.url] : ['--data-dir', storage.dataDir];
    const secret = cli(['enroll-secret', 'create', ...storageArgs]);
    let collector = await startCollectorProcess(storage);
    const token = await enroll(collector.base, secret, 'hw-crash');
    const acknowledged: string[] = [];
    let i = 0;
    const workers = Array.from({ length: 6 }, async () => {
      for (;;) {
        const body = scan(i++);
        try {
          const res = await post(collector.base, token, body);
          if (res.status === 202) acknowledged.push(body.reportId);
        } catch {
          return; // the collector is gone
        }
      }
    });
    await sleep(700);
    collector.kill('SIGKILL');
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThan(10);

    collector = await startCollectorProcess(storage);
    const database = await openDatabase({ databaseUrl: storage.url, dataDir: storage.dataDir });
    try {
      const stored = new Set(
        (await database.db.selectFrom('reports').select('report_id').execute()).map((r) => r.report_id),
      );
      for (const id of acknowledged) expect(stored.has(id), `acknowledged report ${id} lost`).toBe(true);
      // All or nothing: the device's state is that of the newest stored scan.
      const newest = await database.db
        .selectFrom('reports')
        .select('scanned_at')
        .orderBy('scanned_at', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      const device = await database.db.selectFrom('devices').select('last_scan_at').executeTakeFirstOrThrow();
      expect(device.last_scan_at).toBe(new Date(newest.scanned_at).toISOString());
      // The restarted collector serves: a retried report is recognised as stored.
      const retry = await post(collector.base, token, scan(0, acknowledged[0]));
      expect(await retry.json()).toEqual({ status: 'duplicate' });
    } finally {
      collector.kill('SIGTERM');
      await database.db.destroy();
      await storage.drop();
    }
  }, 60_000);
});

describe('two collectors on one PostgreSQL', () => {
  it('behave as one: a report sent to both is stored once, state follows the newest scan', async () => {
    const storage = await freshDatabase('postgres');
    const secret = cli(['enroll-secret', 'create', '--database-url', storage.url as string]);
    const a = await startCollectorProcess(storage);
    const b = await startCollectorProcess(storage);
    try {
      const token = await enroll(a.base, secret, 'hw-two');
      expect(await enroll(b.base, secret, 'hw-other')).toMatch(/^idt_/);
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, n) => {
          const body = scan(n);
          return Promise.all([post(a.base, token, body), post(b.base, token, body)]).then((r) =>
            Promise.all(r.map((x) => x.json())),
          );
        }),
      );
      for (const pair of results)
        expect(pair.map((r) => (r as { status: string }).status).sort()).toEqual(['accepted', 'duplicate']);
      const database = await openDatabase({ databaseUrl: storage.url, dataDir: storage.dataDir });
      const reports = await database.db.selectFrom('reports').select('report_id').execute();
      const device = await database.db
        .selectFrom('devices')
        .select(['last_scan_at'])
        .where('hardware_id', '=', 'hw-two')
        .executeTakeFirstOrThrow();
      const current = await database.db
        .selectFrom('findings')
        .select('client')
        .where('gone_at', 'is', null)
        .orderBy('client')
        .execute();
      await database.db.destroy();
      expect(reports).toHaveLength(20);
      expect(device.last_scan_at).toBe(scan(19).scannedAt);
      expect(current.map((f) => f.client)).toEqual(['irssi']);
    } finally {
      a.kill('SIGTERM');
      b.kill('SIGTERM');
      await sleep(300);
      await storage.drop();
    }
  }, 60_000);
});
