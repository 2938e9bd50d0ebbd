import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { type DialectName, openDatabase } from '../collector/db/open-database.ts';
import { hashSecret } from '../collector/security/secrets.ts';
import { fixedRate, saturation, type Target } from './load-generator.ts';

const devices = 10_000;
const postgresAdmin = process.env.IMSCOUT_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** 10,000 enrolled devices, written straight to the database (enrollment is not what is measured). */
async function seed(storage: { url?: string; dataDir: string }): Promise<string[]> {
  const database = await openDatabase({ databaseUrl: storage.url, dataDir: storage.dataDir });
  const tokens = Array.from({ length: devices }, (_, i) => `idt_bench_${i}_${randomUUID()}`);
  for (let start = 0; start < devices; start += 500) {
    await database.db
      .insertInto('devices')
      .values(
        tokens.slice(start, start + 500).map((token, k) => ({
          id: randomUUID(),
          hardware_id: `bench-${start + k}`,
          hostname: `ws-${start + k}`,
          os: 'windows',
          users: '[]',
          token_hash: hashSecret(token),
          enrolled_at: '2026-11-01T00:00:00.000Z',
        })),
      )
      .execute();
  }
  await database.db.destroy();
  return tokens;
}

async function waitForPort(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`nothing answers at ${url}`);
}

async function measure(label: string, target: Target, offset: number) {
  const sat = await saturation(target, { concurrency: 32, seconds: 6, offset });
  const lat = await fixedRate(target, { perSecond: 333, seconds: 6, offset: offset + 1_000_000 });
  return { label, perSecond: sat, ...lat };
}

/** Collector processes sharing the port: one per core of this 2-core machine. */
const workers = 2;

export async function collectorIngestBench(): Promise<boolean> {
  const port = 18_700;
  const bare = spawn(process.execPath, [join(import.meta.dirname, 'bare-json-server.ts'), String(port)], {
    stdio: 'ignore',
  });
  await waitForPort(`http://127.0.0.1:${port}/`);
  const ceiling = await measure(
    'bare node:http + JSON.parse (ceiling)',
    { url: `http://127.0.0.1:${port}/`, tokenFor: () => 'x' },
    0,
  );
  bare.kill();

  const results = [ceiling];
  let met = true;
  for (const dialect of ['sqlite', 'postgres'] as DialectName[]) {
    const dataDir = mkdtempSync(join(tmpdir(), 'imscout-bench-'));
    let url: string | undefined;
    let dbName: string | undefined;
    if (dialect === 'postgres') {
      dbName = `imscout_bench_${randomUUID().replaceAll('-', '')}`;
      const admin = new pg.Client({ connectionString: postgresAdmin });
      await admin.connect();
      await admin.query(`create database ${dbName}`);
      await admin.end();
      url = postgresAdmin.replace(/\/[^/]*$/, `/${dbName}`);
    }
    const tokens = await seed({ url, dataDir });
    const args = [
      join(import.meta.dirname, '../collector/bin/imscout-collector.ts'),
      'serve',
      '--workers',
      String(workers),
      '--port',
      String(port + 1),
      '--data-dir',
      dataDir,
    ];
    if (url) args.push('--database-url', url);
    const collector = spawn(process.execPath, args, {
      stdio: 'ignore',
      env: { ...process.env, IMSCOUT_LOG_LEVEL: 'warn' },
    });
    await waitForPort(`http://127.0.0.1:${port + 1}/healthz`);
    const result = await measure(
      `collector on ${dialect}`,
      { url: `http://127.0.0.1:${port + 1}/api/v1/reports`, tokenFor: (i) => tokens[i % devices] as string },
      0,
    );
    results.push(result);
    met &&= result.perSecond >= 3000 && result.p99 < 50 && result.failures === 0;
    collector.kill('SIGTERM');
    await sleep(500);
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const admin = new pg.Client({ connectionString: postgresAdmin });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
  }
  console.log(
    `collector ingest (${workers} worker processes), ${devices.toLocaleString('en')} enrolled devices, reports of 0–4 findings with evidence; load generator, collector and PostgreSQL share this machine's 2 cores`,
  );
  for (const r of results) {
    console.log(
      `  ${r.label.padEnd(40)} ${r.perSecond.toFixed(0).padStart(6)} reports/s at saturation (${((r.perSecond / ceiling.perSecond) * 100).toFixed(0)}% of ceiling); at 333/s: p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms${r.failures ? `, ${r.failures} failed` : ''}`,
    );
  }
  console.log(
    `  targets: ≥ 3,000 reports/s on each database, p99 < 50 ms at 333/s: ${met ? 'MET' : 'MISSED'}`,
  );
  return met;
}
