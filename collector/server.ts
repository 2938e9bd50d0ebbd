import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { buildApp } from './app.ts';
import type { CollectorConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { createServices } from './services.ts';

/**
 * Starts the collector. With several workers the primary migrates the database once and forks
 * processes that share the port; they hold no state of their own, like collectors behind a load
 * balancer, so SQLite (WAL: one writer at a time, across processes) or PostgreSQL stays the one truth.
 */
export async function serve(config: CollectorConfig): Promise<void> {
  const workers = config.workers === 0 ? availableParallelism() : config.workers;
  if (workers > 1 && cluster.isPrimary) {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    await database.db.destroy();
    for (let i = 0; i < workers; i++) cluster.fork();
    let running = workers;
    cluster.on('exit', () => {
      running--;
      if (running === 0) process.exitCode = 0;
    });
    const stop = () => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return;
  }
  await serveOne(config);
}

/** How often expired exceptions and silent agents are looked for. */
const sweepMs = 60_000;

/** One collector process: database (migrated), app, listener; stops cleanly on SIGINT/SIGTERM. */
async function serveOne(config: CollectorConfig): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const services = createServices({ database });
  const https =
    config.tlsCert && config.tlsKey
      ? { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) }
      : undefined;
  const app = await buildApp(services, {
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    ...(https ? { https } : {}),
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping: finishing requests in flight');
    await app.close();
    await services.ingest.drain();
    await database.db.destroy();
    process.exitCode = 0;
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  // Expired exceptions reopen their clients' alerts; silent agents raise theirs. Both idempotent,
  // so every collector may sweep.
  const sweep = setInterval(() => {
    const failed = (what: string) => (error: unknown) =>
      app.log.error({ err: error }, `${what} sweep failed`);
    services.policy.reevaluateExpired(2 * sweepMs).catch(failed('exception expiry'));
    services.silence.openSilentAlerts().catch(failed('silent agent'));
  }, sweepMs);
  sweep.unref();
  // Notifications leave the outbox every few seconds; one round at a time per collector.
  let delivering = false;
  const deliver = setInterval(() => {
    if (delivering) return;
    delivering = true;
    services.notifications
      .deliverDue()
      .catch((error: unknown) => app.log.error({ err: error }, 'notification delivery failed'))
      .finally(() => {
        delivering = false;
      });
  }, 2_000);
  deliver.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweep);
    clearInterval(deliver);
  });
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ database: database.dialect, location: database.location }, 'imscout collector ready');
}
